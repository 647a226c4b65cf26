// `lgw deploy` as a function: build -> read AWS -> plan every function -> apply (or just show).
// All plans are made before the first write, so a function that cannot be deployed stops the
// run before any other one changes.
import type { Arch, ProjectConfig } from "../config/types.js";
import { selectFunctions } from "../config/parse.js";
import { buildFunction, type BuildResult } from "../build/index.js";
import { createIamClients, createLambdaClients, type AwsClientOptions, type IamClients, type LambdaClients } from "../aws/index.js";
import { updateConfigFile } from "../config/load.js";
import type { FunctionConfig } from "../config/types.js";
import type { Logger } from "../ui/logger.js";
import { applyDeployPlan, readRemoteFunction, type DeployResult } from "./apply.js";
import { checkCreatable, checkDeployFlags, planDeploy, type DeployFlags, type DeployPlan, type RemoteFunction, type RoleState } from "./plan.js";
import { createExecutionRole, readRole, roleNameFor } from "./role.js";
import { reportInterrupted } from "./interrupted.js";
import { ExitCode } from "../errors.js";
import { signalExitCode } from "../util/signals.js";

export type { DeployPlan, DeployFlags } from "./plan.js";
export type { DeployResult } from "./apply.js";

export interface DeployOptions {
  config: ProjectConfig;
  /** deploy only this function */
  functionName?: string;
  /** overrides each function's architecture */
  arch?: Arch;
  flags: DeployFlags;
  dryRun?: boolean;
  aws: AwsClientOptions;
  log: Logger;
  signal?: AbortSignal;
}

export type DeployReport =
  | { dryRun: true; region: string; functions: DeployPlan[]; elapsedMs: number }
  | { dryRun: false; region: string; functions: DeployResult[]; elapsedMs: number };

/** Functions deployed at once: each mostly waits on AWS. */
const CONCURRENCY = 4;

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await fn(items[i]!) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function deploy(opts: DeployOptions): Promise<DeployReport> {
  const started = performance.now();
  const { config, log, flags } = opts;
  checkDeployFlags(flags);
  const functions = selectFunctions(config, opts.functionName);
  const { builds, aws, pre } = await buildAndReadAws(opts, functions);
  try {
    const plans = functions.map((fn, i) => planDeploy(fn, builds[i]!, pre.remotes[i]!, flags, pre.roles[i]));
    for (const plan of plans) for (const w of plan.warnings) log.warn(w);
    if (opts.dryRun) {
      return { dryRun: true, region: aws.region, functions: plans, elapsedMs: Math.round(performance.now() - started) };
    }
    const results = await applyPlans(opts, aws, pre, plans);
    return { dryRun: false, region: aws.region, functions: results, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    aws.lambda.destroy();
    pre.iam?.iam.destroy();
  }
}

/**
 * Builds every function while the SDK loads, the region resolves and what AWS has is read. When
 * that fails (no region, bad endpoint, a function that may not be created) the build stops at
 * once instead of finishing for nothing; on any failure the clients made so far are destroyed.
 */
async function buildAndReadAws(opts: DeployOptions, functions: FunctionConfig[]): Promise<{ builds: BuildResult[]; aws: LambdaClients; pre: Preflight }> {
  const { config, log, signal } = opts;
  const buildAbort = new AbortController();
  const stopBuild = () => buildAbort.abort(signal?.reason);
  signal?.addEventListener("abort", stopBuild, { once: true });
  const clientsPromise = createLambdaClients({ ...opts.aws, configRegion: opts.aws.configRegion ?? config.region });
  const preflightPromise = clientsPromise.then((aws) => preflight(aws, functions, opts));
  preflightPromise.catch(stopBuild);
  const buildAll = async () => {
    const builds: BuildResult[] = [];
    // one at a time: go already uses every core for one package
    for (const fn of functions) {
      builds.push(await buildFunction({ config, fn, arch: opts.arch ?? fn.architecture, log, signal: buildAbort.signal }));
    }
    return builds;
  };
  try {
    const [builds, aws, pre] = await Promise.all([buildAll(), clientsPromise, preflightPromise]);
    return { builds, aws, pre };
  } catch (err) {
    clientsPromise.then((a) => a.lambda.destroy(), () => undefined);
    preflightPromise.then((p) => p.iam?.iam.destroy(), () => undefined);
    throw err;
  } finally {
    signal?.removeEventListener("abort", stopBuild);
  }
}

/** Settles the roles, then applies the plans, a few at a time. An interrupted run reports what AWS has; a failed one, what did deploy. */
async function applyPlans(opts: DeployOptions, aws: LambdaClients, pre: Preflight, plans: DeployPlan[]): Promise<DeployResult[]> {
  const { config, log, signal, flags } = opts;
  for (const plan of plans) if (plan.executionRole) await settleRole(plan, pre.iam!, config, log);
  // no function starts after a signal; one in flight is stopped, and AWS is then asked what it has
  const notStarted = new Error("not started: interrupted");
  const settled = await mapLimited(plans, CONCURRENCY, (plan) => (signal?.aborted ? Promise.reject(notStarted) : applyDeployPlan(aws, plan, { log, signal })));
  if (signal?.aborted) {
    const rerun = ["lgw deploy", opts.functionName, flags.create ? "--create" : ""].filter(Boolean).join(" ");
    await reportInterrupted(aws, plans, settled, log, rerun);
    throw new ExitCode(signalExitCode(signal.reason));
  }
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    // the ones that did deploy are still worth a line each before the error
    for (const s of settled) if (s.status === "fulfilled") log.info(`${s.value.function}: ${s.value.action}, ${s.value.arn}`);
    throw failed.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<DeployResult>).value);
}

interface Preflight {
  remotes: (RemoteFunction | "missing")[];
  /** lgw-<function>'s state, for each function whose role lgw picks */
  roles: (RoleState | undefined)[];
  iam?: IamClients;
}

async function preflight(aws: LambdaClients, functions: FunctionConfig[], opts: DeployOptions): Promise<Preflight> {
  const remotes = await Promise.all(functions.map((fn) => readRemoteFunction(aws, fn.name)));
  const picks = functions.map((fn, i) => checkCreatable(fn, remotes[i]!, opts.flags).lgwPicksRole);
  if (!picks.some(Boolean)) return { remotes, roles: [] };
  const iam = await createIamClients({ ...opts.aws, configRegion: opts.aws.configRegion ?? opts.config.region });
  const roles = await Promise.all(
    functions.map(async (fn, i): Promise<RoleState | undefined> => {
      if (!picks[i]) return undefined;
      const name = roleNameFor(fn.name);
      const found = await readRole(iam, name);
      return found === "missing" ? { name } : { name, existing: { arn: found.arn, createdByLgw: found.createdByLgw } };
    }),
  );
  return { remotes, roles, iam };
}

/**
 * Creates lgw-<function> when the plan says so, and records the role in lgw.json at once (before
 * CreateFunction), so a later failure still leaves `lgw delete` knowing what lgw made.
 */
async function settleRole(plan: DeployPlan, iam: IamClients, config: ProjectConfig, log: Logger): Promise<void> {
  const role = plan.executionRole!;
  if (role.action === "create") {
    plan.role = await createExecutionRole(iam, role.name, plan.function, log);
    plan.freshRole = true;
  }
  if (!config.file) {
    log.warn(`no lgw.json to record the role in: pass --role ${plan.role} when you create ${plan.function} again`);
    return;
  }
  updateConfigFile(config.file, (json) => {
    const fns = json.functions as Record<string, Record<string, unknown>>;
    const entry = fns[plan.function];
    if (!entry) return;
    entry.role = plan.role;
    if (role.createdByLgw) entry.roleCreatedByLgw = true;
  });
  log.step(`recorded role ${plan.role} for ${plan.function} in ${config.file}${role.createdByLgw ? " (created by lgw)" : ""}`);
}
