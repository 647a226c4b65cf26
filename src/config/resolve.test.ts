import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveFunction, resolveProject, type ProjectNeed } from "./resolve.js";
import { parseConfig } from "./parse.js";

const root = mkdtempSync(path.join(os.tmpdir(), "lgw-resolve-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = (name: string, files: Record<string, string>) => {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
};
const withFile = folder("with-file", { "lgw.json": JSON.stringify({ functions: { a: { entry: "." }, b: { entry: "./b" } } }) });
const goModOnly = folder("gomod-only", { "go.mod": "module x\n" });
const empty = folder("empty", {});
const broken = folder("broken", { "lgw.json": "{ nope" });
const below = path.join(withFile, "sub", "dir");
mkdirSync(below, { recursive: true });

describe("resolveProject", () => {
  it.each([
    ["lgw.json", withFile, "required", ["a", "b"]],
    ["lgw.json found from a folder below", below, "file", ["a", "b"]],
    ["go.mod as a one-function project", goModOnly, "required", ["gomod-only"]],
    ["go.mod, optional", goModOnly, "optional", ["gomod-only"]],
    ["go.mod does not count for file", goModOnly, "file", undefined],
    ["nothing, optional", empty, "optional", undefined],
    ["nothing, file", empty, "file", undefined],
  ] as [string, string, ProjectNeed, string[] | undefined][])("%s (%s, %s)", (_n, dir, need, names) => {
    expect(resolveProject(dir, need)?.functions.map((f) => f.name)).toEqual(names);
  });

  it.each(["required", "optional", "file"] as ProjectNeed[])("a broken lgw.json is an error even when %s", (need) => {
    expect(() => resolveProject(broken, need)).toThrow(/lgw\.json:1:\d+: not valid JSON/);
  });

  it("nothing, required: the error names lgw init", () => {
    expect(() => resolveProject(empty, "required")).toThrow(/no lgw\.json or go\.mod .* or above/);
  });
});

describe("resolveFunction", () => {
  const two = parseConfig(JSON.stringify({ functions: { a: { entry: "." }, b: { entry: "./b" } } }), "lgw.json", "/p");
  const one = parseConfig(JSON.stringify({ functions: { a: { entry: "." } } }), "lgw.json", "/p");
  it.each([
    ["the positional name", { positional: "b", config: two }, "b"],
    ["--function", { flag: "b", config: two }, "b"],
    ["both, the same", { positional: "b", flag: "b", config: two }, "b"],
    ["the only function", { config: one }, "a"],
    ["no project: the name given", { positional: "deployed-fn" }, "deployed-fn"],
    ["deployed: a name lgw.json does not define", { positional: "elsewhere", config: two, deployed: true }, "elsewhere"],
  ])("%s", (_n, choice, want) => expect(resolveFunction({ example: "lgw x f", ...choice })).toBe(want));

  it.each([
    ["two different names", { positional: "a", flag: "b", config: two }, /two functions given \(a and --function b\)/],
    ["several functions, none named", { config: two }, /has 2 functions \(a, b\): pick one with --function/],
    ["a name lgw.json lacks (local)", { positional: "c", config: two }, /no function "c" in lgw\.json/],
    ["no project and no name", {}, /no project here: name the function, e\.g\. `lgw x f`/],
  ])("%s is one line, exit 2", (_n, choice, problem) => {
    let err: unknown;
    try {
      resolveFunction({ example: "lgw x f", ...choice });
    } catch (e) {
      err = e;
    }
    expect(String(err)).toMatch(problem);
    expect((err as { exitCode?: number }).exitCode).toBe(2);
  });
});
