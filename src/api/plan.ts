// Pure: (route table, the REST API as it is, function ARNs) -> the ordered steps that make the
// API match lgw.json. `lgw api sync` prints this plan, `--dry-run`/`--json` render it, and
// apply.ts executes exactly these steps.
//
// Order: removals first (so a pruned /users/{userId} frees the variable slot /users/{id} needs),
// then resources parents-first, then methods and permissions, then binary media types.
// `--prune` removes methods and resources the table does not name, except:
// - the root "/" (API Gateway owns it);
// - OPTIONS methods with a MOCK integration: those are CORS preflights (`lgw api cors`, the
//   console's "Enable CORS"), which a route table of functions cannot express; the resources
//   holding them stay too. An OPTIONS route in the table replaces one, like any method.
// Binary media types that lgw.json does not list are removed only with --prune, too.
import type { Route } from "../routes/table.js";
import { corsUpToDate, restCorsSpecs, type CorsSpec } from "./cors.js";
import { planDuplicates } from "./duplicates.js";
import { planNonProxyRoute, type NonProxyStep } from "./nonproxy.js";
import { byCodeUnit, type AwsOnlyRoute } from "./aws-only.js";
import { methodAccessOf, type AccessIds, type AccessStep, type MethodAccess } from "./access.js";
import { planAccess, type AccessInput } from "./access-plan.js";
import type { ExtraStep } from "./extras.js";
import type { UsageStep } from "./usage-plans.js";
import { indexByPath } from "./tree.js";
import { functionRefs, hasPermission, planBinaryMediaTypes, planProxyRoute, planRemovals, planResources } from "./plan-phases.js";
import type { PolicyStatement, RemoteResource } from "../aws/rest-types.js";

export interface PermissionSpec {
  functionName: string;
  statementId: string;
  sourceArn: string;
}

export type SyncStep =
  | { action: "delete-method"; method: string; path: string; removePermission?: { functionName: string; statementId: string } }
  | { action: "delete-resource"; path: string }
  /** a second copy of a path (two syncs at once against moto): deleted by id, the kept copy stays */
  | { action: "delete-duplicate-resource"; path: string; id: string }
  /** a statement id the policy holds `count` times: every copy goes, and the route's own is added back */
  | { action: "remove-duplicate-permission"; functionName: string; statementId: string; count: number }
  | { action: "create-resource"; path: string; parentPath: string; pathPart: string }
  | { action: "put-method"; method: string; path: string; functionName: string; uri: string; permission: PermissionSpec; access?: MethodAccess; needsDeploy?: true }
  | {
      action: "fix-integration";
      method: string;
      path: string;
      functionName: string;
      uri: string;
      /** what the integration does now, for the plan's reader */
      was: string;
      permission: PermissionSpec;
      removePermission?: { functionName: string; statementId: string };
      /** the method's access settings differ: it is deleted and put again with these (no UpdateMethod in moto) */
      access?: MethodAccess;
      needsDeploy?: true;
    }
  | { action: "add-permission"; method: string; path: string; permission: PermissionSpec; needsDeploy?: true }
  /** another function still holds this route's statement (the route was re-pointed and it stayed behind) */
  | { action: "remove-permission"; method: string; path: string; functionName: string; statementId: string }
  | { action: "set-binary-media-types"; add: string[]; remove: string[] }
  /** api.cors: the MOCK preflight on a routed path */
  | { action: "set-cors"; path: string; spec: CorsSpec }
  /** REST routes with a lambda (non-proxy), mock or http integration: nonproxy.ts */
  | NonProxyStep
  /** authorizers (access.ts) */
  | AccessStep
  /** gateway responses, models, request validators (extras.ts) */
  | ExtraStep
  /** API keys and usage plans (usage-plans.ts) */
  | UsageStep;

export interface SyncPlan {
  apiId: string;
  steps: SyncStep[];
  /** routes already deployed as the table says */
  unchanged: string[];
  /**
   * routed functions that are not deployed yet: their steps carry needsDeploy, and their URIs
   * and permissions a predicted ARN; such a plan can be shown but not applied
   */
  undeployed: string[];
  /** what the plan leaves alone on purpose but the reader should know (e.g. kept without --prune) */
  notes: string[];
  /**
   * methods the API has and lgw.json does not name (CORS preflights aside): kept without
   * --prune, deleted with it; `lgw api create-method` (which records its route) or an entry in
   * routes makes them lgw.json's
   */
  awsOnly: AwsOnlyRoute[];
  /** authorizer and validator names -> ids the API has, resolved by apply (absent: none) */
  ids?: AccessIds;
}

export type { AwsOnlyRoute } from "./aws-only.js";

export interface SyncInput {
  apiId: string;
  region: string;
  routes: Route[];
  resources: RemoteResource[];
  binaryMediaTypes: { current: string[]; desired: string[] };
  /** function name -> ARN, for every function the table names that is deployed */
  functionArns: Record<string, string>;
  /** functions the table names that are not deployed yet (no ARN) */
  undeployed?: string[];
  /**
   * function name -> its resource policy's statements: every routed function, and any other
   * project function, so a statement left on a function a route no longer names is found
   */
  permissions: Record<string, PolicyStatement[]>;
  prune: boolean;
  /** lgw.json's api.cors */
  cors?: { allowOrigins?: string[]; allowMethods?: string[]; allowHeaders?: string[] };
  /** lgw.json's api.cors.paths: the paths that get a preflight (absent: every routed path) */
  corsPaths?: string[];
  /** lgw.json's REST access control and what the API has (absent: none to sync) */
  access?: AccessInput;
}

export { byCodeUnit } from "./aws-only.js";


export function planSync(input: SyncInput): SyncPlan {
  const { apiId } = input;
  const steps: SyncStep[] = [];
  const unchanged: string[] = [];
  const notes: string[] = [];
  const { resources, permissions } = planDuplicates(input, steps, notes);
  const byPath = indexByPath(resources);
  const refs = functionRefs(input);

  const { deleted, corsParts, awsOnly } = planRemovals(input, resources, steps);
  planResources(input, byPath, deleted, corsParts, steps);

  // authorizers, models, validators, gateway responses (access-plan.ts): made before the
  // methods naming them, --prune's deletes after them
  const acc = planAccess(input, {
    fn: (name) => ({ uri: refs.uriOf(name), ...refs.arnOf(name), pending: refs.pending(name) }),
    hasStatement: (fn, sid, sourceArn) => hasPermission(permissions[fn], { functionName: fn, statementId: sid, sourceArn }),
  });
  steps.push(...acc.before);
  notes.push(...acc.notes);
  const { ids, authorizers, manage } = acc;

  for (const route of input.routes) {
    const current = byPath.get(route.path)?.methods[route.method];
    const access = methodAccessOf(route, authorizers, manage);
    if (route.integration) {
      const fn = route.functionName ? { uri: refs.uriOf(route.functionName), permission: refs.permissionFor(route) } : {};
      planNonProxyRoute(route, { apiId, current, ...fn, permissions, pending: refs.pending(route.functionName), prune: input.prune, access, ids }, { steps, unchanged, notes });
    } else {
      planProxyRoute(route, { current, access, ids, permissions, refs }, { steps, unchanged });
    }
  }

  // CORS preflights (api.cors)
  if (input.cors) {
    for (const [path, spec] of [...restCorsSpecs(input.cors, input.routes, input.corsPaths)].sort(([a], [b]) => byCodeUnit(a, b))) {
      if (!corsUpToDate(byPath.get(path)?.methods.OPTIONS?.integration, spec)) steps.push({ action: "set-cors", path, spec });
    }
  }
  planBinaryMediaTypes(input, steps, notes);

  steps.push(...acc.after);
  const used = new Set([...input.routes.map((r) => r.functionName), ...authorizers.flatMap((a) => (a.type === "cognito" ? [] : [a.function]))]);
  const pendingFns = [...refs.undeployed].filter((fn) => used.has(fn)).sort(byCodeUnit);
  return { apiId, steps, unchanged, undeployed: pendingFns, notes, awsOnly, ...(input.access ? { ids } : {}) };
}
