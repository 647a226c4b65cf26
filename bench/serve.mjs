// npm run bench -- serve: lgw serve against two peers measured in the same run, all driven by
// one Go load generator (bench/loadgen; its ceiling against a trivial Go server is printed
// first, so a reader sees it is not the limit):
//   native  a net/http server running the same handler logic (bench/native)
//   RIE     AWS's Runtime Interface Emulator running the same bootstrap binary lgw serves,
//           through its invoke endpoint (the raw event in, the raw result out)
//   relay   the floor of any Node gateway (bench/relay.mjs): node:http in front of the same
//           bootstraps, a hand-written Runtime API, one fixed event, nothing else
// at 1 and 16 keep-alive connections, and the server's own CPU time per request (user+system of
// lgw's node process, the relay's, or RIE's process, from /proc/PID/stat; not of their bootstraps). Then the time from saving lambda.go to the first
// response from the new code under --watch. Loopback only; assumes `npm run build` ran.
// BENCH_SERVE_MS: length of each measured run (4000); BENCH_SERVE_ROUNDS: rounds (1), whose
// ranges are printed; BENCH_SERVE_RELOAD=0 skips the reload part. BENCH_SERVE_BEFORE: the commit
// whose lgw serve is the "before" peer, built from git history into a temporary folder and run
// in the same rounds (default BEFORE_REV below; "0" skips it and falls back to the recorded share).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
// lgw: LGW_BIN runs another build of the CLI (the default is this checkout's bin/lgw.js)
import { hostBootstrap, lgw, median, repo as root, tryInit } from "./lib.mjs";
import { RIE_VERSION, freePort, goBuild, installRie, load, startServer, stop, stopAll } from "./tools.mjs";

const DURATION_MS = Number(process.env.BENCH_SERVE_MS ?? 4000);
const ROUNDS = Number(process.env.BENCH_SERVE_ROUNDS ?? 1);
// long enough for V8 to finish optimising lgw's hot paths (it takes a few thousand requests)
const WARMUP_MS = Number(process.env.BENCH_SERVE_WARMUP_MS ?? 1500);
const MAX_REQUESTS = 2_000_000;
const INVOKE_PATH = "/2015-03-31/functions/function/invocations";
// lgw serve before the optimisations of issue 12, at commit 35daf2a on the 2-core development
// machine while other work ran on it (load average 12-15): three runs of 3 rounds gave medians
// of 1,832, 854 and 511 req/s at 16 connections, 3.1%, 1.6% and 1.0% of native (single rounds
// 405-1,934 req/s, up to 4.9%); the issue's figure, measured with wrk, was 5.7-6.0%. The best
// share seen is the baseline, so the 2x target is not flattered by a bad day.
const BEFORE_SHARE_16 = 0.049;
// the last commit before issue 12's work on lgw serve's speed
const BEFORE_REV = "35daf2a";
const TARGETS = { cpuMs: 0.2, share16: 2 * BEFORE_SHARE_16, addedP50VsRie: 1.2 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
const verdict = (ok) => (ok ? "ok" : "MISSED");

process.on("exit", stopAll);

function get(agent, url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
  });
}

function scaffold() {
  const dir = mkdtempSync(path.join(tmpdir(), "lgw-bench-serve-"));
  const project = path.join(dir, "hello");
  if (!tryInit(project, [], { expect: "lambda.go", env: process.env })) {
    // lgw init not available in this build: the template is the same project
    cpSync(path.join(root, "templates", "go-v1"), project, { recursive: true });
  }
  return { dir, project };
}

/**
 * lgw at BEFORE_REV, built from git history (git archive, this checkout's node_modules), or why
 * not (no git, a shallow clone, a build that fails).
 */
function buildBefore(dir) {
  const rev = process.env.BENCH_SERVE_BEFORE ?? BEFORE_REV;
  if (rev === "0") return { reason: "BENCH_SERVE_BEFORE=0" };
  const out = path.join(dir, "before");
  try {
    mkdirSync(out);
    const tar = execFileSync("git", ["-C", root, "archive", "--format=tar", rev], { maxBuffer: 256 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", out], { input: tar });
    symlinkSync(path.join(root, "node_modules"), path.join(out, "node_modules"));
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: out, stdio: "pipe", env: { ...process.env, CI: "1" } });
    return { bin: path.join(out, "bin", "lgw.js"), rev };
  } catch (err) {
    return { reason: `lgw at ${rev} could not be built here (${String(err.message).split("\n")[0]})` };
  }
}

/** Warm-up run (processes started, JIT, connections), then the measured one. */
async function measure(loadgen, target, connections, extra = {}) {
  await load(loadgen, target.url, { connections, ms: WARMUP_MS, ...target.load });
  return load(loadgen, target.url, { connections, ms: DURATION_MS, max: MAX_REQUESTS, ...target.load, ...extra });
}

async function startRie(rieBin, bootstrap, dir) {
  const [port, apiPort] = [await freePort(), await freePort()];
  const args = ["--runtime-interface-emulator-address", `127.0.0.1:${port}`, "--runtime-api-address", `127.0.0.1:${apiPort}`, "--log-level", "error", bootstrap];
  const logFile = path.join(dir, "rie.log");
  const { child, url } = await startServer(rieBin, args, logFile, { port, cwd: path.dirname(bootstrap), env: { ...process.env, AWS_LAMBDA_FUNCTION_TIMEOUT: "30" } });
  return { child, logFile, url: url + INVOKE_PATH };
}

const range = (xs, d) => (xs.length > 1 ? ` [${f(Math.min(...xs), d)}-${f(Math.max(...xs), d)}]` : "");

function printTable(results) {
  console.log(`connections  server   req/s (ok)          p50 ms              p90 ms   p99 ms   requests  errors  CPU ms/req`);
  for (const [key, runs] of Object.entries(results)) {
    const [who, c] = key.split("-");
    const col = (k, d) => f(median(runs.map((r) => r[k])), d);
    const rps = `${col("rps", 0)}${range(runs.map((r) => r.rps), 0)}`;
    const p50 = `${col("p50", 3)}${range(runs.map((r) => r.p50), 3)}`;
    const cpu = runs[0].cpuMs === undefined ? "" : `${f(median(runs.map(cpuPerRequest)), 3)}${range(runs.map(cpuPerRequest), 3)}`;
    const errors = runs.map((r) => r.errors).join("/");
    console.log(`${c.padEnd(11)}  ${who.padEnd(7)}  ${rps.padEnd(18)}  ${p50.padEnd(18)}  ${col("p90", 3).padStart(6)}  ${col("p99", 3).padStart(7)}  ${col("requests", 0).padStart(8)}  ${errors.padStart(6)}  ${cpu}`);
  }
}

const cpuPerRequest = (r) => r.cpuMs / Math.max(1, r.requests);

function printTargets(results, ceiling) {
  const med = (key, k) => median(results[key].map((r) => (k === "cpu" ? cpuPerRequest(r) : r[k])));
  const fastest = Math.max(med("native-16", "rps"), med("lgw-16", "rps"));
  console.log(`load generator ceiling: ${f(ceiling.rps, 0)} req/s at 16 connections against a trivial Go server (GET /ping, p50 ${f(ceiling.p50, 3)} ms; best round); the fastest server measured: ${f(fastest, 0)} req/s`);
  const cpu16 = med("lgw-16", "cpu");
  const rieCpu = results["rie-1"] ? `; RIE's own ${f(med("rie-1", "cpu"), 3)} ms at 1` : "";
  const bootCpu = median(results["lgw-16"].map((r) => r.childCpuMs / Math.max(1, r.requests)));
  const beforeCpu = results["before-16"] ? `; lgw before issue 12, in this run: ${f(med("before-16", "cpu"), 3)} ms at 16 (${f(cpu16 / med("before-16", "cpu"), 2)}x)` : "";
  console.log(`lgw CPU per request:        ${f(cpu16, 3)} ms at 16 connections, ${f(med("lgw-1", "cpu"), 3)} ms at 1${rieCpu}${beforeCpu} (target <= ${TARGETS.cpuMs} ms at 16) ${verdict(cpu16 <= TARGETS.cpuMs)}`);
  // each round's share of native's req/s in that same round: both feel the machine's load alike
  const shares = results["lgw-16"].map((r, i) => r.rps / results["native-16"][i].rps);
  const share = median(shares);
  const head = `throughput at 16 connections: ${f(med("lgw-16", "rps"), 0)} req/s, ${f(share * 100, 1)}%${range(shares.map((x) => x * 100), 1)} of native`;
  // what no change to lgw can remove: on 2 cores, the bootstraps' own CPU bounds the req/s
  console.log(`the bootstraps' own CPU per request at 16 connections: ${f(bootCpu, 3)} ms (lgw serve's processes together; at ${availableParallelism()} cores they alone allow at most ${f((availableParallelism() * 1000) / bootCpu, 0)} req/s)`);
  if (results["before-16"]) {
    // the same rounds, the same bootstrap and concurrency: the ratio the target is about
    const ratios = results["lgw-16"].map((r, i) => r.rps / results["before-16"][i].rps);
    const ratio = median(ratios);
    console.log(`${head}; ${f(ratio, 2)}x${range(ratios, 2)} lgw before issue 12 in the same rounds (${f(med("before-16", "rps"), 0)} req/s) (target >= 2x) ${verdict(ratio >= 2)}`);
  } else {
    console.log(`${head}; ${f(share / BEFORE_SHARE_16, 2)}x the ${f(BEFORE_SHARE_16 * 100, 1)}% recorded before issue 12 (target >= 2x) ${verdict(share >= TARGETS.share16)}`);
  }
  printFloor(results, med, bootCpu);
  const lgwAdded = med("lgw-1", "p50") - med("native-1", "p50");
  if (!results["rie-1"]) return console.log(`added p50 at 1 connection:  lgw ${f(lgwAdded, 3)} ms over native; RIE not measured`);
  const rieAdded = med("rie-1", "p50") - med("native-1", "p50");
  const ratio = lgwAdded / rieAdded;
  console.log(`added p50 at 1 connection:  lgw ${f(lgwAdded, 3)} ms, RIE ${f(rieAdded, 3)} ms over native: ${f(ratio, 2)}x RIE's (target <= ${TARGETS.addedP50VsRie}x) ${verdict(ratio <= TARGETS.addedP50VsRie)}`);
}

/**
 * What the relay (bench/relay.mjs, a Node gateway that only moves bytes) says about the targets:
 * lgw's CPU as a multiple of that floor, and the gateway CPU per request that 2x "before" would
 * leave room for once the bootstraps and the load generator have had theirs.
 */
function printFloor(results, med, bootCpu) {
  if (!results["relay-16"]) return;
  const relayCpu = med("relay-16", "cpu");
  const relayBoot = median(results["relay-16"].map((r) => r.childCpuMs / Math.max(1, r.requests)));
  const vsBefore = results["before-16"] ? `, ${f(med("relay-16", "rps") / med("before-16", "rps"), 2)}x lgw before issue 12` : "";
  console.log(`node relay floor (bench/relay.mjs, the same bootstraps): ${f(relayCpu, 3)} ms of its own CPU per request at 16 connections (lgw: ${f(med("lgw-16", "cpu") / relayCpu, 2)}x that), ${f(med("relay-16", "rps"), 0)} req/s${vsBefore}; its bootstraps' CPU ${f(relayBoot, 3)} ms`);
  if (!results["before-16"]) return;
  const goal = 2 * med("before-16", "rps");
  // on this machine's cores: bootstraps, load generator (at its ceiling's cost) and gateway share them
  const loadgenCpu = (availableParallelism() * 1000) / Math.max(1, med("native-16", "rps")) / 2;
  // the bootstraps cost more per request behind a slower gateway (they park and wake more)
  const room = (boot) => (availableParallelism() * 1000) / goal - boot - loadgenCpu;
  console.log(`2x before is ${f(goal, 0)} req/s: on ${availableParallelism()} cores, beside the load generator's ~${f(loadgenCpu, 3)} ms, that leaves a gateway at most ${f(room(relayBoot), 3)} ms of CPU per request with bootstraps as cheap as behind the relay (${f(room(bootCpu), 3)} ms with them as costly as behind lgw); the Node floor needs ${f(relayCpu, 3)} ms`);
}

/** RIE at 16 connections, last: it may not survive concurrent invokes. */
async function rieAt16(loadgen, rie) {
  const r = await load(loadgen, rie.url, { connections: 16, ms: DURATION_MS, max: MAX_REQUESTS, method: "POST", bodyFile: rie.bodyFile }).catch((err) => ({ failed: err.message }));
  await sleep(100);
  const exited = rie.child.exitCode !== null || rie.child.signalCode !== null;
  const panic = /^panic: .*$/m.exec(readFileSync(rie.logFile, "utf8"))?.[0];
  const what = r.failed ? `the load generator failed: ${r.failed}` : `${f(r.rps, 0)} req/s ok, ${r.ok} answered, ${r.errors} errors${Object.keys(r.statuses ?? {}).length ? ` (${JSON.stringify(r.statuses)})` : ""}`;
  console.log(`RIE at 16 connections: ${what}${exited ? `; RIE exited (${rie.child.exitCode ?? rie.child.signalCode})${panic ? `: ${panic}` : ""}` : ""}`);
}

async function throughput(dir, project) {
  const loadgen = goBuild("loadgen");
  const native = await startServer(goBuild("native"), [], path.join(dir, "native.log"));
  // --json: the access log goes to stderr (a file here), stdout carries only the start result
  const served = await startServer(process.execPath, [lgw, "--json", "serve", "--port", "0"], path.join(dir, "serve.log"), { cwd: project });
  const beforeBuild = buildBefore(dir);
  const before = beforeBuild.bin ? await startServer(process.execPath, [beforeBuild.bin, "--json", "serve", "--port", "0"], path.join(dir, "before.log"), { cwd: project }) : undefined;
  if (!before) console.log(`before-issue-12 peer skipped: ${beforeBuild.reason}`);
  const relay = await startServer(process.execPath, [path.join(root, "bench", "relay.mjs"), hostBootstrap(project), path.join(project, "events", "get-hello.json")], path.join(dir, "relay.log"));
  const rieBin = installRie();
  let rie;
  if (rieBin.bin) {
    rie = await startRie(rieBin.bin, hostBootstrap(project), dir);
    rie.bodyFile = path.join(project, "events", "get-hello.json");
    rie.load = { method: "POST", bodyFile: rie.bodyFile };
  } else console.log(`RIE skipped: ${rieBin.reason}`);

  const targets = {
    ceiling: { url: `${native.url}/ping` },
    native: { url: `${native.url}/hello?name=bench` },
    lgw: { url: `${served.url}/hello?name=bench` },
    before: before && { url: `${before.url}/hello?name=bench` },
    relay: { url: `${relay.url}/hello?name=bench` },
    rie,
  };
  const results = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of [1, 16]) {
      // the ceiling once per round, beside the servers, so a busy moment cannot hide it
      for (const who of ["ceiling", "native", "lgw", "before", "relay", "rie"]) {
        if (!targets[who] || (who === "rie" && c === 16) || (who === "ceiling" && c === 1)) continue;
        // the server process's own CPU (lgw's node process; RIE's Go process), not the bootstrap's
        const pid = { lgw: served.child.pid, before: before?.child.pid, relay: relay.child.pid, rie: rie?.child.pid }[who];
        const r = await measure(loadgen, targets[who], c, pid ? { pid } : {});
        (results[`${who}-${c}`] ??= []).push(r);
      }
    }
  }
  console.log(`${ROUNDS} round(s) of ${DURATION_MS} ms per server after ${WARMUP_MS} ms warm-up; medians, [ranges] over rounds; RIE ${RIE_VERSION}${before ? `; "before" is lgw serve at ${beforeBuild.rev}` : ""}`);
  const ceiling = results["ceiling-16"].reduce((a, b) => (b.rps > a.rps ? b : a));
  delete results["ceiling-16"];
  printTable(results);
  printTargets(results, ceiling);
  if (rie) await rieAt16(loadgen, rie);
  await Promise.all([stop(served.child), stop(native.child), stop(relay.child), before && stop(before.child), rie && stop(rie.child)]);
}

/** Saves lambda.go the way editors do, and polls until the new code answers. */
async function reload(dir, project) {
  const watched = await startServer(process.execPath, [lgw, "--json", "serve", "--port", "0", "--watch"], path.join(dir, "watch.log"), { cwd: project });
  const agent = new http.Agent({ keepAlive: true });
  await get(agent, `${watched.url}/hello`);
  const file = path.join(project, "lambda.go");
  const original = readFileSync(file, "utf8");
  const times = [];
  for (let i = 1; i <= 3; i++) {
    const marker = `Reload${i}, `;
    const next = original.replace(`"Hello, "`, `"${marker}"`);
    const t0 = performance.now();
    writeFileSync(file + ".tmp", next);
    renameSync(file + ".tmp", file);
    let seen = false;
    while (!seen && performance.now() - t0 < 30_000) {
      const r = await get(agent, `${watched.url}/hello?name=x`).catch(() => ({ body: "" }));
      seen = r.body.includes(marker);
      if (!seen) await sleep(10);
    }
    times.push(seen ? performance.now() - t0 : NaN);
    await sleep(300);
  }
  agent.destroy();
  await stop(watched.child);
  const mid = median(times);
  console.log(`reload (save -> first new response): ${times.map((t) => f(t, 0)).join(", ")} ms; median ${f(mid, 0)} ms (target < 1500 ms) ${mid < 1500 ? "ok" : "MISSED"}`);
}

async function main() {
  const { dir, project } = scaffold();
  try {
    await throughput(dir, project);
    if (process.env.BENCH_SERVE_RELOAD !== "0") await reload(dir, project);
  } finally {
    stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    stopAll();
    process.exit(1);
  },
);
