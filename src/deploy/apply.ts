// Edge: reads the deployed function and carries out a deploy plan, through src/aws only.
import { readFileSync } from "node:fs";
import { LgwError } from "../errors.js";
import { describeAwsError, withConflictRetry, awsErrorCode, type LambdaClients } from "../aws/index.js";
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
  const { GetFunctionCommand } = aws.sdk.lambda;
  try {
    const out = await aws.lambda.send(new GetFunctionCommand({ FunctionName: name }));
    const c = out.Configuration ?? {};
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
  } catch (err) {
    if (awsErrorCode(err) === "ResourceNotFoundException") return "missing";
    throw describeAwsError(err, { action: "GetFunction", functionName: name, endpoint: aws.endpoint });
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Executes one plan. Every write goes through the conflict retry; every update is waited for. */
export async function applyPlan(aws: LambdaClients, plan: DeployPlan, opts: ApplyOptions): Promise<DeployResult> {
  const started = performance.now();
  const { log, signal } = opts;
  const sdk = aws.sdk.lambda;
  const name = plan.function;
  const retry = { log, signal, what: name, ...(opts.retryDelayMs !== undefined ? { baseDelayMs: opts.retryDelayMs } : {}) };

  const call = async <T>(action: string, fn: () => Promise<T>, extra: Parameters<typeof withConflictRetry>[1] = {}): Promise<T> => {
    try {
      return await withConflictRetry(fn, { ...retry, ...extra });
    } catch (err) {
      if (cannotAssume(err) && !plan.freshRole) {
        throw new LgwError(`${action} failed: Lambda cannot assume the role ${plan.role}`, {
          cause: err,
          hint: "its trust policy must allow lambda.amazonaws.com to call sts:AssumeRole; or leave out --role and lgw creates one",
        });
      }
      throw describeAwsError(err, { action, functionName: name, endpoint: aws.endpoint });
    }
  };
  const wait = async (what: "active" | "updated") => {
    const waiter = what === "active" ? sdk.waitUntilFunctionActiveV2 : sdk.waitUntilFunctionUpdatedV2;
    try {
      await waiter({ client: aws.lambda, maxWaitTime: 300, minDelay: 1, maxDelay: 5, abortSignal: signal }, { FunctionName: name });
    } catch (err) {
      const detail = (err as Error).message?.split("\n")[0];
      throw new LgwError(`${name} did not become ${what === "active" ? "Active" : "updated"}: ${detail}`, {
        cause: err,
        hint: `see its state with \`aws lambda get-function --function-name ${name}\``,
      });
    }
  };

  let arn = plan.deployed?.arn ?? "";
  let codeSha256 = plan.deployed?.codeSha256 ?? plan.codeSha256;
  let codeSize = plan.size;
  let bytesUploaded = 0;

  if (plan.action !== "unchanged") {
    const zip = readFileSync(plan.zipPath);
    log.step(`uploading ${name} (${mib(zip.length)})…`);
    if (plan.action === "create") {
      const s = plan.settings;
      const out = await call(
        "CreateFunction",
        () =>
          aws.lambda.send(
            new sdk.CreateFunctionCommand({
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
            }),
            { abortSignal: signal },
          ),
        // a role lgw created moments ago is not yet assumable by Lambda (IAM is eventually
        // consistent); any other role gets the message at once, since waiting will not fix it
        { retryIf: (err) => Boolean(plan.freshRole) && cannotAssume(err), ...(plan.freshRole ? { attempts: 10 } : {}) },
      );
      arn = out.FunctionArn ?? arn;
      codeSha256 = out.CodeSha256 ?? codeSha256;
      codeSize = out.CodeSize ?? codeSize;
      log.step(`waiting for ${name} to become Active…`);
      await wait("active");
    } else {
      const out = await call("UpdateFunctionCode", () =>
        aws.lambda.send(new sdk.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip, Architectures: [plan.architecture] }), {
          abortSignal: signal,
        }),
      );
      arn = out.FunctionArn ?? arn;
      codeSha256 = out.CodeSha256 ?? codeSha256;
      codeSize = out.CodeSize ?? codeSize;
      await wait("updated");
    }
    bytesUploaded = zip.length;
    if (codeSha256 !== plan.codeSha256) {
      log.warn(`${name}: AWS reports CodeSha256 ${codeSha256}, the local zip has ${plan.codeSha256}`);
    }
  }

  const update = plan.updateConfiguration;
  if (update) {
    log.step(`updating ${name}'s configuration…`);
    await call("UpdateFunctionConfiguration", () =>
      aws.lambda.send(
        new sdk.UpdateFunctionConfigurationCommand({
          FunctionName: name,
          ...(update.memory !== undefined ? { MemorySize: update.memory } : {}),
          ...(update.timeout !== undefined ? { Timeout: update.timeout } : {}),
          ...(update.environment !== undefined ? { Environment: { Variables: update.environment } } : {}),
          ...(update.description !== undefined ? { Description: update.description } : {}),
          ...(update.runtime !== undefined ? { Runtime: update.runtime } : {}),
          ...(update.handler !== undefined ? { Handler: update.handler } : {}),
        }),
        { abortSignal: signal },
      ),
    );
    await wait("updated");
  }

  let version = "$LATEST";
  let alias: DeployResult["alias"];
  if (plan.publish) {
    log.step(`publishing a version of ${name}…`);
    // CodeSha256 guards against publishing code someone else uploaded in the meantime
    const out = await call("PublishVersion", () =>
      aws.lambda.send(new sdk.PublishVersionCommand({ FunctionName: name, CodeSha256: codeSha256 }), { abortSignal: signal }),
    );
    version = out.Version ?? version;
    if (plan.alias) alias = await pointAlias(aws, name, plan.alias, version, call);
  }

  return {
    function: name,
    action: plan.action,
    arn,
    version,
    codeSha256,
    codeSize,
    bytesUploaded,
    configurationUpdated: update !== null,
    ...(alias ? { alias } : {}),
    elapsedMs: Math.round(performance.now() - started),
    warnings: plan.warnings,
    reasons: plan.reasons,
  };
}

type Call = <T>(action: string, fn: () => Promise<T>) => Promise<T>;

async function pointAlias(aws: LambdaClients, name: string, alias: string, version: string, call: Call): Promise<DeployResult["alias"]> {
  const sdk = aws.sdk.lambda;
  let exists = true;
  try {
    await aws.lambda.send(new sdk.GetAliasCommand({ FunctionName: name, Name: alias }));
  } catch (err) {
    if (awsErrorCode(err) !== "ResourceNotFoundException") {
      throw describeAwsError(err, { action: "GetAlias", resource: `alias ${alias} of ${name}`, endpoint: aws.endpoint });
    }
    exists = false;
  }
  const out = exists
    ? await call("UpdateAlias", () => aws.lambda.send(new sdk.UpdateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version })))
    : await call("CreateAlias", () => aws.lambda.send(new sdk.CreateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version })));
  return { name: alias, arn: out.AliasArn ?? "", version: out.FunctionVersion ?? version };
}
