// What a user sees when a command fails, from a real lgw process (the bundle npm run build makes):
// exit codes, one-line messages naming the path, the --json error object on stdout; and --arch
// spellings accepted by every command that takes --arch.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { lgwBundleDist, removeBundle, startLgw } from "./helpers/bin.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-cli-errors-"));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removeBundle();
});

async function lgw(...args: string[]) {
  const p = await startLgw(args);
  const { code } = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

describe("init failures", () => {
  it("a folder holding a file init would write is a conflict: exit 2, one line, nothing written", async () => {
    const dir = path.join(work, "conflict");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "lambda.go"), "package mine\n");
    const r = await lgw("-C", dir, "init", ".", "--yes", "--skip-install");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*lambda\.go.*--force/);
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
    expect(readdirSync(dir)).toEqual(["lambda.go"]);
  });

  it("a path under a regular file: one line naming both, exit 2, not an internal error", async () => {
    const file = path.join(work, "afile");
    writeFileSync(file, "");
    const r = await lgw("init", path.join(file, "x"), "--yes", "--skip-install");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: cannot create the folder ${file}/x: ${file} is a file, not a folder\n[^\n]+\n$`));
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("with --json, the same failure is also an error object on stdout", async () => {
    const file = path.join(work, "afile-json");
    writeFileSync(file, "");
    const r = await lgw("--json", "init", path.join(file, "x"), "--yes", "--skip-install");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      error: { message: `cannot create the folder ${file}/x: ${file} is a file, not a folder`, code: "ENOTDIR", hint: expect.any(String) },
    });
  });
});

describe("--json failures", () => {
  it.each([
    [["build"], 2, "BAD_INPUT", /no lgw\.json or go\.mod/],
    [["exec", "missing.json"], 2, expect.any(String), /missing\.json/],
    [["build", "--arch", "sparc"], 2, "BAD_INPUT", /unknown architecture "sparc"/],
    [["bogus"], 2, "BAD_INPUT", /unknown command 'bogus'/],
  ])("lgw --json %j prints {error: {message, code, hint}} and exits %i", async (args, code, errorCode, message) => {
    const empty = mkdtempSync(path.join(work, "empty-"));
    const r = await lgw("-C", empty, "--json", ...args);
    expect(r.code).toBe(code);
    const { error } = JSON.parse(r.stdout) as { error: { message: string; code: string; hint: string | null } };
    expect(error.message).toMatch(message);
    expect(error.code).toEqual(errorCode);
    expect(Object.keys(error).sort()).toEqual(["code", "hint", "message"]);
    expect(r.stderr).toMatch(/^error: /);
  });
});

describe("--arch spellings", () => {
  const fixture = fileURLToPath(new URL("./fixtures/go-minimal", import.meta.url));
  it.each([
    ["aarch64", "arm64", 0xb7],
    ["x86-64", "x86_64", 0x3e],
  ])("lgw build --arch %s builds %s", async (given, arch, elfMachine) => {
    const dir = path.join(work, `build-${given}`);
    cpSync(fixture, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.lgw`) });
    const r = await lgw("-C", dir, "--json", "build", "--arch", given);
    expect(r.code, r.stderr).toBe(0);
    const [built] = (JSON.parse(r.stdout) as { functions: { architecture: string; binaryPath: string }[] }).functions;
    expect(built?.architecture).toBe(arch);
    // e_machine of the ELF header: AArch64 183, x86-64 62
    expect(readFileSync(built!.binaryPath).readUInt16LE(18)).toBe(elfMachine);
  });

  it("lgw init --arch aarch64 writes arm64 into lgw.json", async () => {
    const dir = path.join(work, "init-aarch64");
    const r = await lgw("init", dir, "--arch", "aarch64", "--yes", "--skip-install");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "lgw.json"), "utf8")).architecture).toBe("arm64");
  });
});

describe("a throw outside a command's promise", () => {
  it("is reported as a bug (exit 1, the stack), not Node's raw crash", async () => {
    const main = path.join(await lgwBundleDist(), "main.js");
    const script = path.join(work, "crash.mjs");
    // lgw's run() as the bin calls it, then a throw from a timer, as an event handler's bug would
    writeFileSync(script, 'const m = await import(process.argv[2]);\nsetTimeout(() => { throw new TypeError("boom from a timer"); }, 20);\nawait m.run(["--version"]);\nsetTimeout(() => {}, 5000);\n');
    const r = spawnSync(process.execPath, [script, main], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: internal error \(this is a bug in lgw, please report it\): boom from a timer\nTypeError: boom from a timer\n\s+at /);
  });
});
