import { describe, expect, it } from "vitest";
import { runLgw } from "../../test/helpers/cli.js";

describe("cli", () => {
  it.each([
    [["--version"], 0, /^\d+\.\d+\.\d+/],
    [["--help"], 0, /Examples:/],
    [["api", "--help"], 0, /create-resource/],
  ])("%j exits %i", async (args, code, out) => {
    const r = await runLgw(args);
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(out);
  });

  it.each([
    [["bogus"], /unknown command 'bogus'/],
    [["build", "--arch", "sparc"], /Allowed choices are arm64, x86_64, amd64/],
    [["-C", "/definitely/not/here", "build"], /no such directory/],
  ])("%j is bad usage: exit 2 with one line", async (args, message) => {
    const r = await runLgw(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("errors", () => {
  it("prints an error and its hint on stderr only, keeping stdout clean", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const empty = mkdtempSync(path.join(tmpdir(), "lgw-empty-"));
    const r = await runLgw(["build"], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/no lgw.json or go.mod/);
    expect(r.stderr).toMatch(/lgw init/);
  });
});
