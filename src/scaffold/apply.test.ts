import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LgwError } from "../errors.js";
import { checkTarget } from "./apply.js";
import type { FileOp } from "./plan.js";

const dir = mkdtempSync(path.join(tmpdir(), "lgw-apply-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const names = ["a.go", "b.go", "c.go", "d.go", "e.go", "f.go", "g.go", "h.go"];
const ops = names.map((p) => ({ path: p, contents: "", mode: 0o644 }) as FileOp);
mkdirSync(dir, { recursive: true });
for (const n of names) writeFileSync(path.join(dir, n), "");

function refusal(verbose?: boolean): LgwError {
  try {
    checkTarget(dir, ops, { force: false, cwd: dir, verbose });
  } catch (err) {
    return err as LgwError;
  }
  throw new Error("checkTarget did not refuse");
}

describe("checkTarget", () => {
  it("caps a long conflict list at one line and says how to see all of it", () => {
    const err = refusal();
    expect(err.message).toMatch(/already has a\.go, b\.go, c\.go, d\.go, e\.go, and 3 more; nothing was written/);
    expect(err.hint).toMatch(/--verbose/);
  });

  it("lists every conflicting file with --verbose", () => {
    const err = refusal(true);
    expect(err.message).toContain(`already has ${names.join(", ")}; nothing was written`);
    expect(err.hint).toBeUndefined();
  });

  it("--force lets files it would overwrite through", () => {
    expect(checkTarget(dir, ops, { force: true, cwd: dir })).toEqual({ warnings: [] });
  });
});
