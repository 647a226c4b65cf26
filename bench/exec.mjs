#!/usr/bin/env node
// Benchmark: `lgw exec` on an unchanged project must not run go build, so a whole cold
// invocation (start lgw, check the cache, spawn the bootstrap, one Runtime API round trip,
// stop) should cost little more than starting node. Median wall time, runs interleaved:
//   lgw exec events/get-hello.json (build cached)  vs  node -e 0   target <= 2x
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lgw = process.env.LGW_BIN ?? path.join(repo, "bin", "lgw.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;
const TARGET = 2;

function run(args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return { ms, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function measure(commands, cwd) {
  const times = commands.map(() => []);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    commands.forEach((args, j) => {
      const { ms } = run(args, cwd);
      if (i >= WARMUP) times[j].push(ms);
    });
  }
  return times.map(median);
}

/** A scaffolded project when `lgw init` works, else the minimal fixture plus a sample event. */
function makeProject(dir) {
  const project = path.join(dir, "hello");
  try {
    run([lgw, "init", project, "--yes", "--arch", process.arch === "arm64" ? "arm64" : "x86_64"], dir);
    if (existsSync(path.join(project, "events", "get-hello.json"))) return { project, how: "lgw init --yes" };
  } catch {
    // fall through to the fixture
  }
  rmSync(project, { recursive: true, force: true });
  cpSync(path.join(repo, "test", "fixtures", "go-minimal"), project, { recursive: true, filter: (src) => !src.includes(`${path.sep}.lgw`) });
  mkdirSync(path.join(project, "events"), { recursive: true });
  const event = { resource: "/hello", path: "/hello", httpMethod: "GET", queryStringParameters: { name: "bench" }, headers: null, body: null, isBase64Encoded: false };
  writeFileSync(path.join(project, "events", "get-hello.json"), JSON.stringify(event, null, 2));
  return { project, how: "test/fixtures/go-minimal" };
}

if (!existsSync(lgw) || (!process.env.LGW_BIN && !existsSync(path.join(repo, "dist", "main.js")))) {
  console.log(`bench/exec: ${lgw} or dist/ is missing: run \`npm run build\` first`);
  process.exit(0);
}

const dir = mkdtempSync(path.join(tmpdir(), "lgw-bench-exec-"));
try {
  const { project, how } = makeProject(dir);
  const execArgs = [lgw, "exec", "events/get-hello.json"];
  let first;
  try {
    first = run(execArgs, project);
  } catch (err) {
    console.log(`bench/exec: skipped, the first exec failed (is Go installed?)\n${err.message}`);
    process.exit(0);
  }
  const again = run(execArgs, project);
  if (/building /.test(again.stderr)) console.log("bench/exec: WARNING: the second exec rebuilt the function (cache miss)");
  const report = /REPORT RequestId: \S+\t(.*)/.exec(again.stderr)?.[1] ?? "(no REPORT line)";

  const [node, exec] = measure([["-e", "0"], execArgs], project);
  const ratio = exec / node;
  const verdict = ratio <= TARGET ? `ok (target <= ${TARGET}x)` : `OVER TARGET (target <= ${TARGET}x)`;
  console.log(`bench/exec: median of ${RUNS} runs after ${WARMUP} warm-up runs; project from ${how}; first exec ${first.ms.toFixed(0)} ms`);
  console.log(`  ${"node -e 0 (baseline)".padEnd(40)} ${node.toFixed(1).padStart(8)} ms  1.00x`);
  console.log(`  ${"lgw exec events/get-hello.json (cached)".padEnd(40)} ${exec.toFixed(1).padStart(8)} ms  ${ratio.toFixed(2).padStart(5)}x  ${verdict}`);
  console.log(`  last REPORT: ${report.replace(/\t/g, "  ")}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
