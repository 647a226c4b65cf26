// Edge: reads the deployed function and carries out a deploy plan, through src/aws only.
import { readFileSync } from "node:fs";
import { LgwError } from "../errors.js";
import { describeAwsError, withConflictRetry, type LambdaClients } from "../aws/index.js";
import { aliasExists, createFunction, getFunctionConfiguration, publishVersion, putAlias, updateFunctionCode, updateFunctionConfiguration, waitForFunction } from "../aws/lambda.js";
import type { Logger } from "../ui/logger.js";
import { HANDLER, RUNTIME, type DeployPlan, type RemoteFunction } from "./plan.js";

export interface DeployResult {
  function: string;
  action: DeployPlan["action"];
  arn: string;
  /** the published version, or $LATEST */
  version: string;
  codeSha256: string;
  codeSize: number;
  bytesUploaded: number;
  configurationUpdated: boolean;
  alias?: { name: string; arn: string; version: string };
  elapsedMs: number;
  warnings: string[];
  reasons: string[];
}

interface ApplyOptions {
  log: Logger;
  signal?: AbortSignal;
  /** for tests: the first wait of the conflict retry */
  retryDelayMs?: number;
}

function cannotAssume(err: unknown): boolean {
  return /cannot be assumed by Lambda/i.test((err as Error)?.message ?? "");
}

/** GetFunction, reduced to what a plan compares; "missing" when there is no such function. */
export async function readRemoteFunction(aws: LambdaClients, name: string): Promise<RemoteFunction | "missing"> {
  const c = await getFunctionConfiguration(aws, name);
  if (c === "missing") return "missing";
  return {
    arn: c.FunctionArn ?? "",
    codeSha256: c.CodeSha256 ?? "",
    codeSize: c.CodeSize ?? 0,
    architecture: c.Architectures?.[0],
    runtime: c.Runtime,
    handler: c.Handler,
    memory: c.MemorySize,
    timeout: c.Timeout,
    environment: { ...(c.Environment?.Variables ?? {}) },
    description: c.Description ?? "",
  };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

type Call = <T>(action: string, fn: () => Promise<T>, extra?: Parameters<typeof withConflictRetry>[1]) => Promise<T>;

/** Every write goes through the conflict retry; a role Lambda cannot assume is named at once. */
function callerFor(aws: LambdaClients, plan: DeployPlan, opts: ApplyOptions): Call {
  const retry = { log: opts.log, signal: opts.signal, what: plan.function, ...(opts.retryDelayMs !== undefined ? { baseDelayMs: opts.retryDelayMs } : {}) };
  return async (action, fn, extra = {}) => {
    try {
      return await withConflictRetry(fn, { ...retry, ...extra });
    } catch (err) {
      if (cannotAssume(err) && !plan.freshRole) {
        throw new LgwError(`${action} failed: Lambda cannot assume the role ${plan.role}`, {
          cause: err,
          hint: "its trust policy must allow lambda.amazonaws.com to call sts:AssumeRole; or leave out --role and lgw creates one",
        });
      }
      throw describeAwsError(err, { action, functionName: plan.function, endpoint: aws.endpoint });
    }
  };
}

interface Uploaded {
  arn: string;
  codeSha256: string;
  codeSize: number;
  bytesUploaded: number;
}

/** CreateFunction (waiting for Active) or UpdateFunctionCode (waiting for the update); nothing when unchanged. */
async function uploadCode(aws: LambdaClients, plan: DeployPlan, call: Call, opts: ApplyOptions): Promise<Uploaded> {
  const { log, signal } = opts;
  const name = plan.function;
  const current = { arn: plan.deployed?.arn ?? "", codeSha256: plan.deployed?.codeSha256 ?? plan.codeSha256, codeSize: plan.size, bytesUploaded: 0 };
  if (plan.action === "unchanged") return current;
  const zip = readFileSync(plan.zipPath);
  log.step(`uploading ${name} (${mib(zip.length)})…`);
  let out: { FunctionArn?: string; CodeSha256?: string; CodeSize?: number };
  if (plan.action === "create") {
    const s = plan.settings;
    const input = {
      FunctionName: name,
      Runtime: RUNTIME,
      Handler: HANDLER,
      Architectures: [plan.architecture],
      Role: plan.role,
      MemorySize: s.memory,
      Timeout: s.timeout,
      Environment: { Variables: s.environment },
      ...(s.description !== undefined ? { Description: s.description } : {}),
      Code: { ZipFile: zip },
    };
    // a role lgw created moments ago is not yet assumable by Lambda (IAM is eventually
    // consistent); any other role gets the message at once, since waiting will not fix it
    out = await call("CreateFunction", () => createFunction(aws, input, { signal }), {
      retryIf: (err) => Boolean(plan.freshRole) && cannotAssume(err),
      ...(plan.freshRole ? { attempts: 10 } : {}),
    });
    log.step(`waiting for ${name} to become Active…`);
    await waitForFunction(aws, name, "active", { signal });
  } else {
    out = await call("UpdateFunctionCode", () => updateFunctionCode(aws, { name, zip, architecture: plan.architecture }, { signal }));
    await waitForFunction(aws, name, "updated", { signal });
  }
  const codeSha256 = out.CodeSha256 ?? current.codeSha256;
  if (codeSha256 !== plan.codeSha256) log.warn(`${name}: AWS reports CodeSha256 ${codeSha256}, the local zip has ${plan.codeSha256}`);
  return { arn: out.FunctionArn ?? current.arn, codeSha256, codeSize: out.CodeSize ?? current.codeSize, bytesUploaded: zip.length };
}

async function updateConfiguration(aws: LambdaClients, plan: DeployPlan, call: Call, opts: ApplyOptions): Promise<boolean> {
  const update = plan.updateConfiguration;
  if (!update) return false;
  const name = plan.function;
  opts.log.step(`updating ${name}'s configuration…`);
  const input = {
    FunctionName: name,
    ...(update.memory !== undefined ? { MemorySize: update.memory } : {}),
    ...(update.timeout !== undefined ? { Timeout: update.timeout } : {}),
    ...(update.environment !== undefined ? { Environment: { Variables: update.environment } } : {}),
    ...(update.description !== undefined ? { Description: update.description } : {}),
    ...(update.runtime !== undefined ? { Runtime: update.runtime } : {}),
    ...(update.handler !== undefined ? { Handler: update.handler } : {}),
  };
  await call("UpdateFunctionConfiguration", () => updateFunctionConfiguration(aws, input, { signal: opts.signal }));
  await waitForFunction(aws, name, "updated", { signal: opts.signal });
  return true;
}

/** PublishVersion and the alias pointed at it, when the plan asks. */
async function publish(aws: LambdaClients, plan: DeployPlan, codeSha256: string, call: Call, opts: ApplyOptions): Promise<{ version: string; alias?: DeployResult["alias"] }> {
  if (!plan.publish) return { version: "$LATEST" };
  const name = plan.function;
  opts.log.step(`publishing a version of ${name}…`);
  const out = await call("PublishVersion", () => publishVersion(aws, name, codeSha256, { signal: opts.signal }));
  const version = out.Version ?? "$LATEST";
  if (!plan.alias) return { version };
  const alias = plan.alias;
  const exists = await aliasExists(aws, name, alias);
  const a = await call(exists ? "UpdateAlias" : "CreateAlias", () => putAlias(aws, { name, alias, version, exists }));
  return { version, alias: { name: alias, arn: a.AliasArn ?? "", version: a.FunctionVersion ?? version } };
}

/** Executes one plan: the code, then the configuration, then a version and alias. */
export async function applyDeployPlan(aws: LambdaClients, plan: DeployPlan, opts: ApplyOptions): Promise<DeployResult> {
  const started = performance.now();
  const call = callerFor(aws, plan, opts);
  const code = await uploadCode(aws, plan, call, opts);
  const configurationUpdated = await updateConfiguration(aws, plan, call, opts);
  const { version, alias } = await publish(aws, plan, code.codeSha256, call, opts);
  return {
    function: plan.function,
    action: plan.action,
    arn: code.arn,
    version,
    codeSha256: code.codeSha256,
    codeSize: code.codeSize,
    bytesUploaded: code.bytesUploaded,
    configurationUpdated,
    ...(alias ? { alias } : {}),
    elapsedMs: Math.round(performance.now() - started),
    warnings: plan.warnings,
    reasons: plan.reasons,
  };
}
