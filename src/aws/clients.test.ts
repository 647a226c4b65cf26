import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { awsOptionsFrom, createAwsClients, timeoutsFrom } from "./clients.js";
import { describeAwsError } from "./errors.js";
import { loadSharedFiles, profileEndpoint } from "./profile-endpoint.js";
import { MOTO_CREDENTIALS, startMoto, type Moto } from "../../test/helpers/moto.js";

const AWS_VARS = [
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_LAMBDA",
  "AWS_ENDPOINT_URL_API_GATEWAY",
  "AWS_EC2_METADATA_DISABLED",
  "AWS_MAX_ATTEMPTS",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
];
const saved = Object.fromEntries(AWS_VARS.map((k) => [k, process.env[k]]));
let dir: string;
let fileCount = 0;

/** A fresh ~/.aws/config per test: the SDK caches shared files by path. */
function awsConfig(text: string): void {
  const file = path.join(dir, `config-${++fileCount}`);
  writeFileSync(file, text);
  process.env.AWS_CONFIG_FILE = file;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-aws-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  for (const k of AWS_VARS) delete process.env[k];
  // never ask a real metadata service, and never read the developer's own files
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  awsConfig("");
  const creds = path.join(dir, `credentials-${++fileCount}`);
  writeFileSync(creds, "");
  process.env.AWS_SHARED_CREDENTIALS_FILE = creds;
});
afterEach(() => {
  for (const k of AWS_VARS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("timeouts", () => {
  const cases: { env: Record<string, string>; want: ReturnType<typeof timeoutsFrom> | string }[] = [
    { env: {}, want: { connectionTimeout: 4000, socketTimeout: 20000 } },
    { env: { LGW_AWS_TIMEOUT: "60" }, want: { connectionTimeout: 5000, socketTimeout: 60000 } },
    { env: { LGW_AWS_TIMEOUT: "0.5" }, want: { connectionTimeout: 1000, socketTimeout: 500 } },
    { env: { LGW_AWS_TIMEOUT: "0" }, want: "LGW_AWS_TIMEOUT=0: give seconds above 0 (default 20)" },
    { env: { LGW_AWS_TIMEOUT: "soon" }, want: "LGW_AWS_TIMEOUT=soon: give seconds above 0 (default 20)" },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.env), () => {
      if (typeof c.want === "string") expect(() => timeoutsFrom(c.env)).toThrow(c.want);
      else expect(timeoutsFrom(c.env)).toEqual(c.want);
    });
  }
});

describe("region resolution", () => {
  const profileFile = "[profile dev]\nregion = eu-west-3\n[default]\nregion = ap-south-1\n";
  const cases: { name: string; env?: Record<string, string>; config?: string; opts: Parameters<typeof createAwsClients>[0]; want: string }[] = [
    { name: "flag beats everything", env: { AWS_REGION: "us-west-2" }, config: profileFile, opts: { region: "eu-central-1", profile: "dev", configRegion: "sa-east-1" }, want: "eu-central-1" },
    { name: "AWS_REGION beats the profile", env: { AWS_REGION: "us-west-2" }, config: profileFile, opts: { profile: "dev", configRegion: "sa-east-1" }, want: "us-west-2" },
    { name: "AWS_DEFAULT_REGION counts as env", env: { AWS_DEFAULT_REGION: "ca-central-1" }, config: profileFile, opts: { profile: "dev" }, want: "ca-central-1" },
    { name: "--profile's region", config: profileFile, opts: { profile: "dev", configRegion: "sa-east-1" }, want: "eu-west-3" },
    { name: "AWS_PROFILE's region", env: { AWS_PROFILE: "dev" }, config: profileFile, opts: {}, want: "eu-west-3" },
    { name: "default profile's region", config: profileFile, opts: { configRegion: "sa-east-1" }, want: "ap-south-1" },
    { name: "lgw.json region last", opts: { configRegion: "sa-east-1" }, want: "sa-east-1" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      Object.assign(process.env, c.env ?? {});
      if (c.config) awsConfig(c.config);
      const aws = await createAwsClients(c.opts);
      expect(aws.region).toBe(c.want);
      expect(await aws.lambda.config.region()).toBe(c.want);
      expect(await aws.apigw.config.region()).toBe(c.want);
    });
  }

  it("a --profile defined nowhere is named, instead of a missing region or credentials", async () => {
    Object.assign(process.env, { AWS_REGION: "us-east-1" });
    awsConfig(profileFile);
    await expect(createAwsClients({ profile: "dve" })).rejects.toMatchObject({
      exitCode: 2,
      message: "AWS profile dve not found in ~/.aws/config or ~/.aws/credentials: check --profile, or run `aws configure --profile dve`",
    });
  });

  it("a profile only in the credentials file counts", async () => {
    Object.assign(process.env, { AWS_REGION: "us-east-1" });
    const creds = path.join(dir, "credentials-only");
    writeFileSync(creds, "[ci]\naws_access_key_id = a\naws_secret_access_key = b\n");
    process.env.AWS_SHARED_CREDENTIALS_FILE = creds;
    expect((await createAwsClients({ profile: "ci" })).region).toBe("us-east-1");
  });

  it("without any region says how to set one", async () => {
    await expect(createAwsClients({})).rejects.toThrow("no AWS region: pass --region, set AWS_REGION, or add region to your profile");
  });
});

describe("options", () => {
  it("reads the commander options", () => {
    expect(awsOptionsFrom({ profile: "p", region: "r", endpointUrl: "http://x:1"}, "c")).toEqual({
      profile: "p",
      region: "r",
      endpointUrl: "http://x:1",
      configRegion: "c",
    });
  });

  it("refuses an endpoint that is not a URL", async () => {
    await expect(createAwsClients({ region: "us-east-1", endpointUrl: "localhost:5000" })).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe("endpoint_url of --profile", () => {
  const file = [
    "[default]",
    "endpoint_url = http://default:1",
    "[profile local]",
    "region = us-east-1",
    "endpoint_url = http://local:4566",
    "[profile split]",
    "services = split-svc",
    "endpoint_url = http://fallback:1",
    "[services split-svc]",
    "lambda =",
    "  endpoint_url = http://lambda-only:2",
    "[profile off]",
    "endpoint_url = http://off:1",
    "ignore_configured_endpoint_urls = true",
    "",
  ].join("\n");
  const cases: { name: string; profile: string; service: "lambda" | "api_gateway"; env?: Record<string, string>; want: string | undefined }[] = [
    { name: "the profile's endpoint_url", profile: "local", service: "lambda", want: "http://local:4566" },
    { name: "default profile by name", profile: "default", service: "api_gateway", want: "http://default:1" },
    { name: "services section per service", profile: "split", service: "lambda", want: "http://lambda-only:2" },
    { name: "services section falls back to the profile's", profile: "split", service: "api_gateway", want: "http://fallback:1" },
    { name: "ignore_configured_endpoint_urls in the profile", profile: "off", service: "lambda", want: undefined },
    { name: "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", profile: "local", service: "lambda", env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }, want: undefined },
    { name: "unknown profile", profile: "nope", service: "lambda", want: undefined },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      awsConfig(file);
      Object.assign(process.env, c.env ?? {});
      expect(profileEndpoint(c.profile, c.service, await loadSharedFiles())).toBe(c.want);
    });
  }
});

describe("against moto", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => moto?.stop());

  it("--endpoint-url reaches the server with env credentials", async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey });
    const aws = await createAwsClients({ region: "us-east-1", endpointUrl: moto.endpoint });
    expect((await aws.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    expect((await aws.apigw.send(new GetRestApisCommand({}))).items ?? []).toEqual([]);
  });

  it("honours AWS_ENDPOINT_URL_LAMBDA when no flag is given, and the flag beats it", async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "us-east-1" });
    process.env.AWS_ENDPOINT_URL_LAMBDA = moto.endpoint;
    const viaEnv = await createAwsClients({});
    expect((await viaEnv.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);

    process.env.AWS_ENDPOINT_URL_LAMBDA = "http://127.0.0.1:9";
    const viaFlag = await createAwsClients({ endpointUrl: moto.endpoint });
    expect((await viaFlag.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
  });

  it("profile credentials are used", async () => {
    const creds = path.join(dir, "credentials-profile");
    writeFileSync(creds, "[dev]\naws_access_key_id = testing\naws_secret_access_key = testing\n");
    process.env.AWS_SHARED_CREDENTIALS_FILE = creds;
    const aws = await createAwsClients({ profile: "dev", region: "us-east-1", endpointUrl: moto.endpoint });
    expect((await aws.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
  });

  it("--profile's endpoint_url is used, not AWS_PROFILE's (the SDK alone would ignore it)", async () => {
    awsConfig(`[profile local]\nregion = us-east-1\nendpoint_url = ${moto.endpoint}\n[profile other]\nendpoint_url = http://127.0.0.1:9\n`);
    const creds = path.join(dir, "credentials-local");
    writeFileSync(creds, "[local]\naws_access_key_id = testing\naws_secret_access_key = testing\n");
    process.env.AWS_SHARED_CREDENTIALS_FILE = creds;
    process.env.AWS_MAX_ATTEMPTS = "1";
    const aws = await createAwsClients({ profile: "local" });
    expect(aws.region).toBe("us-east-1");
    expect((await aws.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    expect((await aws.apigw.send(new GetRestApisCommand({}))).items ?? []).toEqual([]);

    process.env.AWS_PROFILE = "other";
    const picked = await createAwsClients({ profile: "local" });
    expect((await picked.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
  });

  it("no credentials anywhere: the message names AWS_PROFILE and aws configure", async () => {
    const aws = await createAwsClients({ region: "us-east-1", endpointUrl: moto.endpoint });
    const err = await aws.lambda.send(new ListFunctionsCommand({})).catch((e: unknown) => e);
    expect(describeAwsError(err, { action: "ListFunctions" }).message).toBe(
      "no AWS credentials found: set AWS_PROFILE or run `aws configure`",
    );
  });

  it("an endpoint nobody listens on: cannot reach", async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_MAX_ATTEMPTS: "1" });
    const aws = await createAwsClients({ region: "us-east-1", endpointUrl: "http://127.0.0.1:9" });
    const err = await aws.lambda.send(new ListFunctionsCommand({})).catch((e: unknown) => e);
    const described = describeAwsError(err, { action: "ListFunctions", endpoint: "http://127.0.0.1:9" });
    expect(described.message).toBe("cannot reach http://127.0.0.1:9: ECONNREFUSED during ListFunctions");
  });
});
