import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageRoot } from "../util/package-root.js";
import { refreshSchemaCopy, SCHEMA_COPY, SCHEMA_REF, shippedSchema } from "./schema-copy.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-schema-copy-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const SHIPPED = '{"title": "lgw.json"}\n';

function project(setup: (root: string) => void = () => {}): string {
  const root = path.join(work, `p${++n}`);
  mkdirSync(root);
  setup(root);
  return root;
}

describe("refreshSchemaCopy", () => {
  it.each([
    ["writes a missing copy (a clone whose .gitignore dropped it, an old checkout)", () => {}, SCHEMA_REF, true, SHIPPED],
    ["rewrites a stale copy (lgw was upgraded)", (r: string) => writeFileSync(path.join(r, SCHEMA_COPY), "{}"), SCHEMA_REF, true, SHIPPED],
    ["leaves an up-to-date copy alone", (r: string) => writeFileSync(path.join(r, SCHEMA_COPY), SHIPPED), SCHEMA_REF, false, SHIPPED],
    ["does nothing for a project whose $schema points elsewhere", () => {}, "./node_modules/lgw/schema/lgw.schema.json", false, undefined],
    ["does nothing without $schema", () => {}, undefined, false, undefined],
  ])("%s", (_, setup, ref, wrote, contents) => {
    const root = project(setup);
    expect(refreshSchemaCopy(root, ref, () => SHIPPED)).toBe(wrote);
    const copy = path.join(root, SCHEMA_COPY);
    expect(existsSync(copy) ? readFileSync(copy, "utf8") : undefined).toBe(contents);
  });

  it("never writes through a symlinked copy (a cloned repository's trap)", () => {
    const victim = path.join(work, `victim-${++n}`);
    writeFileSync(victim, "the user's file");
    const root = project((r) => symlinkSync(victim, path.join(r, SCHEMA_COPY)));
    expect(refreshSchemaCopy(root, SCHEMA_REF, () => SHIPPED)).toBe(false);
    expect(readFileSync(victim, "utf8")).toBe("the user's file");
  });

  it("never fails the command: a folder where the copy goes just skips the copy", () => {
    const root = project((r) => mkdirSync(path.join(r, SCHEMA_COPY)));
    expect(refreshSchemaCopy(root, SCHEMA_REF, () => SHIPPED)).toBe(false);
  });

  it("never fails the command when the shipped schema is missing", () => {
    const root = project();
    expect(
      refreshSchemaCopy(root, SCHEMA_REF, () => {
        throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      }),
    ).toBe(false);
    expect(existsSync(path.join(root, SCHEMA_COPY))).toBe(false);
  });

  it("ships the package's schema/lgw.schema.json", () => {
    expect(shippedSchema()).toBe(readFileSync(path.join(packageRoot(), "schema", "lgw.schema.json"), "utf8"));
    expect(JSON.parse(shippedSchema()).$schema).toMatch(/json-schema\.org/);
  });
});
