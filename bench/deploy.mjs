#!/usr/bin/env node
// Benchmark: `lgw deploy` against a private moto server. Compares (median wall time, after
// warm-up, runs interleaved):
//   lgw deploy (nothing changed)   vs  lgw --version                       target <= 3x, 0 bytes uploaded
//   lgw deploy (code changed)      vs  a bare script's UpdateFunctionCode   target <= 1.5x
// "Code changed" means the deployed code differs from the local zip (the bench swaps other
// bytes in between runs, untimed), so both sides upload the same zip and neither runs go.
// Runs the built CLI (bin/lgw.js -> dist/): run `npm run build` first. LGW_BIN overrides it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as lib from "./lib.mjs";
import { CREDENTIALS, REGION, WARMUP, awsEnv, copyFixture, medians, requireBuild, runs, startMoto, tryInit } from "./lib.mjs";

const lgw = path.resolve(lib.lgw);
const RUNS = runs();
requireBuild("deploy", lgw);
const env = awsEnv("deploy", ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA"]);
const run = (args, cwd) => lib.run(args, cwd, env);
const line = (label, ms, baseline, target) => lib.line(label, ms, baseline, { width: 40, target });

/** The project: `lgw init`'s scaffold when it works, else the test fixture. */
function project(dir) {
  const scaffold = path.join(dir, "scaffold");
  if (tryInit(scaffold, ["--name", "benchfn"], { cwd: dir, bin: lgw, env })) return { cwd: scaffold, name: "benchfn", source: "lgw init scaffold" };
  const fixture = path.join(dir, "fixture");
  copyFixture(fixture);
  writeFileSync(path.join(fixture, "lgw.json"), JSON.stringify({ functions: { benchfn: { entry: "." } } }));
  return { cwd: fixture, name: "benchfn", source: "test/fixtures/go-minimal" };
}

const dir = mkdtempSync(path.join(tmpdir(), "lgw-bench-deploy-"));
const moto = await startMoto({ lambdaWithoutDocker: true });
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

  const m = medians(times);
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
