// `lgw init` into a folder that is not empty, as a real process: it never writes through a
// symlink (not even with --force) and refuses a folder whose Go code its package main would
// collide with. Nothing is written when it refuses.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeBundle, startLgw } from "./helpers/bin.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-init-safety-"));
let n = 0;
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removeBundle();
});

function fresh(): { dir: string; outside: string } {
  const dir = path.join(work, `case-${++n}`);
  const outside = path.join(work, `outside-${n}`);
  mkdirSync(dir);
  mkdirSync(outside);
  return { dir, outside };
}

async function init(dir: string, ...flags: string[]) {
  const p = await startLgw(["-C", dir, "init", ".", "--yes", "--skip-install", ...flags]);
  const { code } = await p.exited;
  return { code, stderr: p.stderr(), stdout: p.stdout() };
}

describe("lgw init never writes through a symlink", () => {
  for (const force of [false, true]) {
    it(`a symlinked events/ is a conflict${force ? ", even with --force" : ""}`, async () => {
      const { dir, outside } = fresh();
      symlinkSync(outside, path.join(dir, "events"));
      const r = await init(dir, ...(force ? ["--force"] : []));
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/^error: \. has events\/ \(a symlink\): lgw init never writes through a symlink or over a folder; nothing was written$/m);
      expect(readdirSync(outside)).toEqual([]);
      expect(readdirSync(dir)).toEqual(["events"]);
    });
  }

  it("a symlinked lambda.go with --force: refused, the file it points to untouched", async () => {
    const { dir, outside } = fresh();
    const target = path.join(outside, "precious.go");
    writeFileSync(target, "package precious\n");
    symlinkSync(target, path.join(dir, "lambda.go"));
    const r = await init(dir, "--force");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: . has lambda.go (a symlink)");
    expect(readFileSync(target, "utf8")).toBe("package precious\n");
    expect(readdirSync(dir)).toEqual(["lambda.go"]);
  });
});

describe("lgw init beside another Go program", () => {
  it("a main.go of package main: conflict (exit 2), nothing written", async () => {
    const { dir } = fresh();
    writeFileSync(path.join(dir, "main.go"), "// my tool\npackage main\n\nfunc main() {}\n");
    const r = await init(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: . already holds Go code the new package main would collide with: main.go (package main); nothing was written");
    expect(readdirSync(dir)).toEqual(["main.go"]);
  });

  it("with --force it writes, and says the project will not build", async () => {
    const { dir } = fresh();
    writeFileSync(path.join(dir, "main.go"), "package main\n\nfunc main() {}\n");
    const r = await init(dir, "--force");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning: . already holds Go code the new package main would collide with: main.go (package main): the project will not build until they are moved");
  });

  it("Go code in a subfolder, or an external test package, is no collision", async () => {
    const { dir } = fresh();
    mkdirSync(path.join(dir, "cmd", "tool"), { recursive: true });
    writeFileSync(path.join(dir, "cmd", "tool", "main.go"), "package main\n\nfunc main() {}\n");
    writeFileSync(path.join(dir, "extra_test.go"), "package main_test\n");
    const r = await init(dir);
    expect(r.code, r.stderr).toBe(0);
  });
});
