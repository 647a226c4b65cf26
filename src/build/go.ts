// Edge: finds the Go toolchain and runs `go build`. Go runs in its own process group so that
// Ctrl-C (or an aborted rebuild in `lgw serve --watch`) also stops the compiler and linker
// it started.
import { spawn } from "node:child_process";
import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { LgwError } from "../errors.js";
import { killChild, startWatchdog, track } from "../util/children.js";
import { isExecutable } from "../util/host.js";

export const GO_MISSING =
  "Go is not installed or not on PATH: install Go 1.22+ (https://go.dev/dl/ or apt-get install golang-go)";

export interface GoToolchain {
  /** the real path of the go binary */
  path: string;
  /** e.g. "go1.26.8", read from $GOROOT/VERSION without running go */
  version: string;
}

/** The first `go` on PATH, identified cheaply (no process is started). */
export function findGo(env: Record<string, string | undefined>): GoToolchain | undefined {
  const names = process.platform === "win32" ? ["go.exe"] : ["go"];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (!isExecutable(candidate)) continue;
      const real = realpathSync(candidate);
      return { path: real, version: goVersion(real, env.GOROOT) };
    }
  }
  return undefined;
}

function goVersion(goBinary: string, goroot: string | undefined): string {
  const root = goroot || path.dirname(path.dirname(goBinary));
  try {
    const first = readFileSync(path.join(root, "VERSION"), "utf8").split("\n")[0]!.trim();
    if (first) return first;
  } catch {
    // some packaged Go installs have no VERSION file
  }
  // identify the binary itself: a different go is a different file
  const st = statSync(goBinary);
  return `unknown (size ${st.size}, mtime ${st.mtimeMs})`;
}

export function requireGo(env: Record<string, string | undefined>): GoToolchain {
  const go = findGo(env);
  if (!go) throw new LgwError(GO_MISSING);
  return go;
}

/**
 * How long go gets after SIGTERM before SIGKILL: the signal goes to its whole process group
 * (compile, link), which stop at once; the grace only matters for a go that hangs. Below the
 * 3 s after which lgw itself stops waiting on a signal.
 */
export const GO_STOP_GRACE_MS = 2000;

/** Runs go with the given arguments; a failure becomes an LgwError carrying go's own output. */
export function runGo(opts: {
  go: GoToolchain;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** the first line of the error when go fails, e.g. "go build failed for hello (arm64)" */
  failure: string;
  signal?: AbortSignal;
  /** after the SIGTERM an abort sends, how long before SIGKILL (default GO_STOP_GRACE_MS) */
  graceMs?: number;
}): Promise<void> {
  const { signal } = opts;
  if (signal?.aborted) return Promise.reject(new LgwError("build interrupted", { exitCode: 130 }));
  // the watchdog first: a SIGKILL of lgw right after go starts must still end go
  startWatchdog();
  return new Promise((resolve, reject) => {
    const child = spawn(opts.go.path, opts.args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: process.platform !== "win32",
    });
    track(child, { group: process.platform !== "win32" });
    const output: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => output.push(c));
    child.stderr.on("data", (c: Buffer) => output.push(c));
    let forceKill: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      killChild(child, "SIGTERM");
      forceKill = setTimeout(() => killChild(child, "SIGKILL"), opts.graceMs ?? GO_STOP_GRACE_MS);
      forceKill.unref();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    child.once("error", (err: NodeJS.ErrnoException) => {
      signal?.removeEventListener("abort", onAbort);
      reject(err.code === "ENOENT" ? new LgwError(GO_MISSING) : new LgwError(`could not run ${opts.go.path}: ${err.message}`, { cause: err }));
    });
    child.once("close", (code, sig) => {
      signal?.removeEventListener("abort", onAbort);
      clearTimeout(forceKill);
      if (signal?.aborted) return reject(new LgwError("build interrupted", { exitCode: 130 }));
      if (code === 0) return resolve();
      const text = Buffer.concat(output).toString("utf8").trimEnd();
      reject(
        new LgwError(opts.failure + (sig ? ` (go was killed by ${sig})` : ""), {
          detail: text || undefined,
          hint: text ? undefined : `run \`go ${opts.args.join(" ")}\` in ${opts.cwd} to see why`,
        }),
      );
    });
  });
}
