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
import { LgwError } from "../errors.js";
import { formatResourcePath, parseResourcePath, type Route } from "../routes/table.js";
import { executeApiSourceArn, functionNameFromUri, integrationUri, parseFunctionArn, statementId } from "./arns.js";
import { corsUpToDate, isCorsMethod, restCorsSpecs, type CorsSpec } from "./cors.js";
import { planDuplicates } from "./duplicates.js";
import { planNonProxyRoute, type NonProxyStep } from "./nonproxy.js";
import { awsOnlyRoutes, byCodeUnit, callsFunction, type AwsOnlyRoute } from "./aws-only.js";
import { accessDifference, methodAccessOf, type AccessIds, type AccessStep, type MethodAccess } from "./access.js";
import { planAccess, type AccessInput } from "./access-plan.js";
import type { ExtraStep } from "./extras.js";
import type { UsageStep } from "./usage-plans.js";
import { depthOf, indexByPath, missingResources, parentPathOf, siblingConflictError, variableSiblingConflict } from "./tree.js";
import type { PolicyStatement, RemoteMethod, RemoteResource } from "../aws/rest-types.js";

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

function integrationProblem(method: RemoteMethod, uri: string): string | undefined {
  const integ = method.integration;
  if (!integ?.type) return "no integration";
  if (integ.type !== "AWS_PROXY") return `${integ.type} integration`;
  if (integ.uri !== uri) {
    const fn = functionNameFromUri(integ.uri);
    return fn ? `function ${fn}` : `uri ${integ.uri ?? "(none)"}`;
  }
  if (integ.httpMethod !== "POST") return `integration method ${integ.httpMethod ?? "(none)"}`;
  return undefined;
}

function hasPermission(statements: PolicyStatement[] | undefined, p: PermissionSpec): boolean {
  return Boolean(statements?.some((s) => s.sid === p.statementId && s.sourceArn === p.sourceArn));
}

export function planSync(input: SyncInput): SyncPlan {
  const { apiId, region } = input;
  const steps: SyncStep[] = [];
  const unchanged: string[] = [];
  const notes: string[] = [];
  const { resources, permissions } = planDuplicates(input, steps, notes);
  const byPath = indexByPath(resources);

  const undeployed = new Set(input.undeployed ?? []);
  // an undeployed function's ARN, predicted from a deployed one's account (else a placeholder)
  const known = Object.values(input.functionArns).map(parseFunctionArn)[0];
  const predicted = {
    partition: known?.partition ?? (region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws"),
    account: known?.account ?? "ACCOUNT",
  };
  const arnOf = (fn: string): { arn: string; partition: string; account: string } => {
    const arn = input.functionArns[fn];
    if (arn) return { arn, ...parseFunctionArn(arn) };
    if (undeployed.has(fn)) return { arn: `arn:${predicted.partition}:lambda:${region}:${predicted.account}:function:${fn}`, ...predicted };
    throw new LgwError(`no ARN for function ${fn} (a bug in lgw: every routed function is looked up first)`);
  };
  const uriOf = (fn: string): string => {
    if (input.functionArns[fn]) return integrationUri(region, input.functionArns[fn]);
    const { arn, partition } = arnOf(fn);
    return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`;
  };
  const permissionFor = (route: Route): PermissionSpec => {
    const arn = arnOf(route.functionName);
    return {
      functionName: route.functionName,
      statementId: statementId(apiId, route.method, route.path),
      sourceArn: executeApiSourceArn({ partition: arn.partition, region, account: arn.account, apiId, method: route.method, parts: route.parts }),
    };
  };

  // ---- removals (--prune) ----
  const wanted = new Map<string, Set<string>>();
  const neededPaths = new Set<string>(["/"]);
  for (const route of input.routes) {
    if (!wanted.has(route.path)) wanted.set(route.path, new Set());
    wanted.get(route.path)!.add(route.method);
    for (let i = 0; i <= route.parts.length; i++) neededPaths.add(formatResourcePath(route.parts.slice(0, i)));
  }
  const corsParts = input.cors ? (input.corsPaths ?? []).map(parseResourcePath) : [];
  for (const parts of corsParts) for (let i = 0; i <= parts.length; i++) neededPaths.add(formatResourcePath(parts.slice(0, i)));
  const awsOnly = awsOnlyRoutes(resources, wanted);
  const deleted = new Set<string>();
  if (input.prune) {
    const byDepth = [...resources].sort((a, b) => depthOf(b.path) - depthOf(a.path) || byCodeUnit(a.path, b.path));
    const keep = new Set(neededPaths);
    for (const res of byDepth) {
      for (const [method, m] of Object.entries(res.methods).sort(([a], [b]) => byCodeUnit(a, b))) {
        if (wanted.get(res.path)?.has(method)) continue;
        if (isCorsMethod(method, m.integration)) {
          // keep the preflight and every resource above it
          for (let p = res.path; ; p = parentPathOf(p)) {
            keep.add(p);
            if (p === "/") break;
          }
          continue;
        }
        const fn = callsFunction(m.integration?.type) ? functionNameFromUri(m.integration?.uri) : undefined;
        steps.push({
          action: "delete-method",
          method,
          path: res.path,
          ...(fn ? { removePermission: { functionName: fn, statementId: statementId(apiId, method, res.path) } } : {}),
        });
      }
    }
    for (const res of byDepth) {
      if (!keep.has(res.path)) {
        steps.push({ action: "delete-resource", path: res.path });
        deleted.add(res.path);
      }
    }
  }
  const remaining = [...byPath.keys()].filter((p) => !deleted.has(p));

  // ---- resources (for the routes, and for api.cors.paths' preflights) ----
  const creating = new Map<string, ReturnType<typeof missingResources>[number]>();
  for (const parts of [...input.routes.map((r) => r.parts), ...corsParts]) {
    for (const missing of missingResources(byPath, parts)) {
      if (creating.has(missing.path)) continue;
      const clash = variableSiblingConflict([...remaining, ...creating.keys()], missing);
      if (clash) throw siblingConflictError(clash, missing.path, "rename the route in lgw.json, or run `lgw api sync --prune` to remove the old resource");
      creating.set(missing.path, missing);
    }
  }
  [...creating.values()]
    .sort((a, b) => depthOf(a.path) - depthOf(b.path) || byCodeUnit(a.path, b.path))
    .forEach((m) => steps.push({ action: "create-resource", ...m }));

  // ---- authorizers, models, validators, gateway responses (access-plan.ts): made before the
  // methods naming them, --prune's deletes after them ----
  const acc = planAccess(input, {
    fn: (name) => ({ uri: uriOf(name), ...arnOf(name), pending: undeployed.has(name) ? { needsDeploy: true as const } : {} }),
    hasStatement: (fn, sid, sourceArn) => hasPermission(permissions[fn], { functionName: fn, statementId: sid, sourceArn }),
  });
  steps.push(...acc.before);
  notes.push(...acc.notes);
  const { ids, authorizers, manage } = acc;

  // ---- methods, integrations, permissions ----
  for (const route of input.routes) {
    const pending = undeployed.has(route.functionName) ? { needsDeploy: true as const } : {};
    const current = byPath.get(route.path)?.methods[route.method];
    const access = methodAccessOf(route, authorizers, manage);
    if (route.integration) {
      const fn = route.functionName ? { uri: uriOf(route.functionName), permission: permissionFor(route) } : {};
      planNonProxyRoute(route, { apiId, current, ...fn, permissions, pending, prune: input.prune, access, ids }, { steps, unchanged, notes });
      continue;
    }
    const uri = uriOf(route.functionName);
    const permission = permissionFor(route);
    if (!current) {
      steps.push({ action: "put-method", method: route.method, path: route.path, functionName: route.functionName, uri, permission, ...(access ? { access } : {}), ...pending });
      continue;
    }
    const accessWas = access && accessDifference(current, access, ids, true);
    const problem = integrationProblem(current, uri);
    const old = current.integration?.type === "AWS_PROXY" ? functionNameFromUri(current.integration.uri) : undefined;
    const removing = problem && old && old !== route.functionName ? old : undefined;
    if (problem || accessWas) {
      steps.push({
        action: "fix-integration",
        method: route.method,
        path: route.path,
        functionName: route.functionName,
        uri,
        was: [problem, accessWas].filter(Boolean).join(", "),
        permission,
        ...(removing ? { removePermission: { functionName: removing, statementId: permission.statementId } } : {}),
        ...(accessWas ? { access } : {}),
        ...pending,
      });
    } else if (!hasPermission(permissions[route.functionName], permission)) {
      steps.push({ action: "add-permission", method: route.method, path: route.path, permission, ...pending });
    }
    // this route's statement id on any other function: left behind when the route moved (an
    // earlier sync stopped half-way, or `create-method` re-pointed it); it still lets that
    // function be invoked from this method and path
    const stale = Object.keys(permissions)
      .filter((fn) => fn !== route.functionName && fn !== removing && permissions[fn]!.some((s) => s.sid === permission.statementId))
      .sort(byCodeUnit);
    for (const fn of stale) steps.push({ action: "remove-permission", method: route.method, path: route.path, functionName: fn, statementId: permission.statementId });
    if (!problem && !accessWas && stale.length === 0 && hasPermission(permissions[route.functionName], permission)) unchanged.push(route.key);
  }

  // ---- CORS preflights (api.cors) ----
  if (input.cors) {
    for (const [path, spec] of [...restCorsSpecs(input.cors, input.routes, input.corsPaths)].sort(([a], [b]) => byCodeUnit(a, b))) {
      if (!corsUpToDate(byPath.get(path)?.methods.OPTIONS?.integration, spec)) steps.push({ action: "set-cors", path, spec });
    }
  }

  // ---- binary media types ----
  const current = new Set(input.binaryMediaTypes.current);
  const desired = new Set(input.binaryMediaTypes.desired);
  const add = [...desired].filter((t) => !current.has(t));
  const extra = [...current].filter((t) => !desired.has(t));
  const remove = input.prune ? extra : [];
  if (add.length || remove.length) steps.push({ action: "set-binary-media-types", add, remove });
  if (!input.prune && extra.length) notes.push(`api has binaryMediaTypes not in lgw.json: ${extra.join(", ")} (kept; --prune removes them)`);

  steps.push(...acc.after);
  const used = new Set([...input.routes.map((r) => r.functionName), ...authorizers.flatMap((a) => (a.type === "cognito" ? [] : [a.function]))]);
  const pendingFns = [...undeployed].filter((fn) => used.has(fn)).sort(byCodeUnit);
  return { apiId, steps, unchanged, undeployed: pendingFns, notes, awsOnly, ...(input.access ? { ids } : {}) };
}
