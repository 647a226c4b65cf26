// Tools for bench/serve.mjs, built with the local Go toolchain into bench/.bin (kept between
// runs; go's own cache makes a rebuild cheap): the load generator (bench/loadgen), the native
// baseline (bench/native) and AWS's Runtime Interface Emulator at a pinned version. Also how a
// process's own CPU time is read, and how one load run is started and parsed.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { repo } from "./lib.mjs";

export const BIN = path.join(repo, "bench", ".bin");
/** The newest aws-lambda-runtime-interface-emulator the Go module proxy serves (no tagged release is). */
export const RIE_VERSION = "v0.0.0-20261030222936-bef5c4ba774d";
const RIE_MODULE = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie";

// GOFLAGS from the developer's shell (-mod=vendor, say) must not reach these small modules
const goEnv = (extra = {}) => ({ ...process.env, GOFLAGS: "", GOWORK: "off", ...extra });

/** `go build` of bench/<dir> into bench/.bin/<dir>; throws with go's output when it fails. */
export function goBuild(dir) {
  mkdirSync(BIN, { recursive: true });
  const out = path.join(BIN, dir);
  const r = spawnSync("go", ["build", "-o", out, "."], { cwd: path.join(repo, "bench", dir), encoding: "utf8", env: goEnv() });
  if (r.status !== 0) throw new Error(`building bench/${dir} failed:\n${r.stderr}`);
  return out;
}

/**
 * The RIE binary, installed by `go install` into a folder named after its version; undefined
 * (with the reason) when the install fails, so the rest of the bench still runs.
 */
export function installRie() {
  const gobin = path.join(BIN, `rie-${RIE_VERSION}`);
  const bin = path.join(gobin, "aws-lambda-rie");
  if (existsSync(bin)) return { bin };
  mkdirSync(gobin, { recursive: true });
  const r = spawnSync("go", ["install", `${RIE_MODULE}@${RIE_VERSION}`], { cwd: BIN, encoding: "utf8", env: goEnv({ GOBIN: gobin }) });
  if (r.status !== 0 || !existsSync(bin)) return { reason: `go install ${RIE_MODULE}@${RIE_VERSION} failed:\n${r.stderr}` };
  return { bin };
}

/** user+system CPU time of one process (not its children) in ms, from /proc/PID/stat. */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // the fields after "(comm)": state is field 3, utime 14, stime 15
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
/**
 * CPU ms of each live direct child of `pid` (lgw's bootstraps, RIE's), by child pid: children
 * that exist at both ends of a run are what the run cost them.
 */
export function childrenCpuMs(pid) {
  const out = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid) out.set(entry, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    } catch {
      // gone between the listing and the read
    }
  }
  return out;
}
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/**
 * One run of the load generator; resolves with its JSON result plus, given `pid`, that
 * process's CPU ms over the run (cpuMs) and its children's (childCpuMs: the bootstraps). opts: { connections, ms, max, method, bodyFile, pid }.
 */
export function load(loadgen, url, opts) {
  const args = ["-url", url, "-c", String(opts.connections), "-d", `${opts.ms}ms`, "-n", String(opts.max ?? 200_000)];
  if (opts.method) args.push("-method", opts.method);
  if (opts.bodyFile) args.push("-body", opts.bodyFile);
  return new Promise((resolve, reject) => {
    const before = opts.pid ? cpuMs(opts.pid) : 0;
    const kidsBefore = opts.pid ? childrenCpuMs(opts.pid) : new Map();
    const child = spawn(loadgen, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`loadgen ${args.join(" ")} exited ${code}: ${err}`));
      const result = JSON.parse(out);
      if (opts.pid) {
        result.cpuMs = cpuMs(opts.pid) - before;
        let kids = 0;
        for (const [kid, ms] of childrenCpuMs(opts.pid)) if (kidsBefore.has(kid)) kids += ms - kidsBefore.get(kid);
        result.childCpuMs = kids;
      }
      resolve(result);
    });
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on 127.0.0.1:port (at most `ms`). */
export async function waitForPort(port, ms = 10_000) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
}

/**
 * Starts a server and resolves with { child, url } once it listens: `url` is the first
 * http://127.0.0.1:port it prints on stdout, or, given `port`, that port once it accepts
 * connections. Its stderr (and stdout, with `port`) go to logFile, so reading them costs the
 * load generator nothing.
 */
export function startServer(cmd, args, logFile, opts = {}) {
  const { port, ...spawnOpts } = opts;
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, "w");
    const child = spawn(cmd, args, { stdio: ["ignore", port ? fd : "pipe", fd], ...spawnOpts });
    closeSync(fd);
    started.push(child);
    child.on("exit", (code, signal) => reject(new Error(`${cmd} ${args.join(" ")} exited (${code ?? signal}) before listening:\n${readFileSync(logFile, "utf8")}`)));
    if (port) {
      waitForPort(port).then(() => resolve({ child, url: `http://127.0.0.1:${port}` }), reject);
      return;
    }
    let out = "";
    const onData = (d) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        child.stdout.off("data", onData);
        child.stdout.resume();
        resolve({ child, url: m[1] });
      }
    };
    child.stdout.on("data", onData);
  });
}

const started = [];
/** SIGTERM to every server startServer started that is still running. */
export function stopAll() {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
}

export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
