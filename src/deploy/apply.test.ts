// applyDeployPlan and readRemoteFunction against a mocked Lambda: the failures moto never produces.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import * as lambdaSdk from "@aws-sdk/client-lambda";
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvalidParameterValueException,
  LambdaClient,
  LambdaServiceException,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { applyDeployPlan, readRemoteFunction } from "./apply.js";
import type { LgwError } from "../errors.js";
import { planDeploy, type RemoteFunction } from "./plan.js";
import { Logger } from "../ui/logger.js";
import type { LambdaClients } from "../aws/index.js";
import type { FunctionConfig } from "../config/types.js";
import { PassThrough } from "node:stream";

const mock = mockClient(LambdaClient);
const meta = { $metadata: { httpStatusCode: 409 } };
const fn: FunctionConfig = { name: "hello", entry: ".", architecture: "arm64", memory: 128, timeout: 3, environment: {} };
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:hello";
let dir: string;
let zipPath: string;
let stderr: string[];

function clients(): LambdaClients {
  return { lambda: new LambdaClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } }), region: "us-east-1", sdk: { lambda: lambdaSdk } };
}

function logger(): Logger {
  const err = new PassThrough();
  err.on("data", (c: Buffer) => stderr.push(c.toString()));
  return new Logger({ color: false, stdout: new PassThrough(), stderr: err });
}

const remote: RemoteFunction = {
  arn: ARN,
  codeSha256: "OLD",
  codeSize: 3,
  architecture: "arm64",
  runtime: "provided.al2023",
  handler: "bootstrap",
  memory: 128,
  timeout: 3,
  environment: {},
  description: "",
};

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-apply-"));
  zipPath = path.join(dir, "function.zip");
  writeFileSync(zipPath, "zip");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  mock.reset();
  stderr = [];
  // the waiters poll GetFunction
  mock.on(GetFunctionCommand).resolves({ Configuration: { State: "Active", LastUpdateStatus: "Successful" } });
});

const code = () => ({ zipPath, size: 3, codeSha256: "NEW", architecture: "arm64" as const });

describe("applyDeployPlan", () => {
  it("waits out an update in progress (ResourceConflictException) and says so", async () => {
    const conflict = new ResourceConflictException({ message: "The operation cannot be performed at this time. An update is in progress for resource: " + ARN, ...meta });
    mock.on(UpdateFunctionCodeCommand).rejectsOnce(conflict).resolves({ FunctionArn: ARN, CodeSha256: "NEW", CodeSize: 3 });
    const result = await applyDeployPlan(clients(), planDeploy(fn, code(), remote, {}), { log: logger(), retryDelayMs: 1 });
    expect(result).toMatchObject({ action: "update-code", arn: ARN, codeSha256: "NEW", bytesUploaded: 3 });
    const calls = mock.commandCalls(UpdateFunctionCodeCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input).toMatchObject({ FunctionName: "hello", Architectures: ["arm64"] });
    expect(stderr.join("")).toContain("hello: an update is in progress, retrying in 1ms (attempt 2/8)");
  });

  it("AccessDenied on UpdateFunctionConfiguration names the action and the function", async () => {
    mock.on(UpdateFunctionConfigurationCommand).rejects(
      new LambdaServiceException({ name: "AccessDeniedException", message: "not authorized", $fault: "client", $metadata: { httpStatusCode: 403 } }),
    );
    const plan = planDeploy({ ...fn, memory: 1024 }, { ...code(), codeSha256: "OLD" }, remote, {});
    expect(plan.action).toBe("unchanged");
    await expect(applyDeployPlan(clients(), plan, { log: logger(), retryDelayMs: 1 })).rejects.toThrow(
      "access denied: UpdateFunctionConfiguration on hello; check the IAM policy of your credentials",
    );
    expect(mock.commandCalls(UpdateFunctionConfigurationCommand)).toHaveLength(1);
  });

  it("retries CreateFunction with backoff while a role lgw just created cannot be assumed yet", async () => {
    const notYet = new InvalidParameterValueException({ message: "The role defined for the function cannot be assumed by Lambda.", $metadata: { httpStatusCode: 400 } });
    mock.on(CreateFunctionCommand).rejectsOnce(notYet).rejectsOnce(notYet).resolves({ FunctionArn: ARN, CodeSha256: "NEW", CodeSize: 3 });
    const plan = { ...planDeploy(fn, code(), "missing", { create: true, role: "arn:aws:iam::123456789012:role/r" }), freshRole: true };
    const result = await applyDeployPlan(clients(), plan, { log: logger(), retryDelayMs: 1 });
    expect(result).toMatchObject({ action: "create", arn: ARN });
    expect(mock.commandCalls(CreateFunctionCommand)).toHaveLength(3);
    expect(mock.commandCalls(CreateFunctionCommand)[0]!.args[0].input).toMatchObject({
      Runtime: "provided.al2023",
      Handler: "bootstrap",
      Architectures: ["arm64"],
      Role: "arn:aws:iam::123456789012:role/r",
    });
    const said = stderr.join("");
    expect(said).toContain("hello: InvalidParameterValueException, retrying in 1ms (attempt 2/10)");
    expect(said).toContain("retrying in 2ms (attempt 3/10)");
  });

  it("a role lgw did not just create: the message at the first attempt, with what to check", async () => {
    const never = new InvalidParameterValueException({ message: "The role defined for the function cannot be assumed by Lambda.", $metadata: { httpStatusCode: 400 } });
    mock.on(CreateFunctionCommand).rejects(never);
    const plan = planDeploy(fn, code(), "missing", { create: true, role: "arn:aws:iam::123456789012:role/r" });
    const err = (await applyDeployPlan(clients(), plan, { log: logger(), retryDelayMs: 1 }).catch((e: unknown) => e)) as LgwError;
    expect(err.message).toBe("CreateFunction failed: Lambda cannot assume the role arn:aws:iam::123456789012:role/r");
    expect(err.hint).toContain("lambda.amazonaws.com");
    expect(mock.commandCalls(CreateFunctionCommand)).toHaveLength(1);
    expect(stderr.join("")).not.toContain("retrying");
  });

  it("a failed update reports the waiter's reason", async () => {
    mock.on(UpdateFunctionCodeCommand).resolves({ FunctionArn: ARN, CodeSha256: "NEW" });
    mock.on(GetFunctionCommand).resolves({ Configuration: { State: "Active", LastUpdateStatus: "Failed", LastUpdateStatusReason: "bad zip" } });
    await expect(applyDeployPlan(clients(), planDeploy(fn, code(), remote, {}), { log: logger(), retryDelayMs: 1 })).rejects.toThrow(
      /^hello did not become updated: /,
    );
  });

  it("an unchanged plan makes no call at all", async () => {
    const result = await applyDeployPlan(clients(), planDeploy(fn, { ...code(), codeSha256: "OLD" }, remote, {}), { log: logger() });
    expect(result).toMatchObject({ action: "unchanged", bytesUploaded: 0, arn: ARN, version: "$LATEST" });
    expect(mock.calls()).toHaveLength(0);
  });
});

describe("readRemoteFunction", () => {
  it("missing function", async () => {
    mock.on(GetFunctionCommand).rejects(new ResourceNotFoundException({ message: "Function not found", $metadata: { httpStatusCode: 404 } }));
    expect(await readRemoteFunction(clients(), "hello")).toBe("missing");
  });

  it("AccessDenied on GetFunction", async () => {
    mock.on(GetFunctionCommand).rejects(
      new LambdaServiceException({ name: "AccessDeniedException", message: "no", $fault: "client", $metadata: { httpStatusCode: 403 } }),
    );
    await expect(readRemoteFunction(clients(), "hello")).rejects.toThrow("access denied: GetFunction on hello; check the IAM policy of your credentials");
  });

  it("reduces the configuration", async () => {
    mock.on(GetFunctionCommand).resolves({
      Configuration: { FunctionArn: ARN, CodeSha256: "S", CodeSize: 9, Architectures: ["x86_64"], MemorySize: 256, Timeout: 5, Environment: { Variables: { A: "1" } } },
    });
    expect(await readRemoteFunction(clients(), "hello")).toEqual({
      arn: ARN,
      codeSha256: "S",
      codeSize: 9,
      architecture: "x86_64",
      runtime: undefined,
      handler: undefined,
      memory: 256,
      timeout: 5,
      environment: { A: "1" },
      description: "",
    });
  });
});
