#!/usr/bin/env node
// Benchmark: `lgw exec` on an unchanged project must not run go build, so a whole cold
// invocation (start lgw, check the cache, spawn the bootstrap, one Runtime API round trip,
// stop) should cost little more than starting node. Median wall time, runs interleaved:
//   lgw exec events/get-hello.json (build cached)  vs  node -e 0   target <= 1.6x (issue 12)
// A peer runs in the same rounds: bench/exec-floor.cjs, the same invocation with nothing else
// (listen, spawn the same bootstrap, one round trip, exit), the floor any Node exec stands on.
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { WARMUP, copyFixture, hostBootstrap, line, lgw, measure, repo, requireBuild, run, runs, tryInit } from "./lib.mjs";

const RUNS = runs(15);
const TARGET = 1.6;

/** A scaffolded project when `lgw init` works, else the minimal fixture plus a sample event. */
function makeProject(dir) {
  const project = path.join(dir, "hello");
  const event = path.join("events", "get-hello.json");
  if (tryInit(project, ["--arch", process.arch === "arm64" ? "arm64" : "x86_64"], { cwd: dir, expect: event })) return { project, how: "lgw init --yes" };
  rmSync(project, { recursive: true, force: true });
  copyFixture(project, { filter: (src) => !src.includes(`${path.sep}.lgw`) });
  mkdirSync(path.join(project, "events"), { recursive: true });
  const sample = { resource: "/hello", path: "/hello", httpMethod: "GET", queryStringParameters: { name: "bench" }, headers: null, body: null, isBase64Encoded: false };
  writeFileSync(path.join(project, event), JSON.stringify(sample, null, 2));
  return { project, how: "test/fixtures/go-minimal" };
}

requireBuild("exec");

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

  const floorArgs = [path.join(repo, "bench", "exec-floor.cjs"), hostBootstrap(project), path.join(project, "events", "get-hello.json")];
  const [node, floor, exec] = measure([["-e", "0"], floorArgs, execArgs], project, RUNS);
  console.log(`bench/exec: median of ${RUNS} runs after ${WARMUP} warm-up runs; node ${process.version}; project from ${how}; first exec ${first.ms.toFixed(0)} ms`);
  console.log(`  ${"node -e 0 (baseline)".padEnd(40)} ${node.toFixed(1).padStart(8)} ms  1.00x`);
  console.log(line("floor: bench/exec-floor.cjs, same bootstrap", floor, node, { width: 40 }));
  console.log(line("lgw exec events/get-hello.json (cached)", exec, node, { width: 40, target: TARGET }));
  console.log(`  lgw exec above the floor: ${(exec - floor).toFixed(1)} ms (${(exec / floor).toFixed(2)}x the floor)${floor / node > TARGET ? `; the floor alone is over ${TARGET}x node -e 0 here` : ""}`);
  console.log(`  last REPORT: ${report.replace(/\t/g, "  ")}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
