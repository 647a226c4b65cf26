#!/usr/bin/env node
// Benchmark: `lgw init --yes --skip-install` reads a dozen template files and writes them; it
// should cost little more than starting lgw at all (inquirer is never loaded without a TTY).
// Compares (median wall time, after warm-up, runs interleaved):
//   lgw init DIR --yes --skip-install  vs  lgw --version  target <= 1.5x
//   lgw init DIR --yes (go mod tidy)   vs  lgw --version  reported only: Go's own cost
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { WARMUP, lgw, measure, runs } from "./lib.mjs";

const RUNS = runs();
const work = mkdtempSync(path.join(tmpdir(), "lgw-bench-init-"));
let counter = 0;

// each init gets a fresh directory, so every run writes the whole project
const commands = {
  version: () => [lgw, "--version"],
  init: () => [lgw, "init", `p${++counter}`, "--yes", "--skip-install"],
  tidy: () => [lgw, "init", `p${++counter}`, "--yes"],
};

try {
  const [version, init, tidy] = measure([commands.version, commands.init, commands.tidy], work, RUNS);
  const m = { version, init, tidy };
  const ratio = m.init / m.version;
  console.log(`lgw --version                    ${m.version.toFixed(1)} ms (baseline)`);
  console.log(`lgw init --yes --skip-install    ${m.init.toFixed(1)} ms  ${ratio.toFixed(2)}x baseline (target <= 1.5x) ${ratio <= 1.5 ? "ok" : "OVER"}`);
  console.log(`lgw init --yes (go mod tidy)     ${m.tidy.toFixed(1)} ms  ${(m.tidy / m.version).toFixed(2)}x baseline (Go's cost, reported only)`);
  console.log(`(${RUNS} runs each after ${WARMUP} warm-up, median)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
