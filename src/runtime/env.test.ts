import { describe, expect, it } from "vitest";
import { bootstrapEnv, logStreamName, parseEnvAssignments, resolveRegion, type BootstrapEnvInput } from "./env.js";

const base: BootstrapEnvInput = {
  runtimeApi: "127.0.0.1:4567",
  bootstrapPath: "/work/app/.lgw/build/hello/x86_64/bootstrap",
  functionName: "hello",
  memoryMB: 128,
  hostEnv: { PATH: "/usr/bin:/bin", HOME: "/root", SECRET_OF_LGW: "x" },
  logStreamName: "2024/01/31/[$LATEST]0123456789abcdef0123456789abcdef",
};

describe("bootstrapEnv", () => {
  const table: [string, Partial<BootstrapEnvInput>, Record<string, string | undefined>][] = [
    [
      "Lambda's variables",
      {},
      {
        AWS_LAMBDA_RUNTIME_API: "127.0.0.1:4567",
        _HANDLER: "bootstrap",
        LAMBDA_TASK_ROOT: "/work/app/.lgw/build/hello/x86_64",
        AWS_LAMBDA_FUNCTION_NAME: "hello",
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "128",
        AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
        AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/hello",
        AWS_LAMBDA_LOG_STREAM_NAME: "2024/01/31/[$LATEST]0123456789abcdef0123456789abcdef",
        AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
        AWS_REGION: "us-east-1",
        AWS_DEFAULT_REGION: "us-east-1",
        TZ: "UTC",
        PATH: "/usr/bin:/bin",
      },
    ],
    ["lgw's own variables stay out", {}, { HOME: undefined, SECRET_OF_LGW: undefined }],
    ["no PATH in lgw's environment: Lambda's", { hostEnv: {} }, { PATH: "/usr/local/bin:/usr/bin/:/bin:/opt/bin" }],
    ["region from AWS_REGION", { hostEnv: { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "us-west-2" } }, { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-west-1" }],
    ["region from AWS_DEFAULT_REGION", { hostEnv: { AWS_DEFAULT_REGION: "us-west-2" }, configRegion: "ap-south-1" }, { AWS_REGION: "us-west-2" }],
    ["region from lgw.json", { hostEnv: {}, configRegion: "ap-south-1" }, { AWS_REGION: "ap-south-1" }],
    [
      "credentials when present",
      { hostEnv: { AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "t", AWS_PROFILE: "dev" } },
      { AWS_ACCESS_KEY_ID: "AKIA", AWS_SECRET_ACCESS_KEY: "s", AWS_SESSION_TOKEN: "t", AWS_PROFILE: undefined },
    ],
    ["no credentials: none set", { hostEnv: {} }, { AWS_ACCESS_KEY_ID: undefined, AWS_SESSION_TOKEN: undefined }],
    ["memory size", { memoryMB: 1024 }, { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024" }],
    ["the function's environment, --env wins", { functionEnv: { A: "1", B: "2" }, overrides: { B: "3" } }, { A: "1", B: "3" }],
    ["_LAMBDA_SERVER_PORT never, whoever sets it", { hostEnv: { _LAMBDA_SERVER_PORT: "8001" }, functionEnv: { _LAMBDA_SERVER_PORT: "1" }, overrides: { _LAMBDA_SERVER_PORT: "2" } }, { _LAMBDA_SERVER_PORT: undefined }],
    ["the Runtime API address cannot be overridden", { overrides: { AWS_LAMBDA_RUNTIME_API: "example.com:80" } }, { AWS_LAMBDA_RUNTIME_API: "127.0.0.1:4567" }],
  ];
  it.each(table)("%s", (_name, change, expected) => {
    const env = bootstrapEnv({ ...base, ...change });
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(env, key).not.toHaveProperty(key);
      else expect(env[key], key).toBe(value);
    }
  });
});

describe("resolveRegion / logStreamName", () => {
  it("falls back to us-east-1", () => {
    expect(resolveRegion({})).toBe("us-east-1");
    expect(resolveRegion({ AWS_REGION: "" }, undefined)).toBe("us-east-1");
  });
  it("formats Lambda's log stream name in UTC", () => {
    expect(logStreamName(new Date("2024-03-09T23:59:59Z"), "f".repeat(32))).toBe(`2024/03/09/[$LATEST]${"f".repeat(32)}`);
  });
});

describe("parseEnvAssignments", () => {
  const table: [string[], Record<string, string> | string][] = [
    [[], {}],
    [["A=1"], { A: "1" }],
    [["A="], { A: "" }],
    [["URL=https://x?a=b"], { URL: "https://x?a=b" }],
    [["A=1", "A=2"], { A: "2" }],
    [["_X1=y"], { _X1: "y" }],
    [["NOPE"], '--env "NOPE" must look like KEY=VALUE'],
    [["=v"], '--env "=v" must look like KEY=VALUE'],
    [["1A=v"], '--env "1A=v" must look like KEY=VALUE'],
    [["A-B=v"], '--env "A-B=v" must look like KEY=VALUE'],
  ];
  it.each(table)("%j", (pairs, expected) => {
    const r = parseEnvAssignments(pairs);
    if (typeof expected === "string") expect("problem" in r && r.problem).toContain(expected);
    else expect(r).toEqual({ env: expected });
  });
});
