// `lgw delete` orchestration: read what AWS holds for the request (edge), plan (pure, in
// delete-plan.ts), apply step by step (edge), and drop from lgw.json what no longer exists.
import type { AwsClients, IamClients } from "../aws/index.js";
import { getPolicyStatements, removePermission } from "../aws/permissions.js";
import { deleteApi, deleteFunction, findApi, listFunctionRoles, readDeployedFunction, type ApiKind } from "../aws/teardown.js";
import { updateConfigFile } from "../config/load.js";
import { deleteRole, readRole } from "../deploy/role.js";
import { ExitCode } from "../errors.js";
import { signalExitCode } from "../util/signals.js";
import { planDelete, roleNameOf, type DeletePlan, type DeleteStep, type RemoteState } from "./delete-plan.js";

export interface DeleteRequest {
  /** function names to delete (empty with api only) */
  functions: string[];
  /** the API to delete, when asked */
  api?: { id: string; kind?: ApiKind };
  /** functions of the project that stay: their statements naming a deleted API are removed */
  staying: string[];
}

/** Reads everything the plan needs; nothing is changed. */
export async function readRemoteState(aws: AwsClients, iam: IamClients, req: DeleteRequest): Promise<RemoteState> {
  const found = await Promise.all(req.functions.map((name) => readDeployedFunction(aws, name)));
  const functions = found.filter((f) => f !== undefined).map((f) => ({ name: f.name, role: f.role }));
  const missing = req.functions.filter((_, i) => !found[i]);
  let api: RemoteState["api"];
  const stayingStatements: RemoteState["stayingStatements"] = [];
  if (req.api) {
    const info = await findApi(aws, req.api.id, req.api.kind);
    api = { id: req.api.id, kind: info?.kind, name: info?.name, exists: info !== undefined };
    if (info) {
      for (const name of req.staying) {
        for (const s of await getPolicyStatements(aws, name)) stayingStatements.push({ functionName: name, statementId: s.sid, sourceArn: s.sourceArn });
      }
    }
  }
  const roleNames = [...new Set(functions.map((f) => (f.role ? roleNameOf(f.role) : undefined)).filter((n): n is string => !!n))];
  const roles: RemoteState["roles"] = [];
  if (roleNames.length > 0) {
    const deleting = new Set(functions.map((f) => f.name));
    const everyone = await listFunctionRoles(aws);
    for (const name of roleNames) {
      const role = await readRole(iam, name);
      const otherUsers = everyone.filter((f) => !deleting.has(f.name) && f.role && roleNameOf(f.role) === name).map((f) => f.name);
      roles.push(role === "missing" ? { name, exists: false, createdByLgw: false, otherUsers } : { name, exists: true, createdByLgw: role.createdByLgw, otherUsers });
    }
  }
  return { functions, missing, api, stayingStatements, roles };
}

export async function planRequest(aws: AwsClients, iam: IamClients, req: DeleteRequest): Promise<DeletePlan> {
  return planDelete(await readRemoteState(aws, iam, req));
}

export interface StepResult {
  step: DeleteStep;
  /** false: it was already gone when lgw got to it */
  done: boolean;
}

async function applyStep(aws: AwsClients, iam: IamClients, step: DeleteStep): Promise<boolean> {
  switch (step.action) {
    case "delete-api":
      return deleteApi(aws, step.id, step.kind);
    case "remove-permission":
      return removePermission(aws, step.functionName, step.statementId);
    case "delete-function":
      return deleteFunction(aws, step.name);
    case "delete-role":
      await deleteRole(iam, step.name);
      return true;
  }
}

/**
 * Runs the steps in order. After a signal no new step starts: the results so far are reported
 * through onStep, and ExitCode(130/143/129) ends the command.
 */
export async function applyDelete(
  aws: AwsClients,
  iam: IamClients,
  plan: DeletePlan,
  opts: { signal?: AbortSignal; onStep?: (r: StepResult) => void } = {},
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of plan.steps) {
    if (opts.signal?.aborted) throw new ExitCode(signalExitCode(opts.signal.reason));
    const result = { step, done: await applyStep(aws, iam, step) };
    results.push(result);
    opts.onStep?.(result);
  }
  return results;
}

/** lgw.json keys that named what was deleted: api.id, and role/roleCreatedByLgw of removed roles. */
export function forgetDeleted(file: string, results: StepResult[]): string[] {
  const roles = new Set(results.flatMap((r) => (r.step.action === "delete-role" ? [r.step.name] : [])));
  const apiIds = new Set(results.flatMap((r) => (r.step.action === "delete-api" ? [r.step.id] : [])));
  const changed: string[] = [];
  if (roles.size === 0 && apiIds.size === 0) return changed;
  updateConfigFile(file, (json) => {
    const api = json.api as Record<string, unknown> | undefined;
    if (api && typeof api.id === "string" && apiIds.has(api.id)) {
      delete api.id;
      changed.push("api.id");
    }
    const functions = (json.functions ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, fn] of Object.entries(functions)) {
      if (!fn || typeof fn !== "object" || typeof fn.role !== "string") continue;
      const roleName = roleNameOf(fn.role) ?? fn.role;
      if (!roles.has(roleName)) continue;
      delete fn.role;
      delete fn.roleCreatedByLgw;
      changed.push(`functions.${name}.role`);
    }
  });
  return changed;
}
