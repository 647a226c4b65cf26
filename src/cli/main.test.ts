import { describe, expect, it } from "vitest";
import { runLgw } from "../../test/helpers/cli.js";
import { tempDir } from "../../test/helpers/files.js";

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
    [["build", "--arch", "sparc"], /--arch.*unknown architecture "sparc": use arm64 or x86_64 \(aarch64, amd64/],
    [["deploy", "--arch", "i386", "--dry-run"], /--arch.*unknown architecture "i386"/],
    [["init", "x", "--arch", "sparc", "--yes"], /--arch.*unknown architecture "sparc"/],
    [["-C", "/definitely/not/here", "build"], /no such directory/],
  ])("%j is bad usage: exit 2 with one line", async (args, message) => {
    const r = await runLgw(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("--arch, one option for every command that takes it", () => {
  it.each([
    ["arm64", "arm64"],
    ["aarch64", "arm64"],
    ["AARCH64", "arm64"],
    ["x86_64", "x86_64"],
    ["x86-64", "x86_64"],
    ["amd64", "x86_64"],
  ])("init --arch %s scaffolds %s", async (given, arch) => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const dir = mkdtempSync(path.join(tmpdir(), "lgw-arch-"));
    try {
      const r = await runLgw(["init", ".", "--name", "a", "--arch", given, "--yes", "--skip-install", "--json"], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).architecture).toBe(arch);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is the same definition in build, deploy and init", async () => {
    const { registry } = await import("./registry.js");
    const archOf = (name: string) => registry.find((c) => c.name === name)?.options?.find((o) => o.flags.startsWith("--arch"));
    const build = archOf("build");
    expect(build?.parse).toBeTypeOf("function");
    for (const name of ["deploy", "init"]) {
      expect(archOf(name)?.parse).toBe(build?.parse);
      expect(archOf(name)?.choices).toBeUndefined();
    }
  });
});

describe("errors", () => {
  it("prints an error and its hint on stderr only, keeping stdout clean", async () => {
    const empty = tempDir("lgw-empty-");
    const r = await runLgw(["build"], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/no lgw.json or go.mod/);
    expect(r.stderr).toMatch(/lgw init/);
  });
});
