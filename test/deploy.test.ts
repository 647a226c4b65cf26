// `lgw deploy` against a real AWS API server (moto): after each command, read AWS back.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetAliasCommand, GetFunctionCommand, ListFunctionsCommand, ListVersionsByFunctionCommand } from "@aws-sdk/client-lambda";
import { runLgw } from "./helpers/cli.js";
import { MOTO_REGION, motoArgs } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures", "go-minimal");

/** lgw talks to moto through its proxy, so a test can see what went over the wire */
const moto = useMoto({ proxy: true });
let dir: string;

function writeConfig(fn: Record<string, unknown>, extra: Record<string, unknown> = {}): void {
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ architecture: "arm64", functions: { hello: { entry: ".", ...fn } }, ...extra }, null, 2));
}

const BASE = { memory: 256, timeout: 10, environment: { GREETING: "hi" }, description: "lgw test" };

function zipSha(fn = "hello", arch = "arm64"): string {
  return createHash("sha256").update(readFileSync(path.join(dir, ".lgw", "build", fn, arch, "function.zip"))).digest("base64");
}

async function remote(name = "hello") {
  return (await moto.lambda.send(new GetFunctionCommand({ FunctionName: name }))).Configuration!;
}

async function deployJson(args: string[] = []) {
  return (await moto.lgwJson(["deploy", ...args], { cwd: dir })) as { dryRun: boolean; region: string; functions: Record<string, any>[] };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-deploy-"));
  cpSync(FIXTURE, dir, { recursive: true });
  writeConfig(BASE);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("lgw deploy against moto", () => {
  it("a missing function without --create: one line naming --create, exit 1", async () => {
    const r = await runLgw(["deploy", ...motoArgs(moto.endpoint)], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: function hello not found: run `lgw deploy hello --create`");
  });

  it("a missing function without --create stops before building anything", async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), "lgw-deploy-nobuild-"));
    try {
      cpSync(FIXTURE, fresh, { recursive: true });
      const r = await runLgw(["deploy", ...motoArgs(moto.endpoint)], { cwd: fresh });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("function hello not found");
      // GetFunction answers long before go build finishes: the build was stopped, no zip made
      expect(existsSync(path.join(fresh, ".lgw", "build", "hello", "arm64", "function.zip"))).toBe(false);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("--dry-run shows the create plan and creates nothing", async () => {
    const out = await deployJson(["--create", "--role", moto.roleArn, "--dry-run"]);
    expect(out.dryRun).toBe(true);
    expect(out.functions[0]).toMatchObject({ function: "hello", action: "create", role: moto.roleArn, codeSha256: zipSha() });
    expect((await moto.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("--create creates the function as lgw.json describes it", async () => {
    const out = await deployJson(["--create", "--role", moto.roleArn]);
    const result = out.functions[0]!;
    expect(result).toMatchObject({ function: "hello", action: "create", version: "$LATEST", codeSha256: zipSha() });
    expect(result.bytesUploaded).toBeGreaterThan(0);
    const c = await remote();
    expect(c).toMatchObject({
      FunctionArn: result.arn,
      CodeSha256: zipSha(),
      Runtime: "provided.al2023",
      Handler: "bootstrap",
      Architectures: ["arm64"],
      MemorySize: 256,
      Timeout: 10,
      Description: "lgw test",
      Role: moto.roleArn,
    });
    expect(c.Environment?.Variables).toEqual({ GREETING: "hi" });
  });

  it("a second deploy is unchanged and uploads nothing", async () => {
    const before = await remote();
    const out = await deployJson(["--create", "--role", moto.roleArn]);
    expect(out.functions[0]).toMatchObject({ action: "unchanged", bytesUploaded: 0, configurationUpdated: false, codeSha256: before.CodeSha256 });
    // one read, no write, no body
    expect(moto.proxy.requests).toEqual([{ method: "GET", path: "/2015-03-31/functions/hello", bytes: 0 }]);
  });

  it("prints the ARN, version, hash and 'unchanged' as text", async () => {
    const r = await runLgw(["deploy", ...motoArgs(moto.endpoint)], { cwd: dir });
    expect(r.code).toBe(0);
    const c = await remote();
    expect(r.stdout).toContain("hello: unchanged");
    expect(r.stdout).toContain(c.FunctionArn!);
    expect(r.stdout).toContain(c.CodeSha256!);
    expect(r.stdout).toMatch(/version\s+\$LATEST/);
    expect(r.stdout).toMatch(/uploaded\s+0 bytes/);
  });

  it("--force uploads unchanged code", async () => {
    const out = await deployJson(["--force"]);
    expect(out.functions[0]).toMatchObject({ action: "update-code" });
    expect(out.functions[0]!.bytesUploaded).toBeGreaterThan(0);
    const writes = moto.proxy.writes();
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual(["PUT /2015-03-31/functions/hello/code"]);
    // the zip travels base64-encoded in a JSON body
    expect(writes[0]!.bytes).toBeGreaterThan(out.functions[0]!.bytesUploaded);
  });

  it("changed code is uploaded and the hash follows", async () => {
    const before = (await remote()).CodeSha256;
    const src = path.join(dir, "lambda.go");
    writeFileSync(src, readFileSync(src, "utf8").replace('"hello, %s"', '"hello again, %s"'));
    const out = await deployJson();
    expect(out.functions[0]).toMatchObject({ action: "update-code", configurationUpdated: false });
    expect(zipSha()).not.toBe(before);
    expect((await remote()).CodeSha256).toBe(zipSha());
  });

  it("--dry-run shows a configuration change and changes nothing", async () => {
    writeConfig({ ...BASE, memory: 512, environment: { GREETING: "hello", EXTRA: "1" } });
    const before = await remote();
    const out = await deployJson(["--dry-run"]);
    expect(out.functions[0]).toMatchObject({
      action: "unchanged",
      updateConfiguration: { memory: 512, environment: { GREETING: "hello", EXTRA: "1" } },
      reasons: [expect.stringContaining("code unchanged"), "memory 256 MB -> 512 MB", "environment +EXTRA ~GREETING"],
    });
    expect((await remote()).MemorySize).toBe(256);
    expect(before.MemorySize).toBe(256);
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("a changed lgw.json updates the configuration only", async () => {
    const sha = (await remote()).CodeSha256;
    const out = await deployJson();
    expect(out.functions[0]).toMatchObject({ action: "unchanged", configurationUpdated: true, bytesUploaded: 0 });
    expect(moto.proxy.writes().map((w) => `${w.method} ${w.path}`)).toEqual(["PUT /2015-03-31/functions/hello/configuration"]);
    const c = await remote();
    expect(c.MemorySize).toBe(512);
    expect(c.Timeout).toBe(10);
    expect(c.Environment?.Variables).toEqual({ GREETING: "hello", EXTRA: "1" });
    expect(c.CodeSha256).toBe(sha);
    // converged: nothing left to do
    expect((await deployJson()).functions[0]).toMatchObject({ action: "unchanged", configurationUpdated: false });
  });

  it("--publish publishes a version and --alias points an alias at it", async () => {
    const first = await deployJson(["--alias", "live"]);
    const v1 = first.functions[0]!.version as string;
    expect(v1).toMatch(/^\d+$/);
    expect(first.functions[0]!.alias).toMatchObject({ name: "live", version: v1 });
    expect((await moto.lambda.send(new GetAliasCommand({ FunctionName: "hello", Name: "live" }))).FunctionVersion).toBe(v1);

    const src = path.join(dir, "lambda.go");
    writeFileSync(src, readFileSync(src, "utf8").replace('"hello again, %s"', '"hello a third time, %s"'));
    const second = await deployJson(["--publish", "--alias", "live"]);
    const v2 = second.functions[0]!.version as string;
    expect(Number(v2)).toBeGreaterThan(Number(v1));
    expect((await moto.lambda.send(new GetAliasCommand({ FunctionName: "hello", Name: "live" }))).FunctionVersion).toBe(v2);
    const versions = (await moto.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: "hello" }))).Versions ?? [];
    expect(versions.find((v) => v.Version === v2)?.CodeSha256).toBe(zipSha());
  });

  it("AWS_ENDPOINT_URL works without --endpoint-url", async () => {
    process.env.AWS_ENDPOINT_URL = moto.endpoint;
    try {
      const r = await runLgw(["deploy", "--json"], { cwd: dir });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).functions[0]).toMatchObject({ action: "unchanged", bytesUploaded: 0 });
    } finally {
      delete process.env.AWS_ENDPOINT_URL;
    }
  });

  it("a project with several functions deploys all of them, or the one named", async () => {
    writeFileSync(
      path.join(dir, "lgw.json"),
      JSON.stringify({ architecture: "arm64", functions: { hello: { entry: ".", ...BASE, memory: 512, environment: { GREETING: "hello", EXTRA: "1" } }, second: { entry: ".", architecture: "x86_64" } } }),
    );
    const one = await deployJson(["second", "--create", "--role", moto.roleArn]);
    expect(one.functions.map((f) => [f.function, f.action])).toEqual([["second", "create"]]);
    expect((await remote("second")).Architectures).toEqual(["x86_64"]);
    expect((await remote("second")).CodeSha256).toBe(zipSha("second", "x86_64"));

    const all = await deployJson();
    expect(all.functions.map((f) => [f.function, f.action])).toEqual([
      ["hello", "unchanged"],
      ["second", "unchanged"],
    ]);
  });

  it("an unknown function name is refused", async () => {
    const r = await runLgw(["deploy", "nope", ...motoArgs(moto.endpoint)], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no function "nope"');
  });

  it("no region anywhere: one line naming --region, exit 1", async () => {
    delete process.env.AWS_REGION;
    process.env.AWS_CONFIG_FILE = path.join(dir, "no-aws-config");
    moto.proxy.clear();
    try {
      const r = await runLgw(["deploy", ...motoArgs(moto.endpoint)], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("error: no AWS region: pass --region, set AWS_REGION, or add region to your profile");
      expect(moto.proxy.requests).toEqual([]);
    } finally {
      process.env.AWS_REGION = MOTO_REGION;
      delete process.env.AWS_CONFIG_FILE;
    }
  });

  it("an endpoint nobody listens on: cannot reach, exit 1", async () => {
    process.env.AWS_MAX_ATTEMPTS = "1";
    try {
      const r = await runLgw(["deploy", "hello", "--endpoint-url", "http://127.0.0.1:9"], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("error: cannot reach http://127.0.0.1:9: ECONNREFUSED during GetFunction");
    } finally {
      delete process.env.AWS_MAX_ATTEMPTS;
    }
  });
});
