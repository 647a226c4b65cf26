// Pure: the phases of planSync (plan.ts), each on its own: where a routed function's ARN, URI and
// invoke permission come from (predicted for a function not deployed yet), --prune's removals,
// the resources to create, one proxy route's method, integration and permissions, and the
// binary media types.
import { LgwError } from "../errors.js";
import { formatResourcePath, parseResourcePath, type PathPart, type Route } from "../routes/table.js";
import { executeApiSourceArn, functionNameFromUri, integrationUri, parseFunctionArn, statementId } from "./arns.js";
import { isCorsMethod } from "./cors.js";
import { accessDifference, type AccessIds, type MethodAccess } from "./access.js";
import { awsOnlyRoutes, byCodeUnit, callsFunction, type AwsOnlyRoute } from "./aws-only.js";
import { depthOf, missingResources, parentPathOf, siblingConflictError, variableSiblingConflict } from "./tree.js";
import type { PolicyStatement, RemoteMethod, RemoteResource } from "../aws/rest-types.js";
import type { PermissionSpec, SyncInput, SyncStep } from "./plan.js";

export function hasPermission(statements: PolicyStatement[] | undefined, p: PermissionSpec): boolean {
  return Boolean(statements?.some((s) => s.sid === p.statementId && s.sourceArn === p.sourceArn));
}

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

export interface FunctionRefs {
  undeployed: Set<string>;
  arnOf(fn: string): { arn: string; partition: string; account: string };
  uriOf(fn: string): string;
  permissionFor(route: Route): PermissionSpec;
  /** marks the steps of a function that is not deployed yet */
  pending(fn: string): { needsDeploy?: true };
}

export function functionRefs(input: SyncInput): FunctionRefs {
  const { apiId, region } = input;
  const undeployed = new Set(input.undeployed ?? []);
  // an undeployed function's ARN, predicted from a deployed one's account (else a placeholder)
  const known = Object.values(input.functionArns).map(parseFunctionArn)[0];
  const predicted = {
    partition: known?.partition ?? (region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws"),
    account: known?.account ?? "ACCOUNT",
  };
  const arnOf = (fn: string) => {
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
  return { undeployed, arnOf, uriOf, permissionFor, pending: (fn) => (undeployed.has(fn) ? { needsDeploy: true as const } : {}) };
}

/** --prune's method and resource deletions (deepest first), keeping CORS preflights and what lies above them. */
export function planRemovals(input: SyncInput, resources: RemoteResource[], steps: SyncStep[]): { deleted: Set<string>; corsParts: PathPart[][]; awsOnly: AwsOnlyRoute[] } {
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
  if (!input.prune) return { deleted, corsParts, awsOnly };
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
      steps.push({ action: "delete-method", method, path: res.path, ...(fn ? { removePermission: { functionName: fn, statementId: statementId(input.apiId, method, res.path) } } : {}) });
    }
  }
  for (const res of byDepth) {
    if (!keep.has(res.path)) {
      steps.push({ action: "delete-resource", path: res.path });
      deleted.add(res.path);
    }
  }
  return { deleted, corsParts, awsOnly };
}

/** The resources the routes (and api.cors.paths' preflights) need, parents first. */
export function planResources(input: SyncInput, byPath: Map<string, RemoteResource>, deleted: Set<string>, corsParts: PathPart[][], steps: SyncStep[]): void {
  const remaining = [...byPath.keys()].filter((p) => !deleted.has(p));
  const creating = new Map<string, ReturnType<typeof missingResources>[number]>();
  for (const parts of [...input.routes.map((r) => r.parts), ...corsParts]) {
    for (const missing of missingResources(byPath, parts)) {
      if (creating.has(missing.path)) continue;
      const clash = variableSiblingConflict([...remaining, ...creating.keys()], missing);
      if (clash) throw siblingConflictError(clash, missing.path, "rename the route in lgw.json, or run `lgw api sync --prune` to remove the old resource");
      creating.set(missing.path, missing);
    }
  }
  [...creating.values()].sort((a, b) => depthOf(a.path) - depthOf(b.path) || byCodeUnit(a.path, b.path)).forEach((m) => steps.push({ action: "create-resource", ...m }));
}

/** One Lambda proxy route: its method and integration, its invoke permission, stale copies of that permission. */
export function planProxyRoute(
  route: Route,
  c: { current?: RemoteMethod; access?: MethodAccess; ids: AccessIds; permissions: Record<string, PolicyStatement[]>; refs: FunctionRefs },
  out: { steps: SyncStep[]; unchanged: string[] },
): void {
  const { current, access, permissions } = c;
  const pending = c.refs.pending(route.functionName);
  const uri = c.refs.uriOf(route.functionName);
  const permission = c.refs.permissionFor(route);
  if (!current) {
    out.steps.push({ action: "put-method", method: route.method, path: route.path, functionName: route.functionName, uri, permission, ...(access ? { access } : {}), ...pending });
    return;
  }
  const accessWas = access && accessDifference(current, access, c.ids, true);
  const problem = integrationProblem(current, uri);
  const old = current.integration?.type === "AWS_PROXY" ? functionNameFromUri(current.integration.uri) : undefined;
  const removing = problem && old && old !== route.functionName ? old : undefined;
  if (problem || accessWas) {
    out.steps.push({
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
    out.steps.push({ action: "add-permission", method: route.method, path: route.path, permission, ...pending });
  }
  // this route's statement id on any other function: left behind when the route moved (an
  // earlier sync stopped half-way, or `create-method` re-pointed it); it still lets that
  // function be invoked from this method and path
  const stale = Object.keys(permissions)
    .filter((fn) => fn !== route.functionName && fn !== removing && permissions[fn]!.some((s) => s.sid === permission.statementId))
    .sort(byCodeUnit);
  for (const fn of stale) out.steps.push({ action: "remove-permission", method: route.method, path: route.path, functionName: fn, statementId: permission.statementId });
  if (!problem && !accessWas && stale.length === 0 && hasPermission(permissions[route.functionName], permission)) out.unchanged.push(route.key);
}

/** binaryMediaTypes: added as lgw.json lists them; extra ones go with --prune, else a note. */
export function planBinaryMediaTypes(input: SyncInput, steps: SyncStep[], notes: string[]): void {
  const current = new Set(input.binaryMediaTypes.current);
  const desired = new Set(input.binaryMediaTypes.desired);
  const add = [...desired].filter((t) => !current.has(t));
  const extra = [...current].filter((t) => !desired.has(t));
  const remove = input.prune ? extra : [];
  if (add.length || remove.length) steps.push({ action: "set-binary-media-types", add, remove });
  if (!input.prune && extra.length) notes.push(`api has binaryMediaTypes not in lgw.json: ${extra.join(", ")} (kept; --prune removes them)`);
}
