// npm run bench (serve): lgw serve against a native Go net/http server running the same handler
// logic (bench/native), with the same keep-alive load generator at 1 and 16 connections; then
// the time from saving lambda.go to the first response from the new code under --watch.
// Assumes `npm run build` ran. Loopback only. Targets: throughput >= 15% of native at 16
// connections, added p50 < 0.5 ms at 1 connection, reload < 1.5 s.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
// lgw: LGW_BIN runs another build of the CLI (the default is this checkout's bin/lgw.js)
import { lgw, repo as root, tryInit } from "./lib.mjs";

const DURATION_MS = Number(process.env.BENCH_SERVE_MS ?? 4000);
const MAX_REQUESTS = 200_000;
const children = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function cleanup() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
}
process.on("exit", cleanup);

/**
 * Starts a server and resolves with the first http:// URL it prints on stdout. Its stderr (lgw's
 * access log, with --json) goes to a file, so reading it costs the load generator nothing.
 */
function startServer(cmd, args, logFile, opts = {}) {
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, "w");
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", fd], ...opts });
    closeSync(fd);
    children.push(child);
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
    child.on("exit", (code) => reject(new Error(`${cmd} ${args.join(" ")} exited (${code}) before listening:\n${out}${readFileSync(logFile, "utf8")}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

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

/** N keep-alive connections, each sending requests back to back, bounded by time and count. */
async function load(url, connections, durationMs) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const until = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until && sent < MAX_REQUESTS) {
        sent++;
        const t0 = performance.now();
        try {
          const r = await get(agent, url);
          if (r.status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { rps: latencies.length / elapsed, p50: pct(50), p99: pct(99), n: latencies.length, errors };
}

async function measure(url, connections) {
  await load(url, connections, 500); // warm-up: processes started, JIT, connections
  return load(url, connections, DURATION_MS);
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

const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");

async function main() {
  const { dir, project } = scaffold();
  try {
    const nativeBin = path.join(dir, "native");
    const b = spawnSync("go", ["build", "-o", nativeBin, "."], { cwd: path.join(root, "bench", "native"), encoding: "utf8", env: { ...process.env, GOFLAGS: "" } });
    if (b.status !== 0) throw new Error(`building bench/native failed:\n${b.stderr}`);

    const native = await startServer(nativeBin, [], path.join(dir, "native.log"));
    // --json: the access log goes to stderr (a file here), stdout carries only the start result
    const served = await startServer(process.execPath, [lgw, "--json", "serve", "--port", "0"], path.join(dir, "serve.log"), { cwd: project });
    const results = {};
    for (const c of [1, 16]) {
      results[`native-${c}`] = await measure(`${native.url}/hello?name=bench`, c);
      results[`lgw-${c}`] = await measure(`${served.url}/hello?name=bench`, c);
    }
    await stop(served.child);
    await stop(native.child);

    console.log("connections  server   req/s      p50 ms  p99 ms  requests  errors");
    for (const c of [1, 16]) {
      for (const who of ["native", "lgw"]) {
        const r = results[`${who}-${c}`];
        console.log(`${String(c).padEnd(11)}  ${who.padEnd(7)}  ${f(r.rps, 0).padStart(8)}  ${f(r.p50, 3).padStart(7)} ${f(r.p99, 3).padStart(7)}  ${String(r.n).padStart(8)}  ${r.errors}`);
      }
    }
    const ratio16 = results["lgw-16"].rps / results["native-16"].rps;
    const addedP50 = results["lgw-1"].p50 - results["native-1"].p50;
    console.log(`throughput at 16 connections: ${f(ratio16 * 100, 1)}% of native (target >= 15%) ${ratio16 >= 0.15 ? "ok" : "MISSED"}`);
    console.log(`added p50 at 1 connection:     ${f(addedP50, 3)} ms (target < 0.5 ms) ${addedP50 < 0.5 ? "ok" : "MISSED"}`);

    // hot reload: save lambda.go, poll until the new code answers
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
      // save the way editors do: write a temp file and rename it over the original
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
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[1];
    console.log(`reload (save -> first new response): ${times.map((t) => f(t, 0)).join(", ")} ms; median ${f(median, 0)} ms (target < 1500 ms) ${median < 1500 ? "ok" : "MISSED"}`);
  } finally {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    cleanup();
    process.exit(1);
  },
);
