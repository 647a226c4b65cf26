// Pure: (route table, authorizers, CORS, the HTTP API as it is, function ARNs) -> the ordered
// steps that make an HTTP API (API Gateway v2) match lgw.json. Same contract as the REST plan
// (../plan.ts): `lgw api sync` prints it, --dry-run/--json render it, apply.ts executes it.
//
// Order: integrations (one AWS_PROXY integration per function, with its payload format), then
// authorizers, then routes and their permissions, then removals (--prune: routes, authorizers,
// integrations nothing targets any more, the CORS configuration), so the API keeps answering
// while it changes. Without --prune, what lgw.json does not name is kept and noted.
import { LgwError } from "../../errors.js";
import { PLACEHOLDER_ISSUER } from "../../config/http.js";
import { integrationUri, parseFunctionArn } from "../arns.js";
import { dedupeStatements, firstOfEach } from "../duplicates.js";
import { byCodeUnit, type AwsOnlyRoute, type PermissionSpec } from "../plan.js";
import type { PolicyStatement } from "../../aws/rest-types.js";
import { authorizerProblem, lambdaOfUri, normalizeCors, routeProblem } from "./drift.js";
import { authorizerSourceArn, authorizerStatementId, routeSourceArn, routeStatementId, type ArnScope } from "./arns.js";
import type { HttpAuthorizerSpec, HttpRouteSpec, RemoteHttpRoute } from "../../aws/http-types.js";
import type { HttpSyncInput, HttpSyncPlan, HttpSyncStep, Pending, RouteAuth } from "./plan-types.js";

export type { HttpSyncInput, HttpSyncPlan, HttpSyncStep, RouteAuth } from "./plan-types.js";

function routeAuth(route: HttpRouteSpec, authorizers: Map<string, HttpAuthorizerSpec>): RouteAuth {
  if (!route.authorizer) return { type: "NONE" };
  const a = authorizers.get(route.authorizer);
  if (!a) throw new LgwError(`route "${route.routeKey}" names authorizer "${route.authorizer}", which lgw.json does not define`, { exitCode: 2 });
  return a.type === "jwt" ? { type: "JWT", authorizer: a.name, scopes: route.scopes ?? [] } : { type: "CUSTOM", authorizer: a.name };
}

/**
 * Routes with the same key, authorizers with the same name and statement ids held twice (what
 * two unlocked runs leave on moto; API Gateway and Lambda refuse them): the plan sees one of
 * each; --prune deletes the others first (a duplicate route keeps the statement, which its
 * twin shares), and without it they are noted.
 */
function withoutDuplicates(input: HttpSyncInput): { input: HttpSyncInput; steps: HttpSyncStep[]; notes: string[] } {
  const routes = firstOfEach(input.remote.routes, (r) => r.routeKey, (r) => r.routeId);
  const authorizers = firstOfEach(input.remote.authorizers, (a) => a.name, (a) => a.authorizerId);
  const statements = dedupeStatements(input.permissions, input.prune);
  const steps: HttpSyncStep[] = [];
  const notes: string[] = [];
  if (input.prune) {
    for (const r of routes.extra) steps.push({ action: "delete-route", routeId: r.routeId, routeKey: r.routeKey });
    for (const a of authorizers.extra) steps.push({ action: "delete-authorizer", authorizerId: a.authorizerId, name: a.name });
    for (const r of statements.removals) steps.push({ action: "remove-duplicate-permission", ...r });
  } else {
    if (routes.extra.length) notes.push(`duplicate routes: ${routes.extra.map((r) => `${r.routeKey} (${r.routeId})`).join(", ")} (another run at the same time? \`lgw api sync --prune\` deletes them)`);
    if (authorizers.extra.length) notes.push(`duplicate authorizers: ${authorizers.extra.map((a) => `${a.name} (${a.authorizerId})`).join(", ")} (\`lgw api sync --prune\` deletes them)`);
    notes.push(...statements.notes);
  }
  const remote = { ...input.remote, routes: routes.kept, authorizers: authorizers.kept };
  return { input: { ...input, remote, permissions: statements.permissions }, steps, notes };
}

/** What `lgw init --auth jwt` left to fill in: AWS would refuse every token on those routes. */
function placeholderNotes(authorizers: HttpAuthorizerSpec[]): string[] {
  return authorizers.flatMap((a) =>
    a.type === "jwt" && a.issuer === PLACEHOLDER_ISSUER
      ? [`authorizer ${a.name} still has lgw init's placeholder issuer ${PLACEHOLDER_ISSUER}: AWS will refuse every token on its routes until authorizers.${a.name}.issuer and audience name your identity provider (Cognito: https://cognito-idp.REGION.amazonaws.com/POOL_ID)`]
      : [],
  );
}

const hasStatement = (statements: PolicyStatement[] | undefined, p: PermissionSpec) => Boolean(statements?.some((s) => s.sid === p.statementId && s.sourceArn === p.sourceArn));

/** What each part of the plan reads: the input (duplicates set aside) and what it derives once. */
interface PlanContext {
  input: HttpSyncInput;
  scope: ArnScope;
  /** a function's ARN: the deployed one, else the one it will have */
  arnOf: (fn: string) => string;
  /** marks a step on a function that is not deployed yet */
  pending: (fn: string) => Pending;
  /** integration id -> the function an AWS_PROXY integration invokes */
  integrationFn: Map<string, string | undefined>;
  /** lgw.json's authorizers by name */
  specs: Map<string, HttpAuthorizerSpec>;
}

function planContext(input: HttpSyncInput): PlanContext {
  const { apiId, region, remote } = input;
  const undeployed = new Set(input.undeployed ?? []);
  const known = Object.values(input.functionArns).map(parseFunctionArn)[0];
  const partition = known?.partition ?? (region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws");
  const scope: ArnScope = { partition, region, account: known?.account ?? "ACCOUNT", apiId };
  return {
    input,
    scope,
    arnOf: (fn) => input.functionArns[fn] ?? `arn:${partition}:lambda:${region}:${scope.account}:function:${fn}`,
    pending: (fn) => (undeployed.has(fn) ? { needsDeploy: true } : {}),
    integrationFn: new Map(remote.integrations.map((i) => [i.integrationId, i.integrationType === "AWS_PROXY" ? lambdaOfUri(i.integrationUri) : undefined])),
    specs: new Map(input.authorizers.map((a) => [a.name, a])),
  };
}

/** The integration a route's target (`integrations/ID`) names. */
const targetIntegration = (target: string | undefined) => /^integrations\/(.+)$/.exec(target ?? "")?.[1];

/** The function a route's target invokes, when it is a Lambda proxy integration. */
function targetFunction(ctx: PlanContext, target: string | undefined): string | undefined {
  const id = targetIntegration(target);
  return id ? ctx.integrationFn.get(id) : undefined;
}

/** One AWS_PROXY integration per routed function, with the payload format lgw.json gives it. */
function planIntegrations(ctx: PlanContext): { steps: HttpSyncStep[]; integrationIds: Record<string, string> } {
  const { input, arnOf, pending } = ctx;
  const steps: HttpSyncStep[] = [];
  const integrationIds: Record<string, string> = {};
  const routedFns = [...new Set(input.routes.map((r) => r.functionName))].sort(byCodeUnit);
  for (const fn of routedFns) {
    const format = input.payloadFormats[fn] ?? "2.0";
    const uri = arnOf(fn);
    const mine = input.remote.integrations.filter((i) => ctx.integrationFn.get(i.integrationId) === fn);
    const exact = mine.find((i) => i.payloadFormatVersion === format);
    if (exact) {
      integrationIds[fn] = exact.integrationId;
    } else if (mine[0]) {
      integrationIds[fn] = mine[0].integrationId;
      const was = `payload format ${mine[0].payloadFormatVersion ?? "(none)"}`;
      steps.push({ action: "update-integration", integrationId: mine[0].integrationId, functionName: fn, uri, payloadFormat: format, was, ...pending(fn) });
    } else {
      steps.push({ action: "create-integration", functionName: fn, uri, payloadFormat: format, ...pending(fn) });
    }
  }
  return { steps, integrationIds };
}

/** Each authorizer created or brought in line, and a Lambda authorizer's invoke permission. */
function planAuthorizers(ctx: PlanContext): { steps: HttpSyncStep[]; authorizerIds: Record<string, string> } {
  const { input, scope, arnOf, pending } = ctx;
  const { apiId, region } = input;
  const steps: HttpSyncStep[] = [];
  const authorizerIds: Record<string, string> = {};
  for (const spec of [...ctx.specs.values()].sort((a, b) => byCodeUnit(a.name, b.name))) {
    const fn = spec.type === "lambda" ? spec.functionName : undefined;
    const uri = fn ? integrationUri(region, arnOf(fn)) : undefined;
    const current = input.remote.authorizers.find((a) => a.name === spec.name);
    const p = fn ? pending(fn) : {};
    if (!current) {
      const permission = fn ? { functionName: fn, statementId: authorizerStatementId(apiId, spec.name) } : undefined;
      steps.push({ action: "create-authorizer", name: spec.name, spec, ...(uri ? { uri } : {}), ...(permission ? { permission } : {}), ...p });
      continue;
    }
    authorizerIds[spec.name] = current.authorizerId;
    const problem = authorizerProblem(current, spec, uri);
    if (problem) steps.push({ action: "update-authorizer", authorizerId: current.authorizerId, name: spec.name, spec, ...(uri ? { uri } : {}), was: problem, ...p });
    if (fn) {
      const permission = { functionName: fn, statementId: authorizerStatementId(apiId, spec.name), sourceArn: authorizerSourceArn(scope, current.authorizerId) };
      if (!hasStatement(input.permissions[fn], permission)) steps.push({ action: "add-permission", what: `authorizer ${spec.name}`, permission, ...p });
    }
  }
  return { steps, authorizerIds };
}

/** Every route, with its permission; a route that needs no step is unchanged. */
function planRoutes(ctx: PlanContext): { steps: HttpSyncStep[]; unchanged: string[] } {
  const byKey = new Map(ctx.input.remote.routes.map((r) => [r.routeKey, r]));
  const authorizerNames = new Map(ctx.input.remote.authorizers.map((a) => [a.authorizerId, a.name]));
  const steps: HttpSyncStep[] = [];
  const unchanged: string[] = [];
  for (const route of ctx.input.routes) {
    const routeSteps = planRoute(ctx, route, byKey.get(route.routeKey), authorizerNames);
    if (routeSteps.length === 0) unchanged.push(route.routeKey);
    steps.push(...routeSteps);
  }
  return { steps, unchanged };
}

/** One route created, updated or given its permission, and its statement taken off any other function. */
function planRoute(ctx: PlanContext, route: HttpRouteSpec, current: RemoteHttpRoute | undefined, authorizerNames: Map<string, string>): HttpSyncStep[] {
  const { input, pending } = ctx;
  const fn = route.functionName;
  const auth = routeAuth(route, ctx.specs);
  const permission: PermissionSpec = { functionName: fn, statementId: routeStatementId(input.apiId, route.routeKey), sourceArn: routeSourceArn(ctx.scope, route.routeKey) };
  const steps: HttpSyncStep[] = [];
  if (!current) {
    steps.push({ action: "create-route", routeKey: route.routeKey, functionName: fn, auth, permission, ...pending(fn) });
  } else {
    const problem = routeProblem(current, fn, auth, targetFunction(ctx, current.target), authorizerNames);
    if (problem) {
      steps.push({ action: "update-route", routeId: current.routeId, routeKey: route.routeKey, functionName: fn, auth, was: problem, permission, ...pending(fn) });
    } else if (!hasStatement(input.permissions[fn], permission)) {
      steps.push({ action: "add-permission", what: route.routeKey, permission, ...pending(fn) });
    }
  }
  // this route's statement left on another function (the route was re-pointed)
  const stale = Object.keys(input.permissions)
    .filter((other) => other !== fn && input.permissions[other]!.some((s) => s.sid === permission.statementId))
    .sort(byCodeUnit);
  for (const other of stale) steps.push({ action: "remove-permission", what: route.routeKey, functionName: other, statementId: permission.statementId });
  return steps;
}

/**
 * What the API has and lgw.json does not name: routes, authorizers and the integrations nothing
 * targets any more (a kept route still targets its own). Deleted with --prune, else kept.
 */
function planRemovals(ctx: PlanContext, integrationIds: Record<string, string>): { steps: HttpSyncStep[]; notes: string[]; awsOnly: AwsOnlyRoute[] } {
  const { input, integrationFn } = ctx;
  const { remote } = input;
  const wantedKeys = new Set(input.routes.map((r) => r.routeKey));
  const extraRoutes = remote.routes.filter((r) => !wantedKeys.has(r.routeKey)).sort((a, b) => byCodeUnit(a.routeKey, b.routeKey));
  const extraAuthorizers = remote.authorizers.filter((a) => !ctx.specs.has(a.name)).sort((a, b) => byCodeUnit(a.name, b.name));
  const targeted = new Set(Object.values(integrationIds));
  const keptTargets = input.prune ? [] : extraRoutes.map((r) => targetIntegration(r.target));
  keptTargets.forEach((t) => t && targeted.add(t));
  const extraIntegrations = remote.integrations.filter((i) => !targeted.has(i.integrationId));
  const awsOnly = extraRoutes.map((r) => {
    const fn = targetFunction(ctx, r.target);
    return { route: r.routeKey, ...(fn ? { functionName: fn } : {}) };
  });
  const steps: HttpSyncStep[] = [];
  const notes: string[] = [];
  if (input.prune) {
    for (const r of extraRoutes) {
      const fn = targetFunction(ctx, r.target);
      steps.push({ action: "delete-route", routeId: r.routeId, routeKey: r.routeKey, ...(fn ? { removePermission: { functionName: fn, statementId: routeStatementId(input.apiId, r.routeKey) } } : {}) });
    }
    for (const a of extraAuthorizers) steps.push({ action: "delete-authorizer", authorizerId: a.authorizerId, name: a.name });
    for (const i of extraIntegrations) steps.push({ action: "delete-integration", integrationId: i.integrationId, ...(integrationFn.get(i.integrationId) ? { functionName: integrationFn.get(i.integrationId) } : {}) });
  } else {
    if (extraAuthorizers.length) notes.push(`authorizers not in lgw.json: ${extraAuthorizers.map((a) => a.name).join(", ")} (kept; --prune removes them)`);
  }
  return { steps, notes, awsOnly };
}

/** CORS set as lgw.json says; a configuration lgw.json does not set is deleted with --prune, else noted. */
function planCors(input: HttpSyncInput): { steps: HttpSyncStep[]; notes: string[] } {
  const steps: HttpSyncStep[] = [];
  const notes: string[] = [];
  const corsExtra = !input.cors && input.remote.cors;
  if (input.cors && normalizeCors(input.cors) !== normalizeCors(input.remote.cors)) steps.push({ action: "set-cors", cors: input.cors });
  if (corsExtra && input.prune) steps.push({ action: "delete-cors" });
  if (corsExtra && !input.prune) notes.push("the API has a CORS configuration that lgw.json does not set (api.cors): kept; --prune removes it");
  return { steps, notes };
}

/** The undeployed functions a route or an authorizer uses. */
function pendingFunctions(input: HttpSyncInput): string[] {
  return [...new Set(input.undeployed ?? [])]
    .filter((fn) => input.routes.some((r) => r.functionName === fn) || input.authorizers.some((a) => a.type === "lambda" && a.functionName === fn))
    .sort(byCodeUnit);
}

export function planHttpSync(given: HttpSyncInput): HttpSyncPlan {
  const { input, steps: duplicates, notes: duplicateNotes } = withoutDuplicates(given);
  const ctx = planContext(input);
  const integrations = planIntegrations(ctx);
  const authorizers = planAuthorizers(ctx);
  const routes = planRoutes(ctx);
  const removals = planRemovals(ctx, integrations.integrationIds);
  const cors = planCors(input);
  return {
    kind: "http",
    apiId: input.apiId,
    steps: [...duplicates, ...integrations.steps, ...authorizers.steps, ...routes.steps, ...removals.steps, ...cors.steps],
    unchanged: routes.unchanged,
    undeployed: pendingFunctions(input),
    notes: [...duplicateNotes, ...removals.notes, ...cors.notes, ...placeholderNotes(input.authorizers)],
    awsOnly: removals.awsOnly,
    integrationIds: integrations.integrationIds,
    authorizerIds: authorizers.authorizerIds,
    scope: ctx.scope,
  };
}
