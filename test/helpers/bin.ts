// Runs lgw as a real process, the way a user's shell does: signals, exit codes, stdin and the
// process's own exit all matter here, which the in-process runLgw cannot show. Each test file
// bundles src/ once into its own folder under node_modules/.cache (dist/ is rebuilt by other
// runs), where the bundle still finds node_modules and lgw's package root. It is bundled with
// `npm run build`'s own options (minified, source maps), both bundles (dist/main.js and
// dist/exec.cjs), and started through a copy of the real bin/ (its launcher picks the bundle).
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { lgwBuilds } from "../../scripts/esbuild-options.mjs";
import { REPO_ROOT } from "./moto.js";

let bundle: Promise<string> | undefined;
let bundleDir: string | undefined;

/**
 * Bundles the CLI (once per test file) into <dir>/dist beside a copy of bin/, and returns the
 * path of that bin/lgw.js.
 */
export function lgwBundle(): Promise<string> {
  bundle ??= (async () => {
    const { build } = await import("esbuild");
    const cache = path.join(REPO_ROOT, "node_modules", ".cache");
    mkdirSync(cache, { recursive: true });
    bundleDir = mkdtempSync(path.join(cache, "lgw-test-bin-"));
    const dist = path.join(bundleDir, "dist");
    await Promise.all(lgwBuilds({ outdir: dist, version: "0.0.0-test" }).map((options) => build(options)));
    cpSync(path.join(REPO_ROOT, "bin"), path.join(bundleDir, "bin"), { recursive: true });
    return path.join(bundleDir, "bin", "lgw.js");
  })();
  return bundle;
}

/** The dist/ folder of lgwBundle(): main.js, exec.cjs and their maps. */
export async function lgwBundleDist(): Promise<string> {
  return path.join(path.dirname(path.dirname(await lgwBundle())), "dist");
}

export function removeBundle(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  bundle = undefined;
  bundleDir = undefined;
}

export interface LgwProcess {
  child: ChildProcess;
  /** everything written so far */
  stdout(): string;
  stderr(): string;
  /** resolves with the exit code (128 + n for a signal, as a shell reports it) */
  exited: Promise<{ code: number; signal: NodeJS.Signals | null; ms: number }>;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Starts `lgw ARGS` as its own process (NO_COLOR); the caller signals or waits for it. */
export async function startLgw(args: string[], opts: SpawnOptions & { env?: NodeJS.ProcessEnv } = {}): Promise<LgwProcess> {
  const launcher = await lgwBundle();
  const started = performance.now();
  const child = spawn(process.execPath, [launcher, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    ...opts,
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code: code ?? 128 + (SIGNALS[signal ?? ""] ?? 0), signal, ms: performance.now() - started })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until check() holds, polling; throws with `what` after timeoutMs. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
