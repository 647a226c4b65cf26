#!/usr/bin/env node
// Benchmark: `lgw init --yes --skip-install` reads a dozen template files and writes them; it
// should cost little more than starting lgw at all (inquirer is never loaded without a TTY).
// Compares (median wall time, after warm-up, runs interleaved):
//   lgw init DIR --yes --skip-install  vs  lgw --version  target <= 1.5x
//   lgw init DIR --yes (go mod tidy)   vs  lgw --version  reported only: Go's own cost
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lgw = process.env.LGW_BIN ?? path.join(repo, "bin", "lgw.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUP = 2;
const work = mkdtempSync(path.join(tmpdir(), "lgw-bench-init-"));
let counter = 0;

function run(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: work, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// each init gets a fresh directory, so every run writes the whole project
const commands = {
  version: () => [lgw, "--version"],
  init: () => [lgw, "init", `p${++counter}`, "--yes", "--skip-install"],
  tidy: () => [lgw, "init", `p${++counter}`, "--yes"],
};

try {
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [name, args] of Object.entries(commands)) {
      const ms = run(args());
      if (i >= WARMUP) times[name].push(ms);
    }
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  const ratio = m.init / m.version;
  console.log(`lgw --version                    ${m.version.toFixed(1)} ms (baseline)`);
  console.log(`lgw init --yes --skip-install    ${m.init.toFixed(1)} ms  ${ratio.toFixed(2)}x baseline (target <= 1.5x) ${ratio <= 1.5 ? "ok" : "OVER"}`);
  console.log(`lgw init --yes (go mod tidy)     ${m.tidy.toFixed(1)} ms  ${(m.tidy / m.version).toFixed(2)}x baseline (Go's cost, reported only)`);
  console.log(`(${RUNS} runs each after ${WARMUP} warm-up, median)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
