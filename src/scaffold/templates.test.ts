import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { writeAt } from "../../test/helpers/files.js";
import { packageRoot } from "../util/package-root.js";
import { readTemplate, templatesDir } from "./templates.js";

const repo = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "lgw-templates-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("packageRoot", () => {
  it("finds lgw's root from the source tree", () => {
    expect(packageRoot()).toBe(repo);
    expect(templatesDir()).toBe(path.join(repo, "templates"));
  });

  // the bundle puts this module in dist/main.js or dist/chunks/*.js; an installed copy sits
  // under a project whose own package.json is not lgw's
  it.each([["dist/main.js"], ["dist/chunks/init-AB12.js"]])("finds it from %s of an installed package", (rel) => {
    const pkg = path.join(scratch, "app", "node_modules", "lgw");
    mkdirSync(path.join(pkg, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(scratch, "app", "package.json"), JSON.stringify({ name: "app" }));
    writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "lgw" }));
    expect(packageRoot(pathToFileURL(path.join(pkg, rel)).href)).toBe(pkg);
  });

  it("says so when there is none", () => {
    expect(() => packageRoot(pathToFileURL(path.join(scratch, "nowhere", "x.js")).href)).toThrow(/package.json not found/);
  });
});

describe("readTemplate", () => {
  it("layers common under the flavour and skips build output", async () => {
    const dir = path.join(scratch, "templates");
    const put = (rel: string, text: string) => writeAt(dir, rel, text);
    put("common/README.md", "common readme");
    put("common/_gitignore", "x");
    put("go-v1/README.md", "v1 readme");
    put("go-v1/events/a.json", "{}");
    put("go-v1/bootstrap", "binary");
    put("go-v1/.lgw/cache", "x");
    put("go-v1/function.zip", "x");
    const files = await readTemplate("v1", dir);
    expect(files.map((f) => [f.path, f.contents])).toEqual([
      ["README.md", "v1 readme"],
      ["_gitignore", "x"],
      ["events/a.json", "{}"],
    ]);
  });

  // each flavour is a standalone Go project, so these are copies: they must not drift apart
  it.each([["go.mod"], ["go.sum"], ["bootstrap.go"]])("%s is the same in go-v1 and go-v2", (file) => {
    const read = (flavour: string) => readFileSync(path.join(repo, "templates", flavour, file), "utf8");
    expect(read("go-v2")).toBe(read("go-v1"));
  });
});
