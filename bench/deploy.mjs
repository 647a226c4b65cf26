#!/usr/bin/env node
// Benchmark: `lgw deploy` against a private moto server. Compares (median wall time, after
// warm-up, runs interleaved):
//   lgw deploy (nothing changed)   vs  lgw --version                       target <= 3x, 0 bytes uploaded
//   lgw deploy (code changed)      vs  a bare script's UpdateFunctionCode   target <= 1.5x
// "Code changed" means the deployed code differs from the local zip (the bench swaps other
// bytes in between runs, untimed), so both sides upload the same zip and neither runs go.
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lgw = path.resolve(process.env.LGW_BIN ?? path.join(repo, "bin", "lgw.js"));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const motoServer = path.join(repo, ".venv", "bin", "moto_server");
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUP = 2;
const REGION = "us-east-1";
const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

if (!existsSync(lgw) || (!process.env.LGW_BIN && !existsSync(path.join(repo, "dist", "main.js")))) {
  console.log(`bench/deploy: ${lgw} or dist/ is missing: run \`npm run build\` first`);
  process.exit(0);
}
if (!existsSync(motoServer)) {
  console.log(`bench/deploy: skipped, ${motoServer} is missing (npm test installs it)`);
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
for (const k of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA"]) delete env[k];

function run(args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return { ms, stdout: r.stdout.toString() };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function line(label, ms, baseline, target) {
  const ratio = ms / baseline;
  const verdict = target === undefined ? "" : ratio <= target ? `  ok (target <= ${target}x)` : `  OVER TARGET (target <= ${target}x)`;
  return `  ${label.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms  ${ratio.toFixed(2).padStart(5)}x${verdict}`;
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

async function startMoto() {
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
  await fetch(`${endpoint}/moto-api/config`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ lambda: { use_docker: false } }) });
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

/** The project: `lgw init`'s scaffold when it works, else the test fixture. */
function project(dir) {
  const scaffold = path.join(dir, "scaffold");
  try {
    run([lgw, "init", scaffold, "--yes", "--name", "benchfn"], dir);
    return { cwd: scaffold, name: "benchfn", source: "lgw init scaffold" };
  } catch {
    const fixture = path.join(dir, "fixture");
    cpSync(path.join(repo, "test", "fixtures", "go-minimal"), fixture, { recursive: true });
    writeFileSync(path.join(fixture, "lgw.json"), JSON.stringify({ functions: { benchfn: { entry: "." } } }));
    return { cwd: fixture, name: "benchfn", source: "test/fixtures/go-minimal" };
  }
}

const dir = mkdtempSync(path.join(tmpdir(), "lgw-bench-deploy-"));
const moto = await startMoto();
try {
  const { cwd, name, source } = project(dir);
  const e = ["--endpoint-url", moto.endpoint];
  let created;
  try {
    created = JSON.parse(run([lgw, "deploy", "--create", "--role", moto.roleArn, ...e, "--json"], cwd).stdout).functions[0];
  } catch (err) {
    console.log(`bench/deploy: skipped, the first deploy failed (is Go installed?)\n${err.message}`);
    process.exit(0);
  }
  const { zipPath } = JSON.parse(run([lgw, "build", "--json"], cwd).stdout).functions[0];
  if (!created || !zipPath) throw new Error("no deploy result or zip");
  const zip = readFileSync(zipPath);
  const other = Buffer.concat([zip, Buffer.from("lgw-bench")]);

  const { LambdaClient, UpdateFunctionCodeCommand } = await import("@aws-sdk/client-lambda");
  const lambda = new LambdaClient({ endpoint: moto.endpoint, region: REGION, credentials: CREDENTIALS });
  const swapDeployedCode = () => lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: other }));

  const bare = path.join(dir, "bare-update.mjs");
  writeFileSync(
    bare,
    `import { readFileSync } from "node:fs";
import { LambdaClient, UpdateFunctionCodeCommand } from ${JSON.stringify(import.meta.resolve("@aws-sdk/client-lambda"))};
const client = new LambdaClient({ endpoint: ${JSON.stringify(moto.endpoint)}, region: ${JSON.stringify(REGION)} });
await client.send(new UpdateFunctionCodeCommand({ FunctionName: ${JSON.stringify(name)}, ZipFile: readFileSync(${JSON.stringify(zipPath)}) }));
`,
  );

  const times = { version: [], unchanged: [], changed: [], bare: [] };
  let uploadedUnchanged = 0;
  let uploadedChanged = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const keep = i >= WARMUP;
    const v = run([lgw, "--version"], cwd);
    const u = run([lgw, "deploy", ...e, "--json"], cwd);
    const unchanged = JSON.parse(u.stdout).functions[0];
    if (unchanged.action !== "unchanged") throw new Error(`expected an unchanged deploy, got ${unchanged.action}`);
    await swapDeployedCode();
    const c = run([lgw, "deploy", ...e, "--json"], cwd);
    const changed = JSON.parse(c.stdout).functions[0];
    if (changed.action !== "update-code") throw new Error(`expected a code update, got ${changed.action}`);
    await swapDeployedCode();
    const b = run([bare], cwd);
    if (keep) {
      times.version.push(v.ms);
      times.unchanged.push(u.ms);
      times.changed.push(c.ms);
      times.bare.push(b.ms);
      uploadedUnchanged += unchanged.bytesUploaded;
      uploadedChanged = changed.bytesUploaded;
    }
  }
  lambda.destroy();

  const m = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
  console.log(`bench/deploy: median of ${RUNS} runs after ${WARMUP} warm-up runs against moto (${source}, zip ${zip.length} bytes)`);
  console.log(line("lgw --version (baseline)", m.version, m.version));
  console.log(line("lgw deploy (nothing changed)", m.unchanged, m.version, 3));
  console.log(`  ${"bytes uploaded by unchanged deploys".padEnd(40)} ${String(uploadedUnchanged).padStart(8)}   ${uploadedUnchanged === 0 ? "ok (target 0)" : "NOT ZERO"}`);
  console.log(line("bare SDK UpdateFunctionCode (baseline)", m.bare, m.bare));
  console.log(line("lgw deploy (code changed)", m.changed, m.bare, 1.5));
  console.log(`  ${"bytes uploaded by a changed deploy".padEnd(40)} ${String(uploadedChanged).padStart(8)}`);
} finally {
  moto.stop();
  rmSync(dir, { recursive: true, force: true });
}
