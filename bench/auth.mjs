// npm run bench (auth): what a JWT authorizer adds to a request in lgw serve. Two copies of one
// scaffolded project (lgw init --event v2 --auth jwt) serve the same route, GET /hello: one with
// the route behind the JWT authorizer (a token from `lgw auth token`, verified once and then
// cached per token), one without. Same keep-alive load, 1 connection, rounds interleaved so both
// see the same machine. Target: at most 0.2 ms added to p50.
// The load generator is the simple Node one serve.mjs uses (not the Go one being written).
import { spawn } from "node:child_process";
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { lgw, requireBuild, run, tryInit } from "./lib.mjs";

const ROUND_MS = Number(process.env.BENCH_AUTH_MS ?? 1500);
const ROUNDS = 6;
const children = [];
process.on("exit", () => children.forEach((c) => c.exitCode === null && c.kill("SIGTERM")));

function startServe(cwd, logFile) {
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, "w");
    const child = spawn(process.execPath, [lgw, "--json", "serve", "--port", "0", "--concurrency", "1"], { cwd, stdio: ["ignore", "pipe", fd] });
    closeSync(fd);
    children.push(child);
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on("exit", (code) => reject(new Error(`lgw serve exited (${code}):\n${out}${readFileSync(logFile, "utf8")}`)));
  });
}

function get(agent, url, headers) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    }).on("error", reject);
  });
}

async function load(url, headers, ms) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const lat = [];
  let errors = 0;
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const t0 = performance.now();
    if ((await get(agent, url, headers)) !== 200) errors++;
    lat.push(performance.now() - t0);
  }
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { p50: lat[Math.floor(lat.length / 2)], p99: lat[Math.floor(lat.length * 0.99)], n: lat.length, errors };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  requireBuild("auth");
  const dir = mkdtempSync(path.join(tmpdir(), "lgw-bench-auth-"));
  try {
    const open = path.join(dir, "open");
    if (!tryInit(open, ["--event", "v2", "--auth", "jwt"], { expect: "me.go" })) {
      console.log("auth: this build's lgw init has no --auth jwt; skipped");
      return;
    }
    const guarded = path.join(dir, "guarded");
    cpSync(open, guarded, { recursive: true });
    const config = JSON.parse(readFileSync(path.join(guarded, "lgw.json"), "utf8"));
    config.routes["GET /hello"] = { function: Object.keys(config.functions)[0], authorizer: "auth" };
    writeFileSync(path.join(guarded, "lgw.json"), JSON.stringify(config, null, 2));
    run([lgw, "auth", "jwks"], guarded);
    const token = run([lgw, "auth", "token", "--expires", "1h"], guarded).stdout.trim();

    const a = await startServe(open, path.join(dir, "open.log"));
    const b = await startServe(guarded, path.join(dir, "guarded.log"));
    const auth = { Authorization: `Bearer ${token}` };
    const unauth = await new Promise((resolve) => http.get(`${b.url}/hello`, (res) => (res.resume(), resolve(res.statusCode))));
    if (unauth !== 401) throw new Error(`the guarded route answered ${unauth} without a token, not 401`);
    await load(`${a.url}/hello`, {}, 500);
    await load(`${b.url}/hello`, auth, 500);
    const rounds = { open: [], jwt: [] };
    let errors = 0;
    // the order alternates (ABBA...): whichever runs first in a round was measured slower here
    for (let i = 0; i < ROUNDS; i++) {
      const first = i % 2 === 0 ? "open" : "jwt";
      const measure = (which) => (which === "open" ? load(`${a.url}/hello`, {}, ROUND_MS) : load(`${b.url}/hello`, auth, ROUND_MS));
      const one = await measure(first);
      const two = await measure(first === "open" ? "jwt" : "open");
      const [o, j] = first === "open" ? [one, two] : [two, one];
      rounds.open.push(o.p50);
      rounds.jwt.push(j.p50);
      errors += o.errors + j.errors;
    }
    const open50 = median(rounds.open);
    const jwt50 = median(rounds.jwt);
    const added = jwt50 - open50;
    console.log(`GET /hello p50 at 1 connection: unprotected ${open50.toFixed(3)} ms, JWT authorizer ${jwt50.toFixed(3)} ms (median of ${ROUNDS} rounds, ${errors} errors)`);
    console.log(`added by the JWT authorizer: ${added.toFixed(3)} ms (target <= 0.2 ms) ${added <= 0.2 ? "ok" : "MISSED"}`);
  } finally {
    children.forEach((c) => c.exitCode === null && c.kill("SIGTERM"));
    await new Promise((r) => setTimeout(r, 200));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
