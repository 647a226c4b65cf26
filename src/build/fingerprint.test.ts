import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { writeAt } from "../../test/helpers/files.js";
import { implicitConfig } from "../config/parse.js";
import { computeFingerprint, readRecord, writeRecord } from "./fingerprint.js";
import { localReplaceDirs, moduleRoot } from "./go-sources.js";
import { buildTarget, lambdaPlatform } from "./target.js";

const base = mkdtempSync(path.join(tmpdir(), "lgw-fp-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let root = "";
let n = 0;

const write = (rel: string, text: string) => writeAt(root, rel, text);

function fp(opts: { arch?: "arm64" | "x86_64"; env?: NodeJS.ProcessEnv; goVersion?: string; outDir?: string } = {}): string {
  const config = implicitConfig(root, "hello");
  const target = buildTarget({ config, fn: config.functions[0]!, platform: lambdaPlatform(opts.arch ?? "arm64"), baseEnv: opts.env ?? {}, outDir: opts.outDir });
  return computeFingerprint({ target, goPath: "/usr/local/go/bin/go", goVersion: opts.goVersion ?? "go1.26.0", root, excludeDirs: [target.outDir] });
}

beforeEach(() => {
  root = path.join(base, `p${n++}`);
  write("go.mod", "module example.com/p\n\ngo 1.22\n");
  write("go.sum", "");
  write("main.go", "package main\nfunc main() {}\n");
  write("internal/greet/greet.go", "package greet\n");
});

describe("computeFingerprint", () => {
  it("is stable when nothing changed", () => {
    expect(fp()).toBe(fp());
    expect(fp()).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["a .go file's content", () => write("main.go", "package main\nfunc main() { println() }\n")],
    ["a .go file in a subpackage", () => write("internal/greet/greet.go", "package greet\nvar X = 1\n")],
    ["a new .go file", () => write("internal/greet/more.go", "package greet\n")],
    ["go.mod", () => write("go.mod", "module example.com/p\n\ngo 1.23\n")],
    ["go.sum", () => write("go.sum", "x v1 h1:abc\n")],
    ["a file renamed", () => { rmSync(path.join(root, "internal/greet/greet.go")); write("internal/greet/greet2.go", "package greet\n"); }],
  ])("changes with %s", (_what, change) => {
    const before = fp();
    change();
    expect(fp()).not.toBe(before);
  });

  it.each([
    ["a test file", () => write("main_test.go", "package main\n")],
    ["a README", () => write("README.md", "# hi\n")],
    ["lgw.json", () => write("lgw.json", "{}")],
    ["an event file", () => write("events/get.json", "{}")],
    ["the build outputs", () => write(".lgw/build/hello/arm64/bootstrap", "ELF")],
    ["the --out directory", () => write("dist/hello/arm64/x.go", "package x")],
    ["node_modules", () => write("node_modules/x/y.go", "package y")],
    ["testdata", () => write("testdata/z.go", "package z")],
    ["a dot directory", () => write(".git/HEAD", "ref")],
    ["mtime of a .go file", () => utimesSync(path.join(root, "main.go"), new Date(1e9), new Date(1e9))],
  ])("does not change with %s", (_what, change) => {
    const before = fp({ outDir: "dist" });
    change();
    expect(fp({ outDir: "dist" })).toBe(before);
  });

  it("does not depend on the per-process temp output path", () => {
    const config = implicitConfig(root, "hello");
    const target = buildTarget({ config, fn: config.functions[0]!, platform: lambdaPlatform("arm64"), baseEnv: {} });
    const other = { ...target, tempBinaryPath: target.tempBinaryPath + ".other", args: target.args.map((a) => (a === target.tempBinaryPath ? a + ".other" : a)) };
    const of = (t: typeof target) => computeFingerprint({ target: t, goPath: "/usr/local/go/bin/go", goVersion: "go1.26.0", root, excludeDirs: [t.outDir] });
    expect(of(other)).toBe(of(target));
  });

  it("changes with the architecture, the Go version and relevant env, not with unrelated env", () => {
    const before = fp({ env: { HOME: "/a" } });
    expect(fp({ arch: "x86_64" })).not.toBe(before);
    expect(fp({ goVersion: "go1.26.1" })).not.toBe(before);
    expect(fp({ env: { GOAMD64: "v3" } })).not.toBe(before);
    expect(fp({ env: { HOME: "/b", PATH: "/x", GOCACHE: "/c" } })).toBe(before);
  });

  it("counts files next to a //go:embed by size and mtime", () => {
    write("main.go", 'package main\nimport _ "embed"\n//go:embed static/index.html\nvar page string\nfunc main() {}\n');
    write("static/index.html", "<p>one</p>");
    const before = fp();
    write("static/index.html", "<p>two!</p>");
    expect(fp()).not.toBe(before);
  });

  it("includes local replace directories", () => {
    const lib = path.join(base, `lib${n}`);
    mkdirSync(lib, { recursive: true });
    writeFileSync(path.join(lib, "lib.go"), "package lib\n");
    write("go.mod", `module example.com/p\n\ngo 1.22\n\nreplace example.com/lib => ../${path.basename(lib)}\n`);
    const before = fp();
    writeFileSync(path.join(lib, "lib.go"), "package lib\nvar Y = 2\n");
    expect(fp()).not.toBe(before);
  });
});

describe("helpers", () => {
  it("localReplaceDirs finds relative and absolute targets, not module paths", () => {
    const mod = "replace a => ../a\nreplace (\n\tb v1.0.0 => ./vendor2/b\n\tc => github.com/x/c v1.2.3\n\td => /abs/d\n)\n";
    expect(localReplaceDirs(mod, "/m")).toEqual([path.resolve("/a"), path.resolve("/m/vendor2/b"), path.resolve("/abs/d")]);
  });

  it("moduleRoot walks up to go.mod", () => {
    write("sub/dir/x.txt", "");
    expect(moduleRoot(path.join(root, "sub/dir"))).toBe(root);
  });

  it("records round-trip and a corrupt record reads as none", () => {
    const file = path.join(root, ".fingerprint");
    writeRecord(file, { fingerprint: "abc", zip: { size: 3, mtimeMs: 1.5, codeSha256: "x=" } });
    expect(readRecord(file)).toEqual({ fingerprint: "abc", zip: { size: 3, mtimeMs: 1.5, codeSha256: "x=" } });
    writeFileSync(file, "{not json");
    expect(readRecord(file)).toBeUndefined();
  });
});
