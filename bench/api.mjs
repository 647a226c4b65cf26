#!/usr/bin/env node
// Benchmark: `lgw api` against a private moto server. Compares (median wall time, after warm-up,
// runs interleaved):
//   lgw api sync (nothing to change)  vs  lgw --version
//   lgw api sync (nothing to change)  vs  a bare SDK script making the same reads
//                                         (GetResources, GetRestApi, GetFunction + GetPolicy per function)
//   lgw api routes                    vs  a bare SDK GetResources script
// No targets in the issue for these: the ratios show what lgw adds on top of the calls it must make.
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
const FUNCTIONS = ["users", "orders"];
const ROUTES = { "GET /users": "users", "GET /users/{id}": "users", "POST /orders": "orders", "ANY /{proxy+}": "users" };

if (!existsSync(lgw) || (!process.env.LGW_BIN && !existsSync(path.join(repo, "dist", "main.js")))) {
  console.log(`bench/api: ${lgw} or dist/ is missing: run \`npm run build\` first`);
  process.exit(0);
}
if (!existsSync(motoServer)) {
  console.log(`bench/api: skipped, ${motoServer} is missing (npm test installs it)`);
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
for (const k of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL_API_GATEWAY"]) delete env[k];

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

const line = (label, ms, baseline) => `  ${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms  ${(ms / baseline).toFixed(2).padStart(5)}x`;

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

/** A zip holding one file named bootstrap (stored, no compression): enough for moto. */
function tinyZip() {
  const name = Buffer.from("bootstrap");
  const data = Buffer.from("#!/bin/sh\n");
  const crc = (() => {
    let c = ~0;
    for (const b of data) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  })();
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(0x031e, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE((0o100755 << 16) >>> 0, 38);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

const dir = mkdtempSync(path.join(tmpdir(), "lgw-bench-api-"));
const moto = await startMoto();
try {
  const { LambdaClient, CreateFunctionCommand } = await import("@aws-sdk/client-lambda");
  const lambda = new LambdaClient({ endpoint: moto.endpoint, region: REGION, credentials: CREDENTIALS });
  for (const fn of FUNCTIONS) {
    await lambda.send(new CreateFunctionCommand({ FunctionName: fn, Runtime: "provided.al2023", Handler: "bootstrap", Role: moto.roleArn, Code: { ZipFile: tinyZip() } }));
  }
  lambda.destroy();
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: Object.fromEntries(FUNCTIONS.map((f) => [f, { entry: `./functions/${f}` }])), routes: ROUTES }));
  const e = ["--endpoint-url", moto.endpoint];
  const { id: apiId } = JSON.parse(run([lgw, "api", "create", "bench-api", ...e, "--json"], dir).stdout);
  const first = JSON.parse(run([lgw, "api", "sync", ...e, "--json"], dir).stdout);
  if (!first.steps.length) throw new Error("the first sync planned nothing");

  const apigwModule = JSON.stringify(import.meta.resolve("@aws-sdk/client-api-gateway"));
  const lambdaModule = JSON.stringify(import.meta.resolve("@aws-sdk/client-lambda"));
  const client = `{ endpoint: ${JSON.stringify(moto.endpoint)}, region: ${JSON.stringify(REGION)} }`;
  const bareSync = path.join(dir, "bare-sync-reads.mjs");
  writeFileSync(
    bareSync,
    `import { APIGatewayClient, GetResourcesCommand, GetRestApiCommand } from ${apigwModule};
import { LambdaClient, GetFunctionCommand, GetPolicyCommand } from ${lambdaModule};
const apigw = new APIGatewayClient(${client});
const lambda = new LambdaClient(${client});
await Promise.all([
  apigw.send(new GetResourcesCommand({ restApiId: ${JSON.stringify(apiId)}, embed: ["methods"], limit: 500 })),
  apigw.send(new GetRestApiCommand({ restApiId: ${JSON.stringify(apiId)} })),
  ...${JSON.stringify(FUNCTIONS)}.flatMap((f) => [lambda.send(new GetFunctionCommand({ FunctionName: f })), lambda.send(new GetPolicyCommand({ FunctionName: f }))]),
]);
`,
  );
  const bareRoutes = path.join(dir, "bare-get-resources.mjs");
  writeFileSync(
    bareRoutes,
    `import { APIGatewayClient, GetResourcesCommand } from ${apigwModule};
const out = await new APIGatewayClient(${client}).send(new GetResourcesCommand({ restApiId: ${JSON.stringify(apiId)}, embed: ["methods"], limit: 500 }));
console.log(JSON.stringify(out.items));
`,
  );

  const times = { version: [], sync: [], bareSync: [], routes: [], bareRoutes: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const keep = i >= WARMUP;
    const v = run([lgw, "--version"], dir);
    const s = run([lgw, "api", "sync", ...e, "--json"], dir);
    if (JSON.parse(s.stdout).steps.length !== 0) throw new Error("a repeated sync planned changes");
    const bs = run([bareSync], dir);
    const r = run([lgw, "api", "routes", ...e, "--json"], dir);
    const br = run([bareRoutes], dir);
    if (keep) {
      times.version.push(v.ms);
      times.sync.push(s.ms);
      times.bareSync.push(bs.ms);
      times.routes.push(r.ms);
      times.bareRoutes.push(br.ms);
    }
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
  console.log(`bench/api: median of ${RUNS} runs after ${WARMUP} warm-up runs against moto (${Object.keys(ROUTES).length} routes, ${FUNCTIONS.length} functions)`);
  console.log(line("lgw --version (baseline)", m.version, m.version));
  console.log(line("lgw api sync (no changes)", m.sync, m.version));
  console.log(line("bare SDK, the same reads (baseline)", m.bareSync, m.bareSync));
  console.log(line("lgw api sync (no changes)", m.sync, m.bareSync));
  console.log(line("bare SDK GetResources (baseline)", m.bareRoutes, m.bareRoutes));
  console.log(line("lgw api routes", m.routes, m.bareRoutes));
} finally {
  moto.stop();
  rmSync(dir, { recursive: true, force: true });
}
