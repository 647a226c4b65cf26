#!/usr/bin/env node
// Benchmark: an unchanged `lgw build` must not run go at all, so it should cost little more
// than starting node. Compares (median wall time, after warm-up, runs interleaved):
//   lgw build (nothing changed)  vs  node -e 0   target <= 3x
//   lgw --version                vs  node -e 0   target <= 1.5x
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lgw = process.env.LGW_BIN ?? path.join(repo, "bin", "lgw.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUP = 2;

function run(args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) {
    throw new Error(`node ${args.join(" ")} exited ${r.status}:\n${r.stderr.toString()}${r.stdout.toString()}`);
  }
  return { ms, stdout: r.stdout.toString() };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Median times of each command, measured round-robin so drift hits all of them alike. */
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

function line(label, ms, baseline, target) {
  const ratio = ms / baseline;
  const verdict = target === undefined ? "" : ratio <= target ? `  ok (target <= ${target}x)` : `  OVER TARGET (target <= ${target}x)`;
  return `  ${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${ratio.toFixed(2).padStart(5)}x${verdict}`;
}

if (!existsSync(lgw) || (!process.env.LGW_BIN && !existsSync(path.join(repo, "dist", "main.js")))) {
  console.log(`bench/build: ${lgw} or dist/ is missing: run \`npm run build\` first`);
  process.exit(0);
}

const dir = mkdtempSync(path.join(tmpdir(), "lgw-bench-build-"));
try {
  const project = path.join(dir, "project");
  cpSync(path.join(repo, "test", "fixtures", "go-minimal"), project, { recursive: true });
  let first;
  try {
    first = run([lgw, "build", "--json"], project);
  } catch (err) {
    console.log(`bench/build: skipped, the first build failed (is Go installed?)\n${err.message}`);
    process.exit(0);
  }
  const built = JSON.parse(first.stdout).functions[0];
  const again = JSON.parse(run([lgw, "build", "--json"], project).stdout).functions[0];
  if (!again.cached || again.codeSha256 !== built.codeSha256) {
    console.log(`bench/build: WARNING: the second build was not served from the cache (cached=${again.cached})`);
  }

  const [node, build, version] = measure([["-e", "0"], [lgw, "build"], [lgw, "--version"]], project);
  console.log(`bench/build: median of ${RUNS} runs after ${WARMUP} warm-up runs (${built.function}, ${built.architecture}, zip ${built.size} bytes)`);
  console.log(line("node -e 0 (baseline)", node, node));
  console.log(line("lgw build (nothing changed)", build, node, 3));
  console.log(line("lgw --version", version, node, 1.5));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
