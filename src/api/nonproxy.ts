// Pure: `lgw api sync` for REST routes with a non-proxy integration. A route's lgw.json settings
// become the method API Gateway should have (NonProxySpec: PutIntegration type AWS, MOCK or
// HTTP_PROXY with its templates, passthrough behaviour and request parameters, and one method
// response + integration response per status code); comparing it with what the API has gives
// the steps. A method that differs is rebuilt whole (method and integration responses cannot be
// put twice); integration responses lgw.json no longer lists go only with --prune.
import { UsageError } from "../errors.js";
import { DEFAULT_RESPONSE } from "../mapping/integration.js";
import type { Route } from "../routes/table.js";
import { functionNameFromUri, statementId } from "./arns.js";
import type { PermissionSpec, SyncStep } from "./plan.js";
import type { PolicyStatement, RemoteMethod } from "../aws/rest-types.js";
import { accessDifference, type AccessIds, type MethodAccess } from "./access.js";
import type { NonProxySpec, ResponseSpec } from "../aws/rest-types.js";

export type NonProxyStep =
  | {
      action: "put-integration";
      method: string;
      path: string;
      /** "" for MOCK and HTTP_PROXY */
      functionName: string;
      /** what answers, for the plan's reader: "orders (lambda)", "mock", "http https://..." */
      target: string;
      spec: NonProxySpec;
      permission?: PermissionSpec;
      /** set when the method exists and differs: what it does now */
      was?: string;
      /** the statement of the function the method called before */
      removePermission?: { functionName: string; statementId: string };
      /** the method's access settings (absent: none) */
      access?: MethodAccess;
      needsDeploy?: true;
    }
  | { action: "delete-integration-response"; method: string; path: string; statusCode: string };

// every action of a NonProxyStep, once: the compiler keeps this in step with the type, and the sync's
// apply and render dispatch on it instead of listing the actions again
const NONPROXYSTEP_ACTIONS: Record<NonProxyStep["action"], true> = {
  "put-integration": true,
  "delete-integration-response": true,
};

export function isNonProxyStep(step: { action: string }): step is NonProxyStep {
  return Object.hasOwn(NONPROXYSTEP_ACTIONS, step.action);
}

const VARIABLE_RE = /\{([A-Za-z0-9_]+)\+?\}/g;

function httpSpec(route: Route, uri: string): NonProxySpec {
  const names = [...uri.matchAll(VARIABLE_RE)].map((m) => m[1]!);
  const routeVars = route.parts.flatMap((p) => (p.kind === "literal" ? [] : [p.name]));
  for (const n of names) {
    if (!routeVars.includes(n)) throw new UsageError(`routes["${route.key}"].uri uses {${n}}, which is not a path variable of the route (variables: ${routeVars.join(", ") || "none"})`);
  }
  return {
    type: "HTTP_PROXY",
    // API Gateway names a greedy variable without its "+" in the integration's uri
    uri: uri.replace(VARIABLE_RE, "{$1}"),
    integrationHttpMethod: route.method,
    requestTemplates: {},
    requestParameters: Object.fromEntries(names.map((n) => [`integration.request.path.${n}`, `method.request.path.${n}`])),
    methodRequestParameters: Object.fromEntries(names.map((n) => [`method.request.path.${n}`, true])),
    responses: [],
  };
}

/** The method a non-proxy route should be; `lambdaUri` is the function's invocation URI (lambda routes). */
export function nonProxySpec(route: Route, lambdaUri: string | undefined): NonProxySpec {
  const integ = route.integration;
  if (!integ) throw new Error(`nonProxySpec: ${route.key} is a proxy route (a bug in lgw)`);
  if (integ.type === "http") return httpSpec(route, integ.uri);
  const responses = Object.entries(integ.responses)
    .map(([pattern, r]) => ({
      statusCode: String(r.statusCode),
      ...(pattern === DEFAULT_RESPONSE ? {} : { selectionPattern: pattern }),
      parameters: Object.fromEntries(Object.entries(r.headers ?? {}).map(([h, expr]) => [`method.response.header.${h}`, expr])),
      templates: { ...(r.templates ?? {}) },
    }))
    .sort((a, b) => (a.statusCode < b.statusCode ? -1 : a.statusCode > b.statusCode ? 1 : 0));
  return {
    type: integ.type === "lambda" ? "AWS" : "MOCK",
    ...(integ.type === "lambda" ? { uri: lambdaUri, integrationHttpMethod: "POST" } : {}),
    requestTemplates: { ...integ.requestTemplates },
    passthroughBehavior: integ.passthroughBehavior,
    requestParameters: {},
    methodRequestParameters: {},
    responses,
  };
}

function sameMap(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => (b ?? {})[k] === (a ?? {})[k]);
}

function responseDifference(current: RemoteMethod, r: ResponseSpec): string | undefined {
  const deployed = current.integration?.responses?.[r.statusCode];
  if (!deployed) return `no ${r.statusCode} integration response`;
  if ((deployed.selectionPattern ?? "") !== (r.selectionPattern ?? "")) return `${r.statusCode} selected by ${deployed.selectionPattern ? `"${deployed.selectionPattern}"` : "default"}`;
  if (!sameMap(current.integration?.responseParameters?.[r.statusCode], r.parameters)) return `other ${r.statusCode} header mappings`;
  if (!sameMap(deployed.responseTemplates, r.templates)) return `other ${r.statusCode} response templates`;
  const declared = current.methodResponses?.[r.statusCode];
  if (!declared) return `no ${r.statusCode} method response`;
  if (!sameMap(declared, Object.fromEntries(Object.keys(r.parameters).map((k) => [k, false])))) return `other ${r.statusCode} method response headers`;
  return undefined;
}

/** What the deployed method does differently from the spec, or undefined when it matches. */
export function nonProxyDifference(current: RemoteMethod, spec: NonProxySpec): string | undefined {
  const i = current.integration;
  if (!i?.type) return "no integration";
  if (i.type !== spec.type) return `${i.type} integration`;
  if ((i.uri ?? undefined) !== spec.uri) {
    const fn = functionNameFromUri(i.uri);
    return fn ? `function ${fn}` : `uri ${i.uri ?? "(none)"}`;
  }
  if (spec.integrationHttpMethod && i.httpMethod !== spec.integrationHttpMethod) return `integration method ${i.httpMethod ?? "(none)"}`;
  if (!sameMap(i.requestTemplates, spec.requestTemplates)) return "other request templates";
  if (spec.passthroughBehavior && (i.passthroughBehavior ?? "WHEN_NO_MATCH") !== spec.passthroughBehavior) return `passthrough ${i.passthroughBehavior ?? "WHEN_NO_MATCH"}`;
  if (!sameMap(i.requestParameters, spec.requestParameters) || !sameMap(current.requestParameters, spec.methodRequestParameters)) return "other request parameters";
  for (const r of spec.responses) {
    const problem = responseDifference(current, r);
    if (problem) return problem;
  }
  return undefined;
}

/** Status codes the method answers that the spec does not list. */
export function staleResponses(current: RemoteMethod, spec: NonProxySpec): string[] {
  const wanted = new Set(spec.responses.map((r) => r.statusCode));
  const deployed = new Set([...Object.keys(current.integration?.responses ?? {}), ...Object.keys(current.methodResponses ?? {})]);
  return [...deployed].filter((c) => !wanted.has(c)).sort();
}

export function targetOf(route: Route): string {
  const integ = route.integration!;
  if (integ.type === "http") return `http ${integ.uri}`;
  return integ.type === "mock" ? "mock" : `${route.functionName} (lambda)`;
}

export interface NonProxyContext {
  apiId: string;
  current?: RemoteMethod;
  /** the function's invocation URI (lambda routes) */
  uri?: string;
  permission?: PermissionSpec;
  permissions: Record<string, PolicyStatement[]>;
  pending: { needsDeploy?: true };
  prune: boolean;
  /** the method's access settings (access.ts), and the ids they name */
  access?: MethodAccess;
  ids?: AccessIds;
}

export interface PlanOut {
  steps: SyncStep[];
  unchanged: string[];
  notes: string[];
}

/** The steps of one non-proxy route. */
export function planNonProxyRoute(route: Route, ctx: NonProxyContext, out: PlanOut): void {
  const { method, path } = route;
  const spec = nonProxySpec(route, ctx.uri);
  const access = ctx.access;
  if (access) spec.methodRequestParameters = { ...spec.methodRequestParameters, ...access.requestParameters };
  const base = {
    action: "put-integration" as const,
    ...{ method, path, functionName: route.functionName, target: targetOf(route), spec },
    ...(ctx.permission ? { permission: ctx.permission } : {}),
    ...(access ? { access } : {}),
    ...ctx.pending,
  };
  const current = ctx.current;
  if (!current) {
    out.steps.push(base);
    return;
  }
  const was = nonProxyDifference(current, spec) ?? (access ? accessDifference(current, access, ctx.ids ?? { authorizers: {}, validators: {}, keys: {}, plans: {} }, false) : undefined);
  if (was) {
    const type = current.integration?.type;
    const old = type === "AWS_PROXY" || type === "AWS" ? functionNameFromUri(current.integration?.uri) : undefined;
    const removing = old && old !== route.functionName ? { removePermission: { functionName: old, statementId: statementId(ctx.apiId, method, path) } } : {};
    out.steps.push({ ...base, was, ...removing });
    return;
  }
  let changed = false;
  const p = ctx.permission;
  if (p && !ctx.permissions[p.functionName]?.some((s) => s.sid === p.statementId && s.sourceArn === p.sourceArn)) {
    out.steps.push({ action: "add-permission", method, path, permission: p, ...ctx.pending });
    changed = true;
  }
  const stale = staleResponses(current, spec);
  if (stale.length && ctx.prune) {
    for (const statusCode of stale) out.steps.push({ action: "delete-integration-response", method, path, statusCode });
    changed = true;
  } else if (stale.length) {
    out.notes.push(`${method} ${path} has responses lgw.json does not list: ${stale.join(", ")} (kept; --prune removes them)`);
  }
  if (!changed) out.unchanged.push(route.key);
}

export function describeNonProxy(step: NonProxyStep): string {
  if (step.action === "delete-integration-response") return `- ${step.method} ${step.path} response ${step.statusCode}`;
  const codes = step.spec.responses.map((r) => r.statusCode);
  const detail = codes.length ? `, responses ${codes.join(" ")}` : "";
  return `${step.was ? "~" : "+"} ${step.method} ${step.path} -> ${step.target}${detail}${step.was ? ` (was ${step.was})` : ""}`;
}
