#!/usr/bin/env node
// Benchmark: an unchanged `lgw build` must not run go at all, so it should cost little more
// than starting node. Compares (median wall time, after warm-up, runs interleaved):
//   lgw build (nothing changed)  vs  node -e 0   target <= 3x
//   lgw --version                vs  node -e 0   target <= 1.5x
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { WARMUP, copyFixture, line, lgw, measure, requireBuild, run, runs } from "./lib.mjs";

const RUNS = runs();
requireBuild("build");

const dir = mkdtempSync(path.join(tmpdir(), "lgw-bench-build-"));
try {
  const project = path.join(dir, "project");
  copyFixture(project);
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

  const [node, build, version] = measure([["-e", "0"], [lgw, "build"], [lgw, "--version"]], project, RUNS);
  console.log(`bench/build: median of ${RUNS} runs after ${WARMUP} warm-up runs (${built.function}, ${built.architecture}, zip ${built.size} bytes)`);
  console.log(line("node -e 0 (baseline)", node, node, { width: 34 }));
  console.log(line("lgw build (nothing changed)", build, node, { width: 34, target: 3 }));
  console.log(line("lgw --version", version, node, { width: 34, target: 1.5 }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
