// The core of `lgw invoke`: one call of the deployed function through Lambda's Invoke API, with
// the same payload options as `lgw exec`. What comes back is reduced to plain data here; the
// command renders it the way `lgw exec` renders a local invocation.
import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { resolveFunction, resolveProject } from "../config/resolve.js";
import type { ProjectConfig } from "../config/types.js";
import { createLambdaClients, describeAwsError, type AwsClientOptions } from "../aws/index.js";
import { readPayload, type PayloadSource } from "../runtime/payload-source.js";

export interface InvokeInput extends Omit<PayloadSource, "payloadArg"> {
  /** the positional arguments: [function] [payload] */
  args: (string | undefined)[];
  /** --function */
  functionName?: string;
  /** --qualifier: a version or an alias */
  qualifier?: string;
  /** --async: InvocationType Event */
  async?: boolean;
  aws: AwsClientOptions;
  signal?: AbortSignal;
}

export type InvokeResult =
  | { mode: "async"; function: string; qualifier?: string; requestId: string; statusCode: number }
  | {
      mode: "sync";
      function: string;
      qualifier?: string;
      requestId: string;
      statusCode: number;
      executedVersion?: string;
      payload: Buffer;
      /** X-Amz-Function-Error ("Unhandled"), when the function failed */
      functionError?: string;
      /** the decoded last 4 KB of the invocation's log */
      logTail?: string;
    };

// Lambda's qualifier pattern: $LATEST, a version number, or an alias name
const QUALIFIER = /^(\$LATEST|\d+|(?!\d+$)[A-Za-z0-9_-]{1,128})$/;

/**
 * Which positional argument is the function and which the payload. With two, the first is the
 * function. With one, it is the payload when it is "-", an existing file, or looks like a path (a
 * "." or "/", which Lambda function names never hold); otherwise it names the function.
 */
export function splitInvokeArgs(args: (string | undefined)[], isFile: (p: string) => boolean): { functionName?: string; payloadArg?: string } {
  const [first, second] = args;
  if (first !== undefined && second !== undefined) return { functionName: first, payloadArg: second };
  if (first === undefined) return {};
  if (first === "-" || /[./]/.test(first) || isFile(first)) return { payloadArg: first };
  return { functionName: first };
}

function targetFunction(input: InvokeInput, config: ProjectConfig | undefined): { functionName: string; payloadArg?: string } {
  const isFile = (p: string) => existsSync(path.resolve(input.cwd, p));
  const split = splitInvokeArgs(input.args, isFile);
  // a name lgw.json does not define may still be a deployed function: only a bare call picks one
  const functionName = resolveFunction({ positional: split.functionName, flag: input.functionName, config, example: "lgw invoke my-function payload.json", deployed: true });
  return { functionName, payloadArg: split.payloadArg };
}

export async function invokeRemote(input: InvokeInput): Promise<InvokeResult> {
  if (input.qualifier !== undefined && !QUALIFIER.test(input.qualifier)) {
    throw new UsageError(`--qualifier ${input.qualifier}: give a version number, $LATEST or an alias name`);
  }
  const config = resolveProject(input.cwd, "file");
  const { functionName, payloadArg } = targetFunction(input, config);
  const payload = await readPayload({ ...input, payloadArg }, () => config);
  const aws = await createLambdaClients({ ...input.aws, configRegion: input.aws.configRegion ?? config?.region });
  const { InvokeCommand } = aws.sdk.lambda;
  const qualifier = input.qualifier ? { Qualifier: input.qualifier } : {};
  const send = () =>
    aws.lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        ...qualifier,
        Payload: payload,
        // a log tail is only available for synchronous calls
        ...(input.async ? { InvocationType: "Event" } : { InvocationType: "RequestResponse", LogType: "Tail" }),
      }),
      { abortSignal: input.signal },
    );
  let out: Awaited<ReturnType<typeof send>>;
  try {
    out = await send();
  } catch (err) {
    const resource = input.qualifier ? `${functionName}:${input.qualifier}` : functionName;
    throw describeAwsError(err, { action: "Invoke", functionName: input.qualifier ? undefined : functionName, resource, endpoint: aws.endpoint });
  } finally {
    aws.lambda.destroy();
  }
  const base = { function: functionName, ...(input.qualifier ? { qualifier: input.qualifier } : {}), requestId: out.$metadata?.requestId ?? "", statusCode: out.StatusCode ?? 0 };
  if (input.async) return { mode: "async", ...base };
  return {
    mode: "sync",
    ...base,
    ...(out.ExecutedVersion ? { executedVersion: out.ExecutedVersion } : {}),
    payload: Buffer.from(out.Payload ?? new Uint8Array()),
    ...(out.FunctionError ? { functionError: out.FunctionError } : {}),
    ...(out.LogResult ? { logTail: Buffer.from(out.LogResult, "base64").toString("utf8") } : {}),
  };
}
