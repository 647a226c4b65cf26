import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeAt } from "../../test/helpers/files.js";
import { buildInputs, isBuildInput, isGoSource, isSkippedDir, listSourceFiles, sourceRoots } from "./go-sources.js";

describe("isGoSource", () => {
  it.each([
    ["main.go", true],
    ["pkg/x.go", true],
    ["x_test.go", false],
    ["go.mod", true],
    ["go.sum", true],
    ["go.work", true],
    ["go.work.sum", true],
    [".x.go", false],
    ["README.md", false],
    ["events/a.json", false],
  ])("%s: %s", (file, expected) => expect(isGoSource(file)).toBe(expected));
});

describe("isSkippedDir", () => {
  it.each([
    [".git", true],
    [".lgw", true],
    ["_old", true],
    ["testdata", true],
    ["node_modules", true],
    ["vendor", false],
    ["internal", false],
  ])("%s: %s", (name, expected) => expect(isSkippedDir(name)).toBe(expected));
});

describe("isBuildInput", () => {
  const embeds = ["/m/web/"];
  it.each([
    ["/m/lambda.go", true],
    ["/m/lambda_test.go", false],
    ["/m/web/index.html", true],
    ["/m/web/sub/logo.png", true],
    ["/m/web/.swp", false],
    ["/m/README.md", false],
    ["/m/webby/x.html", false],
  ])("%s: %s", (file, expected) => expect(isBuildInput(file, embeds)).toBe(expected));
});

describe("sourceRoots, listSourceFiles and buildInputs on a real tree", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lgw-go-sources-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text = "") => writeAt(dir, rel, text);
  write("app/go.mod", "module app\n\nreplace shared => ../shared\nreplace example.com/x => example.com/y v1.0.0\n");
  write("app/main.go", "package main\n");
  write("app/main_test.go", "package main\n");
  write("app/web/page.go", 'package web\n\nimport _ "embed"\n\n//go:embed index.html\nvar Page string\n');
  write("app/web/index.html", "<p>hi</p>");
  write("app/.lgw/build/x.go", "package x\n");
  write("app/README.md", "# app");
  write("shared/go.mod", "module shared\n");
  write("shared/util.go", "package shared\n");

  it("roots are the module and its local replaces, not module-path replaces", () => {
    expect(sourceRoots(path.join(dir, "app", "web"))).toEqual([path.join(dir, "app"), path.join(dir, "shared")]);
  });

  it("lists Go sources apart from the rest, skipping what go skips", () => {
    const files = listSourceFiles(sourceRoots(path.join(dir, "app")));
    const rel = (l: string[]) => l.map((f) => path.relative(dir, f));
    expect(rel(files.sources)).toEqual(["app/go.mod", "app/main.go", "app/web/page.go", "shared/go.mod", "shared/util.go"]);
    expect(rel(files.others)).toEqual(["app/README.md", "app/main_test.go", "app/web/index.html"]);
  });

  it("the watcher's filter takes embedded files and replaced modules, not tests or docs", () => {
    const inputs = buildInputs(path.join(dir, "app"));
    expect(inputs.isInput(path.join(dir, "app/web/index.html"))).toBe(true);
    expect(inputs.isInput(path.join(dir, "shared/util.go"))).toBe(true);
    expect(inputs.isInput(path.join(dir, "app/main_test.go"))).toBe(false);
    expect(inputs.isInput(path.join(dir, "app/README.md"))).toBe(false);
    // a new //go:embed widens the filter once refreshed
    write("app/main.go", 'package main\n\nimport _ "embed"\n\n//go:embed README.md\nvar readme string\n');
    expect(inputs.isInput(path.join(dir, "app/README.md"))).toBe(false);
    inputs.refresh();
    expect(inputs.isInput(path.join(dir, "app/README.md"))).toBe(true);
  });
});
