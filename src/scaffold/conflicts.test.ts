import { describe, expect, it } from "vitest";
import { goClashes, packageClause, targetProblems, type PathKind } from "./conflicts.js";
import type { FileOp } from "./plan.js";

const ops = ["bootstrap.go", "lambda.go", "events/get-hello.json", "events/post-hello.json", "lgw.json"].map((path) => ({ path, contents: "", mode: 0o644 }) as FileOp);
const disk = (entries: Record<string, PathKind>) => (p: string) => entries[p] ?? "missing";

describe("targetProblems", () => {
  it.each<[string, Record<string, PathKind>, { existing: string[]; blocked: string[] }]>([
    ["an empty folder", {}, { existing: [], blocked: [] }],
    ["files it would write", { "lambda.go": "file", events: "dir", "events/get-hello.json": "file" }, { existing: ["lambda.go", "events/get-hello.json"], blocked: [] }],
    ["a symlinked events/ (once, however many files go in it)", { events: "symlink" }, { existing: [], blocked: ["events/ (a symlink)"] }],
    ["a symlinked lambda.go", { "lambda.go": "symlink" }, { existing: [], blocked: ["lambda.go (a symlink)"] }],
    ["a file where a folder goes", { events: "file" }, { existing: [], blocked: ["events (not a folder)"] }],
    ["a folder where a file goes", { "lgw.json": "dir" }, { existing: [], blocked: ["lgw.json (not a file)"] }],
  ])("%s", (_what, entries, expected) => {
    expect(targetProblems(ops, disk(entries))).toEqual(expected);
  });
});

describe("packageClause", () => {
  it.each([
    ["package main\n", "main"],
    ["//go:build linux\n\n// Package x does things.\npackage x\n", "x"],
    ["/* package fake */\npackage real // trailing\n", "real"],
    ["package main_test\n", "main_test"],
    ["// nothing here\n", undefined],
  ])("%j -> %s", (src, pkg) => {
    expect(packageClause(src)).toBe(pkg);
  });
});

describe("goClashes", () => {
  it("names Go files beside the scaffold's that are not its own, except external tests", () => {
    const present = [
      { path: "main.go", package: "main" },
      { path: "lambda.go", package: "main" },
      { path: "util.go", package: "util" },
      { path: "main_ext_test.go", package: "main_test" },
      { path: "cmd/tool/main.go", package: "main" },
    ];
    expect(goClashes(ops, present).map((f) => f.path)).toEqual(["main.go", "util.go"]);
  });
});
