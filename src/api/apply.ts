// Edge: executes a sync plan step by step, in its order, through src/aws/apigateway.ts.
import { LgwError } from "../errors.js";
import type { AwsClients } from "../aws/clients.js";
import * as gw from "../aws/apigateway.js";
import { removePermission } from "../aws/permissions.js";
import { ensureCors, ensureMethod, ensurePermission, ensureProxyIntegration } from "./ensure.js";
import type { SyncPlan, SyncStep } from "./plan.js";
import { describeStep, undeployedMessage } from "./render.js";
import { runSteps } from "./steps.js";
import { applyNonProxyStep } from "./nonproxy-apply.js";
import { isNonProxyStep } from "./nonproxy.js";
import { isExtraStep } from "./extras.js";
import { isUsageStep } from "./usage-plans.js";
import { splitDuplicates } from "./duplicates.js";
import type { RemoteResource } from "../aws/rest-types.js";
import { applyAccessStep, applyExtraStep, putProxyMethod, resolveAccess } from "./access-apply.js";
import { isAccessStep, type AccessIds } from "./access.js";
import { applyUsageStep } from "./usage-apply.js";

type Log = { step(message: string): void };

/** A plan naming functions that are not deployed is refused whole, before any change. */
export function undeployedError(functions: string[]): LgwError {
  if (functions.length === 1) return new LgwError(undeployedMessage(functions[0]!));
  return new LgwError(`functions ${functions.join(", ")} are not deployed yet: run \`lgw deploy <name> --create\` for each`);
}

function resourceAt(byPath: Map<string, RemoteResource>, path: string): RemoteResource {
  const r = byPath.get(path);
  if (!r) throw new LgwError(`REST API has no resource ${path} (it changed while lgw was syncing? run \`lgw api sync\` again)`);
  return r;
}

type StepOf<A extends SyncStep["action"]> = Extract<SyncStep, { action: A }>;

/** A route's method goes, and with --prune, the permission it used. */
async function deleteProxyMethod(aws: AwsClients, apiId: string, r: RemoteResource, step: StepOf<"delete-method">, log: Log): Promise<void> {
  await gw.deleteMethod(aws, apiId, r.id, step.method, `${step.method} ${step.path}`);
  delete r.methods[step.method];
  if (step.removePermission) await removePermission(aws, step.removePermission.functionName, step.removePermission.statementId, log);
}

/** A path part under its parent; the new resource is what later steps on that path find. */
async function createResource(aws: AwsClients, apiId: string, byPath: Map<string, RemoteResource>, step: StepOf<"create-resource">): Promise<void> {
  const parent = resourceAt(byPath, step.parentPath);
  const created = await gw.createResource(aws, apiId, parent.id, step.pathPart, step.path);
  byPath.set(step.path, { ...created, path: step.path, parentId: parent.id });
}

/** A proxy route's method (with its access settings), its Lambda proxy integration and its permission; a re-pointed route's old permission goes. */
async function putProxyRoute(aws: AwsClients, apiId: string, r: RemoteResource, step: StepOf<"put-method" | "fix-integration">, log: Log, ids: AccessIds): Promise<void> {
  if (step.access) await putProxyMethod(aws, apiId, r, step, ids);
  else if (step.action === "put-method") await ensureMethod(aws, apiId, r, step.method, { authorizationType: "NONE", apiKeyRequired: false });
  await ensureProxyIntegration(aws, apiId, r, step.method, step.uri);
  await ensurePermission(aws, step.permission, log);
  if (step.action === "fix-integration" && step.removePermission) {
    await removePermission(aws, step.removePermission.functionName, step.removePermission.statementId, log);
  }
}

async function applyStep(aws: AwsClients, apiId: string, byPath: Map<string, RemoteResource>, step: SyncStep, log: Log, ids: AccessIds): Promise<void> {
  // the step families of their own modules (non-proxy integrations, access control, models and
  // gateway responses, keys and plans), then the proxy routes' own steps
  if (isNonProxyStep(step)) {
    const access = step.action === "put-integration" && step.access ? resolveAccess(step.access, ids) : undefined;
    return applyNonProxyStep(aws, apiId, resourceAt(byPath, step.path), step, log, access);
  }
  if (isAccessStep(step)) return applyAccessStep(aws, apiId, step, ids, log);
  if (isExtraStep(step)) return applyExtraStep(aws, apiId, step, ids);
  if (isUsageStep(step)) return applyUsageStep(aws, apiId, step, ids);
  switch (step.action) {
    case "delete-method":
      return deleteProxyMethod(aws, apiId, resourceAt(byPath, step.path), step, log);
    case "delete-resource": {
      const r = byPath.get(step.path);
      if (r) await gw.deleteResource(aws, apiId, r.id, step.path);
      byPath.delete(step.path);
      return;
    }
    case "delete-duplicate-resource":
      await gw.deleteResource(aws, apiId, step.id, `${step.path} (id ${step.id})`);
      return;
    case "remove-duplicate-permission":
      // one statement per call (moto removes the first copy it finds)
      for (let i = 0; i < step.count; i++) if (!(await removePermission(aws, step.functionName, step.statementId, log))) break;
      return;
    case "create-resource":
      return createResource(aws, apiId, byPath, step);
    case "put-method":
    case "fix-integration":
      return putProxyRoute(aws, apiId, resourceAt(byPath, step.path), step, log, ids);
    case "add-permission":
      await ensurePermission(aws, step.permission, log);
      return;
    case "remove-permission":
      await removePermission(aws, step.functionName, step.statementId, log);
      return;
    case "set-cors":
      await ensureCors(aws, apiId, resourceAt(byPath, step.path), step.spec);
      return;
    case "set-binary-media-types":
      await gw.updateBinaryMediaTypes(aws, apiId, step.add, step.remove);
      return;
  }
}

export async function applySyncPlan(aws: AwsClients, plan: SyncPlan, resources: RemoteResource[], log: Log, signal?: AbortSignal): Promise<number> {
  if (plan.undeployed.length) throw undeployedError(plan.undeployed);
  // the copy of each path the plan was made against (a duplicate is deleted by id, never looked up)
  const byPath = new Map(splitDuplicates(resources).kept.map((r) => [r.path, { ...r, methods: { ...r.methods } }]));
  const ids: AccessIds = { authorizers: { ...plan.ids?.authorizers }, validators: { ...plan.ids?.validators }, keys: { ...plan.ids?.keys }, plans: { ...plan.ids?.plans } };
  return runSteps(plan.steps, describeStep, (step) => applyStep(aws, plan.apiId, byPath, step, log, ids), log, signal);
}
