// The one settings order (config/settings.ts) through real commands, in-process: --region beats
// AWS_REGION, which beats lgw.json's region. `lgw api routes` names the region it asked (moto
// answers for any region); `lgw event` puts lgw serve's region into an authorizer's methodArn.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runLgw } from "./helpers/cli.js";
import { motoArgs, startMoto, useMotoEnv, type Moto } from "./helpers/moto.js";

let moto: Moto;
let dir: string;
const savedRegion = process.env.AWS_REGION;
const savedConfigFile = process.env.AWS_CONFIG_FILE;

beforeAll(async () => {
  useMotoEnv();
  moto = await startMoto();
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-settings-"));
  writeFileSync(path.join(dir, "go.mod"), "module example.com/hello\n");
  // no profile region from this machine's ~/.aws/config: it would sit between AWS_REGION and lgw.json
  process.env.AWS_CONFIG_FILE = path.join(dir, "no-aws-config");
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ region: "sa-east-1", functions: { hello: { entry: "." } } }));
});
afterEach(() => {
  process.env.AWS_REGION = savedRegion;
  delete process.env.AWS_DEFAULT_REGION;
});
afterAll(async () => {
  if (savedConfigFile === undefined) delete process.env.AWS_CONFIG_FILE;
  else process.env.AWS_CONFIG_FILE = savedConfigFile;
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The region `lgw api routes` sent its call to, from moto's not-found answer. */
async function apiRegion(env: Record<string, string | undefined>, args: string[] = []): Promise<string> {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const r = await runLgw(["api", "routes", "--id", "nope", ...args, ...motoArgs(moto.endpoint)], { cwd: dir });
  expect(r.code).toBe(1);
  const m = /REST API nope not found in (\S+)/.exec(r.stderr);
  if (!m) throw new Error(`no region in: ${r.stderr}`);
  return m[1]!;
}

async function methodArnRegion(env: Record<string, string | undefined>): Promise<string> {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const r = await runLgw(["event", "apigw-authorizer-token"], { cwd: dir });
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { methodArn: string }).methodArn.split(":")[3]!;
}

describe("region: --region > AWS_REGION > AWS_DEFAULT_REGION > lgw.json", () => {
  it.each([
    ["lgw.json alone (no profile has one here)", { AWS_REGION: undefined }, [], "sa-east-1"],
    ["AWS_DEFAULT_REGION beats lgw.json", { AWS_REGION: undefined, AWS_DEFAULT_REGION: "ca-central-1" }, [], "ca-central-1"],
    ["AWS_REGION beats lgw.json", { AWS_REGION: "eu-west-1" }, [], "eu-west-1"],
    ["--region beats AWS_REGION and lgw.json", { AWS_REGION: "eu-west-1" }, ["--region", "ap-south-1"], "ap-south-1"],
  ] as const)("lgw api routes: %s", async (_name, env, args, want) => {
    expect(await apiRegion(env, [...args])).toBe(want);
  });

  it.each([
    ["lgw.json alone", { AWS_REGION: undefined }, "sa-east-1"],
    ["AWS_REGION beats lgw.json (lgw serve read them the other way round)", { AWS_REGION: "eu-west-1" }, "eu-west-1"],
  ] as const)("lgw event: %s", async (_name, env, want) => {
    expect(await methodArnRegion(env)).toBe(want);
  });
});
