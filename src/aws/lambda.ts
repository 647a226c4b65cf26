// The Lambda calls `lgw deploy` makes, one function each, in the same wrapper style as
// apigateway.ts: the SDK is reached through the clients' lazily loaded module, errors go
// through the caller's retry and describeAwsError, and every update is waited for.
import type { CreateFunctionCommandInput, FunctionConfiguration, UpdateFunctionConfigurationCommandInput } from "@aws-sdk/client-lambda";
import { LgwError } from "../errors.js";
import type { LambdaClients } from "./clients.js";
import { awsErrorCode, describeAwsError } from "./errors.js";

type Signal = { signal?: AbortSignal };

/** GetFunction's configuration, or "missing" when there is no such function. */
export async function getFunctionConfiguration(aws: LambdaClients, name: string): Promise<FunctionConfiguration | "missing"> {
  try {
    const out = await aws.lambda.send(new aws.sdk.lambda.GetFunctionCommand({ FunctionName: name }));
    return out.Configuration ?? {};
  } catch (err) {
    if (awsErrorCode(err) === "ResourceNotFoundException") return "missing";
    throw describeAwsError(err, { action: "GetFunction", functionName: name, endpoint: aws.endpoint });
  }
}

export function createFunction(aws: LambdaClients, input: CreateFunctionCommandInput, o: Signal = {}) {
  return aws.lambda.send(new aws.sdk.lambda.CreateFunctionCommand(input), { abortSignal: o.signal });
}

export function updateFunctionCode(aws: LambdaClients, input: { name: string; zip: Uint8Array; architecture: "arm64" | "x86_64" }, o: Signal = {}) {
  return aws.lambda.send(new aws.sdk.lambda.UpdateFunctionCodeCommand({ FunctionName: input.name, ZipFile: input.zip, Architectures: [input.architecture] }), { abortSignal: o.signal });
}

export function updateFunctionConfiguration(aws: LambdaClients, input: UpdateFunctionConfigurationCommandInput, o: Signal = {}) {
  return aws.lambda.send(new aws.sdk.lambda.UpdateFunctionConfigurationCommand(input), { abortSignal: o.signal });
}

/** CodeSha256 guards against publishing code someone else uploaded in the meantime. */
export function publishVersion(aws: LambdaClients, name: string, codeSha256: string, o: Signal = {}) {
  return aws.lambda.send(new aws.sdk.lambda.PublishVersionCommand({ FunctionName: name, CodeSha256: codeSha256 }), { abortSignal: o.signal });
}

export async function aliasExists(aws: LambdaClients, name: string, alias: string): Promise<boolean> {
  try {
    await aws.lambda.send(new aws.sdk.lambda.GetAliasCommand({ FunctionName: name, Name: alias }));
    return true;
  } catch (err) {
    if (awsErrorCode(err) === "ResourceNotFoundException") return false;
    throw describeAwsError(err, { action: "GetAlias", resource: `alias ${alias} of ${name}`, endpoint: aws.endpoint });
  }
}

export function putAlias(aws: LambdaClients, input: { name: string; alias: string; version: string; exists: boolean }) {
  const sdk = aws.sdk.lambda;
  const args = { FunctionName: input.name, Name: input.alias, FunctionVersion: input.version };
  return input.exists ? aws.lambda.send(new sdk.UpdateAliasCommand(args)) : aws.lambda.send(new sdk.CreateAliasCommand(args));
}

/** Waits for Active (after CreateFunction) or a Successful last update, with the SDK's waiters. */
export async function waitForFunction(aws: LambdaClients, name: string, what: "active" | "updated", o: Signal = {}): Promise<void> {
  const sdk = aws.sdk.lambda;
  const waiter = what === "active" ? sdk.waitUntilFunctionActiveV2 : sdk.waitUntilFunctionUpdatedV2;
  try {
    await waiter({ client: aws.lambda, maxWaitTime: 300, minDelay: 1, maxDelay: 5, abortSignal: o.signal }, { FunctionName: name });
  } catch (err) {
    const detail = (err as Error).message?.split("\n")[0];
    throw new LgwError(`${name} did not become ${what === "active" ? "Active" : "updated"}: ${detail}`, {
      cause: err,
      hint: `see its state with \`aws lambda get-function --function-name ${name}\``,
    });
  }
}
