// Helpers shared by the benchmarks in this folder: where the CLI is, timing a command N times
// after warm-ups and taking the median, formatting result rows, a private moto server for the
// AWS benches, and getting a Go project to run lgw in. Not a benchmark itself (run.mjs lists them).
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The checkout's root. */
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The CLI to measure: LGW_BIN, else this checkout's bin/lgw.js (run `npm run build` first). */
export const lgw = process.env.LGW_BIN ?? path.join(repo, "bin", "lgw.js");
export const WARMUP = 2;
/** Timed runs per command: BENCH_RUNS, else the bench's own default. */
export const runs = (fallback = 10) => Number(process.env.BENCH_RUNS ?? fallback);

/** Runs `node ...args` to completion, timing it; throws when it exits non-zero. */
export function run(args, cwd, env = { ...process.env, NO_COLOR: "1" }) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return { ms, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** { key: [ms, ...] } -> { key: median ms } */
export const medians = (times) => Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));

/**
 * Median times of each command (an argument list, or a function returning one per run),
 * measured round-robin so drift hits all of them alike.
 */
export function measure(commands, cwd, count, warmup = WARMUP) {
  const times = commands.map(() => []);
  for (let i = 0; i < warmup + count; i++) {
    commands.forEach((args, j) => {
      const { ms } = run(typeof args === "function" ? args() : args, cwd);
      if (i >= warmup) times[j].push(ms);
    });
  }
  return times.map(median);
}

/** One result row: label, median ms, ratio to the baseline and, given a target ratio, a verdict. */
export function line(label, ms, baseline, { width, target } = {}) {
  const ratio = ms / baseline;
  const verdict = target === undefined ? "" : ratio <= target ? `  ok (target <= ${target}x)` : `  OVER TARGET (target <= ${target}x)`;
  return `  ${label.padEnd(width)} ${ms.toFixed(1).padStart(8)} ms  ${ratio.toFixed(2).padStart(5)}x${verdict}`;
}

/** Exits 0 with a note when the CLI (or dist/, for this checkout's CLI) is not built. */
export function requireBuild(bench, bin = lgw) {
  if (!existsSync(bin) || (!process.env.LGW_BIN && !existsSync(path.join(repo, "dist", "main.js")))) {
    console.log(`bench/${bench}: ${bin} or dist/ is missing: run \`npm run build\` first`);
    process.exit(0);
  }
}

/**
 * `lgw init DEST --yes ...args` (bin: the CLI, env: its environment); true when it exited 0
 * and DEST/expect exists (when given).
 */
export function tryInit(dest, args, { cwd, expect, bin = lgw, env } = {}) {
  try {
    run([bin, "init", dest, "--yes", ...args], cwd, env);
  } catch {
    return false;
  }
  return expect === undefined || existsSync(path.join(dest, expect));
}

/** Copies test/fixtures/go-minimal to dest. */
export function copyFixture(dest, opts = {}) {
  cpSync(path.join(repo, "test", "fixtures", "go-minimal"), dest, { recursive: true, ...opts });
}

// --- moto, for the AWS benches ---

export const motoServer = path.join(repo, ".venv", "bin", "moto_server");
export const REGION = "us-east-1";
export const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

/**
 * Exits 0 with a note when moto is not installed; else the environment for lgw and the bare SDK
 * scripts: fake credentials, no profile, no endpoint overrides (those in `unset`).
 */
export function awsEnv(bench, unset) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  if (!existsSync(motoServer)) {
    console.log(`bench/${bench}: skipped, ${motoServer} is missing (npm test installs it)`);
    process.exit(0);
  }
  const env = {
    ...process.env,
    NO_COLOR: "1",
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: REGION,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  for (const k of unset) delete env[k];
  return env;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts moto on a free port, waits for it, creates an IAM role for Lambda and resolves with
 * { endpoint, roleArn, stop }. lambdaWithoutDocker: tell moto not to run Lambda code in Docker.
 */
export async function startMoto({ lambdaWithoutDocker = false } = {}) {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(motoServer, ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore", detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  };
  process.once("exit", stop);
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${endpoint}/moto-api/data.json`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (lambdaWithoutDocker) {
    await fetch(`${endpoint}/moto-api/config`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ lambda: { use_docker: false } }) });
  }
  const { IAMClient, CreateRoleCommand } = await import("@aws-sdk/client-iam");
  const iam = new IAMClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: "lgw-bench-role",
      AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    }),
  );
  iam.destroy();
  return { endpoint, roleArn: role.Role.Arn, stop };
}

/** The host build lgw exec or lgw serve made in a one-function project (.lgw/build/<fn>/<arch>/bootstrap). */
export function hostBootstrap(project) {
  const arch = process.arch === "arm64" ? "arm64" : "x86_64";
  const fnDir = path.join(project, ".lgw", "build");
  const [fn] = readdirSync(fnDir);
  return path.join(fnDir, fn, arch, "bootstrap");
}
