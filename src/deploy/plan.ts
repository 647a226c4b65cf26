// Pure: what a deploy will do, from lgw.json, the fresh build and what AWS has now. The same
// plan is printed by --dry-run and executed by apply.ts.
import { LgwError, UsageError } from "../errors.js";
import type { Arch, FunctionConfig } from "../config/types.js";

export const RUNTIME = "provided.al2023" as const;
export const HANDLER = "bootstrap";
/** OS-only runtimes that run a `bootstrap` binary; anything else cannot run a Go build. */
const BOOTSTRAP_RUNTIMES = new Set(["provided.al2023", "provided.al2"]);

/** What the build produced (src/build's result, reduced to what a plan needs). */
export interface BuiltCode {
  zipPath: string;
  size: number;
  codeSha256: string;
  architecture: Arch;
}

/** The deployed function, as GetFunction describes it. */
export interface RemoteFunction {
  arn: string;
  codeSha256: string;
  codeSize: number;
  /** undefined when AWS did not say (it defaults to x86_64) */
  architecture?: string;
  runtime?: string;
  handler?: string;
  memory?: number;
  timeout?: number;
  environment: Record<string, string>;
  description: string;
}

export interface DeployFlags {
  create?: boolean;
  role?: string;
  force?: boolean;
  publish?: boolean;
  alias?: string;
}

export interface Settings {
  memory: number;
  timeout: number;
  environment: Record<string, string>;
  description?: string;
}

export interface ConfigurationUpdate {
  memory?: number;
  timeout?: number;
  environment?: Record<string, string>;
  description?: string;
  runtime?: typeof RUNTIME;
  handler?: string;
}

export interface DeployPlan {
  function: string;
  action: "create" | "update-code" | "unchanged";
  architecture: Arch;
  zipPath: string;
  codeSha256: string;
  size: number;
  /** what AWS has now; absent when the function is created */
  deployed?: { arn: string; codeSha256: string; architecture?: string };
  /** the execution role, for create (unknown in a dry run that would create it) */
  role?: string;
  /** set when lgw picks the role itself (no --role, no "role" in lgw.json): lgw-<function> */
  executionRole?: { name: string; action: "create" | "reuse"; createdByLgw: boolean };
  /** the role was created moments ago: Lambda may not be able to assume it yet (set by apply) */
  freshRole?: boolean;
  /** lgw.json's settings: all of them go into CreateFunction */
  settings: Settings;
  /** only what differs from the deployed configuration; null when nothing does */
  updateConfiguration: ConfigurationUpdate | null;
  publish: boolean;
  alias?: string;
  warnings: string[];
  reasons: string[];
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
// Lambda's alias pattern: letters, digits, - and _, not only digits
const ALIAS = /^(?!\d+$)[A-Za-z0-9_-]{1,128}$/;

function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

/** Keys added, removed and changed, without values: environment values are often secrets. */
export function environmentDiff(from: Record<string, string>, to: Record<string, string>): string[] {
  const out: string[] = [];
  for (const key of Object.keys(to).sort()) {
    if (!(key in from)) out.push(`+${key}`);
    else if (from[key] !== to[key]) out.push(`~${key}`);
  }
  for (const key of Object.keys(from).sort()) if (!(key in to)) out.push(`-${key}`);
  return out;
}

/** Checks the flags that do not depend on AWS; run before building. */
export function checkDeployFlags(flags: DeployFlags): void {
  if (flags.role !== undefined && !ROLE_ARN.test(flags.role)) {
    throw new UsageError(`--role ${flags.role} is not an IAM role ARN: use arn:aws:iam::ACCOUNT:role/NAME`);
  }
  if (flags.alias !== undefined && !ALIAS.test(flags.alias)) {
    throw new UsageError(`--alias ${flags.alias}: use 1-128 letters, digits, - or _ (not only digits)`);
  }
}

function configurationDiff(fn: FunctionConfig, remote: RemoteFunction, reasons: string[]): ConfigurationUpdate | null {
  const update: ConfigurationUpdate = {};
  if (remote.memory !== fn.memory) {
    update.memory = fn.memory;
    reasons.push(`memory ${remote.memory ?? "?"} MB -> ${fn.memory} MB`);
  }
  if (remote.timeout !== fn.timeout) {
    update.timeout = fn.timeout;
    reasons.push(`timeout ${remote.timeout ?? "?"} s -> ${fn.timeout} s`);
  }
  const env = environmentDiff(remote.environment, fn.environment);
  if (env.length) {
    update.environment = { ...fn.environment };
    reasons.push(`environment ${env.join(" ")}`);
  }
  // no description in lgw.json leaves the deployed one alone
  if (fn.description !== undefined && fn.description !== remote.description) {
    update.description = fn.description;
    reasons.push("description changed");
  }
  if (!remote.runtime || !BOOTSTRAP_RUNTIMES.has(remote.runtime)) {
    update.runtime = RUNTIME;
    update.handler = HANDLER;
    reasons.push(`runtime ${remote.runtime ?? "(none)"} -> ${RUNTIME}: a Go bootstrap needs an OS-only runtime`);
  } else if (remote.handler !== HANDLER) {
    // provided runtimes ignore the handler, but the console shows it: keep it truthful
    update.handler = HANDLER;
    reasons.push(`handler ${remote.handler ?? "(none)"} -> ${HANDLER}`);
  }
  return Object.keys(update).length ? update : null;
}

/** The state of lgw-<function> in IAM, read when lgw has to pick the role itself. */
export interface RoleState {
  name: string;
  existing?: { arn: string; createdByLgw: boolean };
}

/**
 * Whether creating this function leaves the role to lgw. Throws, before anything is built, when
 * the function is missing and may not be created, or lgw.json's role is not a role ARN.
 */
export function checkCreatable(fn: FunctionConfig, remote: RemoteFunction | "missing", flags: DeployFlags): { lgwPicksRole: boolean } {
  if (remote !== "missing") return { lgwPicksRole: false };
  if (!flags.create && !fn.create) {
    throw new LgwError(`function ${fn.name} not found: run \`lgw deploy ${fn.name} --create\``, {
      hint: `or set "create": true for ${fn.name} in lgw.json; lgw creates an execution role unless you give --role <arn>`,
    });
  }
  const role = flags.role ?? fn.role;
  if (role !== undefined && !ROLE_ARN.test(role)) {
    throw new UsageError(`role ${role} of ${fn.name} is not an IAM role ARN: use arn:aws:iam::ACCOUNT:role/NAME`);
  }
  return { lgwPicksRole: role === undefined };
}

/** The deploy plan for one function. Throws when it cannot be deployed as asked. */
export function planDeploy(fn: FunctionConfig, code: BuiltCode, remote: RemoteFunction | "missing", flags: DeployFlags, roleState?: RoleState): DeployPlan {
  const base = planBase(fn, code, flags);
  return remote === "missing" ? planCreate(fn, code, flags, base, roleState) : planUpdate(fn, code, remote, flags, base);
}

/** What every plan says, whatever it does: the function, the build, lgw.json's settings, publish and alias. */
type PlanBase = Pick<DeployPlan, "function" | "architecture" | "zipPath" | "codeSha256" | "size" | "settings" | "publish" | "alias">;

function planBase(fn: FunctionConfig, code: BuiltCode, flags: DeployFlags): PlanBase {
  const settings: Settings = {
    memory: fn.memory,
    timeout: fn.timeout,
    environment: { ...fn.environment },
    ...(fn.description !== undefined ? { description: fn.description } : {}),
  };
  return {
    function: fn.name,
    architecture: code.architecture,
    zipPath: code.zipPath,
    codeSha256: code.codeSha256,
    size: code.size,
    settings,
    publish: Boolean(flags.publish || flags.alias),
    ...(flags.alias ? { alias: flags.alias } : {}),
  };
}

/** A missing function is created, with the role given or with lgw-<function> (reused when it exists). */
function planCreate(fn: FunctionConfig, code: BuiltCode, flags: DeployFlags, base: PlanBase, roleState: RoleState | undefined): DeployPlan {
  const { lgwPicksRole } = checkCreatable(fn, "missing", flags);
  const reasons = [`function does not exist: create it (${RUNTIME}, ${code.architecture}, ${fn.memory} MB, ${fn.timeout} s)`];
  if (!lgwPicksRole) return { ...base, action: "create", role: flags.role ?? fn.role, updateConfiguration: null, warnings: [], reasons };
  if (!roleState) throw new UsageError(`creating function ${fn.name} needs an execution role: pass --role <arn> or set "role" for ${fn.name} in lgw.json`);
  const existing = roleState.existing;
  reasons.push(
    existing
      ? `execution role ${roleState.name} exists${existing.createdByLgw ? " (created by lgw)" : ""}: reuse it`
      : `no role given: create execution role ${roleState.name} (assumable by lambda.amazonaws.com, with AWSLambdaBasicExecutionRole)`,
  );
  return {
    ...base,
    action: "create",
    ...(existing ? { role: existing.arn } : {}),
    executionRole: { name: roleState.name, action: existing ? "reuse" : "create", createdByLgw: existing ? existing.createdByLgw : true },
    updateConfiguration: null,
    warnings: [],
    reasons,
  };
}

/** A deployed function gets its code when it or the architecture changed (or --force), and the configuration lgw.json changed. */
function planUpdate(fn: FunctionConfig, code: BuiltCode, remote: RemoteFunction, flags: DeployFlags, base: PlanBase): DeployPlan {
  const warnings: string[] = [];
  const reasons: string[] = [];
  const deployedArch = remote.architecture ?? "x86_64";
  const archMatches = deployedArch === code.architecture;
  if (!archMatches) {
    warnings.push(`${fn.name} is deployed as ${deployedArch}; this deploy switches it to ${code.architecture}`);
  }
  const codeMatches = remote.codeSha256 === code.codeSha256;
  let action: DeployPlan["action"];
  if (codeMatches && archMatches && !flags.force) {
    action = "unchanged";
    reasons.push(`code unchanged (CodeSha256 ${shortSha(code.codeSha256)}…)`);
  } else {
    action = "update-code";
    if (!codeMatches) reasons.push(`code changed (CodeSha256 ${shortSha(remote.codeSha256)}… -> ${shortSha(code.codeSha256)}…)`);
    if (!archMatches) reasons.push(`architecture ${deployedArch} -> ${code.architecture}`);
    if (codeMatches && archMatches) reasons.push("code unchanged, uploading anyway (--force)");
  }
  const updateConfiguration = configurationDiff(fn, remote, reasons);
  return {
    ...base,
    action,
    deployed: { arn: remote.arn, codeSha256: remote.codeSha256, ...(remote.architecture ? { architecture: remote.architecture } : {}) },
    updateConfiguration,
    warnings,
    reasons,
  };
}

/** Whether applying the plan writes anything. */
export function planChangesSomething(plan: DeployPlan): boolean {
  return plan.action !== "unchanged" || plan.updateConfiguration !== null || plan.publish;
}
