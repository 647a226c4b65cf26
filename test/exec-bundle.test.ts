// `lgw exec` runs from dist/exec.cjs, one CommonJS file that bin/lgw.js loads without the ESM
// graph of dist/main.js, through bin/compile-cache.cjs (on every Node version), which keeps V8's code cache
// between runs. Real processes: a copy of the bundle without main.js and its chunks still runs
// every way of spelling an exec, answers as the full CLI does, and the code cache is written,
// reused, refused in a folder others could write, and pruned.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBootstraps } from "./fixtures/bootstraps/build.js";
import { lgwBundleDist, removeBundle } from "./helpers/bin.js";
import { REPO_ROOT } from "./helpers/moto.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-exec-bundle-"));
// the CLI's dist/, bundled as it ships, and a copy of the bundle with only exec.cjs in dist/
let fullDist: string;
let execOnlyBin: string;
let echo: string;

const cacheLib = createRequire(import.meta.url)(path.join(REPO_ROOT, "bin", "compile-cache.cjs")) as {
  cacheFolder(env: NodeJS.ProcessEnv): string | undefined;
};

beforeAll(async () => {
  echo = buildBootstraps(work)("echo");
  fullDist = await lgwBundleDist();
  const copy = path.join(work, "exec-only");
  cpSync(path.dirname(fullDist), copy, { recursive: true });
  for (const f of readdirSync(path.join(copy, "dist"))) {
    if (!f.startsWith("exec.cjs")) rmSync(path.join(copy, "dist", f), { recursive: true, force: true });
  }
  execOnlyBin = path.join(copy, "bin", "lgw.js");
}, 180_000);
afterAll(() => {
  removeBundle();
  rmSync(work, { recursive: true, force: true });
});

function lgw(bin: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("lgw exec from dist/exec.cjs alone", () => {
  const payload = ["--bootstrap", "ECHO", "--payload", '{"n":1}'];
  it.each([
    ["exec first", ["exec", ...payload]],
    ["-C before exec", ["-C", ".", "exec", ...payload]],
    ["--cwd=DIR, --json and -v before exec", ["--cwd=.", "--json", "-v", "exec", ...payload]],
    ["--no-color and --verbose before exec", ["--no-color", "--verbose", "exec", ...payload]],
  ])("%s: runs the function", (_name, args) => {
    const r = lgw(execOnlyBin, args.map((a) => (a === "ECHO" ? echo : a)));
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.trim();
    // --json wraps the result; either way the echo bootstrap's answer is the payload
    expect(JSON.stringify(JSON.parse(out))).toContain('"n":1');
  });

  it("every other command needs dist/main.js (so the copy really lacks it)", () => {
    const r = lgw(execOnlyBin, ["--version"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/main\.js/);
  });

  it.each([
    ["help", ["exec", "--help"]],
    ["a missing payload file", ["exec", "missing.json"]],
    ["an unknown option", ["exec", "--bogus"]],
    ["a bad --timeout", ["exec", "--bootstrap", "x", "--timeout", "soon"]],
  ])("%s: the same output and exit code as the full CLI", (_name, args) => {
    const viaExec = lgw(execOnlyBin, args);
    // the full program, as dist/main.js runs any other command
    const main = path.join(fullDist, "main.js");
    const viaMain = spawnSync(process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(main)}); await m.run(${JSON.stringify(args)});`], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(viaExec.code).toBe(viaMain.status);
    expect(viaExec.stdout).toBe(viaMain.stdout);
    expect(viaExec.stderr).toBe(viaMain.stderr);
    if (args[1] !== "--help") expect(viaExec.code).not.toBe(0);
  });
});

describe("bin/compile-cache.cjs: where V8's code cache may live", () => {
  const uid = process.getuid!();
  it.each([
    ["a fresh folder: created for this user only", {}, (dir: string | undefined) => {
      expect(dir).toBe(path.join(work, "cache-fresh", `lgw-${uid}`));
      expect(statSync(dir!).mode & 0o777).toBe(0o700);
    }, "cache-fresh"],
    ["NODE_DISABLE_COMPILE_CACHE: none", { NODE_DISABLE_COMPILE_CACHE: "1" }, (dir: string | undefined) => expect(dir).toBeUndefined(), "cache-off"],
    ["a folder others can write: refused", {}, (dir: string | undefined) => expect(dir).toBeUndefined(), "cache-open", 0o777],
    ["a folder the group can write: refused", {}, (dir: string | undefined) => expect(dir).toBeUndefined(), "cache-group", 0o770],
    ["a file where the folder should be: refused", {}, (dir: string | undefined) => expect(dir).toBeUndefined(), "cache-file", "file"],
  ] as const)("%s", (_name, env, check, base, mode?: number | "file") => {
    const root = path.join(work, base);
    const dir = path.join(root, `lgw-${uid}`);
    if (mode === "file") {
      mkdirSync(root, { recursive: true });
      writeFileSync(dir, "");
    } else if (mode !== undefined) {
      mkdirSync(dir, { recursive: true });
      chmodSync(dir, mode);
    }
    check(cacheLib.cacheFolder({ NODE_COMPILE_CACHE: root, ...env }));
  });
});

describe("bin/compile-cache.cjs: the cache across runs", () => {
  const root = path.join(work, "cache-runs");
  const dir = () => path.join(root, `lgw-${process.getuid!()}`);
  const mod = path.join(work, "mod.cjs");
  const runner = path.join(work, "runner.cjs");
  const entries = () => readdirSync(dir()).filter((f) => f.endsWith(".v8")).sort();
  const run = () => {
    const r = spawnSync(process.execPath, [runner], { encoding: "utf8", env: { ...process.env, NODE_COMPILE_CACHE: root } });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.trim();
  };

  beforeAll(() => {
    writeFileSync(mod, 'exports.answer = (x) => JSON.stringify({ x, file: __filename, dir: __dirname, req: typeof require("node:path").join });\n');
    writeFileSync(runner, `const { requireWithCodeCache } = require(${JSON.stringify(path.join(REPO_ROOT, "bin", "compile-cache.cjs"))});\nconsole.log(requireWithCodeCache(${JSON.stringify(mod)}).answer(42));\n`);
  });

  it("the first run writes an entry; the module sees CommonJS's own variables", () => {
    expect(JSON.parse(run())).toEqual({ x: 42, file: mod, dir: work, req: "function" });
    expect(entries()).toHaveLength(1);
  });

  it("a second run uses the entry and leaves it as it is", () => {
    const [entry] = entries();
    const before = statSync(path.join(dir(), entry!)).mtimeMs;
    expect(JSON.parse(run()).x).toBe(42);
    expect(entries()).toEqual([entry]);
    expect(statSync(path.join(dir(), entry!)).mtimeMs).toBe(before);
  });

  it("a changed file gets its own entry and runs its new code", () => {
    writeFileSync(mod, "exports.answer = (x) => JSON.stringify({ x: x + 1 });\n");
    expect(JSON.parse(run())).toEqual({ x: 43 });
    expect(entries()).toHaveLength(2);
  });

  it("a corrupt entry is rewritten, not trusted", () => {
    for (const f of entries()) writeFileSync(path.join(dir(), f), "not V8's data");
    expect(JSON.parse(run())).toEqual({ x: 43 });
    const sizes = entries().map((f) => statSync(path.join(dir(), f)).size);
    expect(Math.max(...sizes)).toBeGreaterThan("not V8's data".length);
  });

  it("old entries are pruned to the 8 newest", () => {
    for (let i = 0; i < 12; i++) {
      const f = path.join(dir(), `old${i}.v8`);
      writeFileSync(f, "x");
      utimesSync(f, new Date(2020, 0, 1 + i), new Date(2020, 0, 1 + i));
    }
    writeFileSync(mod, "exports.answer = (x) => JSON.stringify({ x: x + 2 });\n");
    expect(JSON.parse(run())).toEqual({ x: 44 });
    expect(entries()).toHaveLength(8);
    expect(entries().filter((f) => f.startsWith("old"))).toHaveLength(5);
  });
});
