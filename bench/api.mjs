#!/usr/bin/env node
// Benchmark: `lgw api` against a private moto server. Compares (median wall time, after warm-up,
// runs interleaved):
//   lgw api sync (nothing to change)  vs  lgw --version
//   lgw api sync (nothing to change)  vs  a bare SDK script making the same reads
//                                         (GetResources, GetRestApi, GetFunction + GetPolicy per function)
//   lgw api routes                    vs  a bare SDK GetResources script
// No targets in the issue for these: the ratios show what lgw adds on top of the calls it must make.
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as lib from "./lib.mjs";
import { CREDENTIALS, REGION, WARMUP, awsEnv, medians, requireBuild, runs, startMoto } from "./lib.mjs";

const lgw = path.resolve(lib.lgw);
const RUNS = runs();
const FUNCTIONS = ["users", "orders"];
const ROUTES = { "GET /users": "users", "GET /users/{id}": "users", "POST /orders": "orders", "ANY /{proxy+}": "users" };

requireBuild("api", lgw);
const env = awsEnv("api", ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL_API_GATEWAY"]);
const run = (args, cwd) => lib.run(args, cwd, env);
const line = (label, ms, baseline) => lib.line(label, ms, baseline, { width: 44 });

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
  const m = medians(times);
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
