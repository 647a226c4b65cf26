// Which of the developer's AWS credentials a function sees under lgw exec and lgw serve, with
// real processes: by default those in lgw's environment (never AWS_PROFILE or ~/.aws, which the
// function cannot read); --aws-credentials profile resolves the profile as lgw's AWS commands do
// and hands it over; --aws-credentials none keeps every credential out.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBootstraps } from "./fixtures/bootstraps/build.js";
import { removeBundle, startLgw, waitFor } from "./helpers/bin.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-credentials-"));
let envBootstrap: string;
const credentialsFile = path.join(work, "credentials");
const emptyFile = path.join(work, "empty");

// nothing of the machine's own AWS setup leaks in: every source is named here
const NO_AWS = {
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_SESSION_TOKEN: "",
  AWS_PROFILE: "",
  AWS_SHARED_CREDENTIALS_FILE: emptyFile,
  AWS_CONFIG_FILE: emptyFile,
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "",
  AWS_CONTAINER_CREDENTIALS_FULL_URI: "",
  AWS_WEB_IDENTITY_TOKEN_FILE: "",
};
const FROM_ENV = { AWS_ACCESS_KEY_ID: "AKIAFROMENV", AWS_SECRET_ACCESS_KEY: "env-secret", AWS_SESSION_TOKEN: "env-token" };
const FROM_PROFILE = { AWS_PROFILE: "dev", AWS_SHARED_CREDENTIALS_FILE: credentialsFile };

beforeAll(() => {
  envBootstrap = buildBootstraps(work)("env");
  writeFileSync(emptyFile, "");
  writeFileSync(credentialsFile, "[dev]\naws_access_key_id = AKIAFROMPROFILE\naws_secret_access_key = profile-secret\n");
});
afterAll(() => {
  removeBundle();
  rmSync(work, { recursive: true, force: true });
});

const CREDENTIALS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE", "HOME"];
const seen = (env: Record<string, string>) => Object.fromEntries(CREDENTIALS.filter((k) => k in env).map((k) => [k, env[k]]));

describe("lgw exec: the AWS credentials the function sees", () => {
  const cases: [string, Record<string, string>, string[], Record<string, string>][] = [
    ["default, credentials in lgw's environment: passed on", FROM_ENV, [], FROM_ENV],
    ["default, only AWS_PROFILE: nothing (the function cannot read ~/.aws)", FROM_PROFILE, [], {}],
    ["--aws-credentials profile: the profile's, as the three variables", FROM_PROFILE, ["--aws-credentials", "profile"], { AWS_ACCESS_KEY_ID: "AKIAFROMPROFILE", AWS_SECRET_ACCESS_KEY: "profile-secret" }],
    ["--aws-credentials none: not even the environment's", FROM_ENV, ["--aws-credentials", "none"], {}],
  ];
  it.each(cases)("%s", async (_name, env, flags, expected) => {
    const p = await startLgw(["-C", work, "exec", "--bootstrap", envBootstrap, "--payload", "{}", ...flags], { env: { ...NO_AWS, ...env } });
    const { code } = await p.exited;
    expect(code, p.stderr()).toBe(0);
    expect(seen(JSON.parse(p.stdout()).env)).toEqual(expected);
  });

  it("--aws-credentials profile with no credentials anywhere: one line, exit 1", async () => {
    const p = await startLgw(["-C", work, "exec", "--bootstrap", envBootstrap, "--payload", "{}", "--aws-credentials", "profile"], { env: NO_AWS });
    const { code } = await p.exited;
    expect(code).toBe(1);
    const errors = p.stderr().split("\n").filter((l) => l.startsWith("error:"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: --aws-credentials profile: no AWS credentials found \(environment, the default profile\)/);
  });
});

describe("lgw serve: the AWS credentials the functions see", () => {
  // an HTTP API answers a result without statusCode as its JSON body: the fixture's environment
  const envOver = async (env: Record<string, string>, flags: string[]) => {
    const p = await startLgw(["-C", work, "serve", "--port", "0", "--format", "v2", "--bootstrap", envBootstrap, ...flags], { env: { ...NO_AWS, ...env } });
    try {
      await waitFor(() => /lgw serve: http:\/\/\S+:\d+/.test(p.stdout()), "lgw serve to listen", 30_000);
      const url = /lgw serve: (http:\/\/\S+:\d+)/.exec(p.stdout())![1]!;
      return seen(((await (await fetch(url)).json()) as { env: Record<string, string> }).env);
    } finally {
      p.child.kill("SIGTERM");
      await p.exited;
    }
  };
  it("default: the environment's", async () => expect(await envOver(FROM_ENV, [])).toEqual(FROM_ENV));
  it("--aws-credentials profile", async () => expect(await envOver(FROM_PROFILE, ["--aws-credentials", "profile"])).toEqual({ AWS_ACCESS_KEY_ID: "AKIAFROMPROFILE", AWS_SECRET_ACCESS_KEY: "profile-secret" }));
  it("--aws-credentials none", async () => expect(await envOver(FROM_ENV, ["--aws-credentials", "none"])).toEqual({}));
});
