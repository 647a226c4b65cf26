// Pure: REST API Lambda authorizers (TOKEN and REQUEST), as the API Gateway developer guide
// describes them ("Input to an API Gateway Lambda authorizer", "Output from ..."): identity
// sources in method.request.* syntax, the checks made before the function is called, the method
// ARN, the two event shapes, and what the function's answer means.
import { evaluatePolicy, isPolicyDocument } from "../../auth/policy.js";
import type { RouteMatch } from "../../routes/table.js";
import { joinedHeader, queryValues, type EventOptions, type HttpRequestInfo } from "../request.js";
import { isPlainObject } from "../responses.js";
import { toV1Event } from "../v1.js";
import type { RestAuthorizer } from "./types.js";

export const IDENTITY_SOURCE_RE = /^(method\.request\.(header|querystring|path)|stageVariables|context)\.[A-Za-z0-9._-]+$/;

/**
 * One identity source's value: method.request.header.NAME (any case; repeated headers joined
 * with ","), method.request.querystring.NAME, method.request.path.NAME, stageVariables.NAME,
 * context.NAME. Missing or empty is undefined.
 */
export function restIdentityValue(source: string, req: HttpRequestInfo, opts: EventOptions, pathParameters: Record<string, string> = {}): string | undefined {
  const m = /^(method\.request\.header|method\.request\.querystring|method\.request\.path|stageVariables|context)\.(.+)$/.exec(source.trim());
  if (!m) return undefined;
  const [, where, name] = m as unknown as [string, string, string];
  let v: string | undefined;
  if (where === "method.request.header") v = joinedHeader(req.headers, name);
  // a REST API keeps the last value of a repeated parameter (queryStringParameters)
  else if (where === "method.request.querystring") v = queryValues(req.rawQuery, name).at(-1); else if (where === "method.request.path") v = pathParameters[name];
  else if (where === "stageVariables") v = opts.stageVariables[name];
  else v = contextValue(name, req, opts);
  return v === undefined || v === "" ? undefined : v;
}

function contextValue(name: string, req: HttpRequestInfo, opts: EventOptions): string | undefined {
  const known: Record<string, string | undefined> = {
    stage: opts.stage,
    apiId: opts.apiId,
    accountId: opts.accountId,
    requestId: opts.requestId,
    httpMethod: req.method,
    path: req.path,
    "identity.sourceIp": req.sourceIp,
  };
  return known[name];
}

/** arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/path (the request's own path). */
export function methodArnOf(req: HttpRequestInfo, opts: EventOptions & { region: string }): string {
  return `arn:aws:execute-api:${opts.region}:${opts.accountId}:${opts.apiId}/${opts.stage}/${req.method.toUpperCase()}${req.path}`;
}

export type Precheck = { ok: true; identity: string[] } | { ok: false; reason: string };

/**
 * Before calling the authorizer: every identity source present and not empty, and for TOKEN the
 * validation expression matching the whole token; otherwise API Gateway answers 401 itself.
 */
export function precheck(a: RestAuthorizer, req: HttpRequestInfo, opts: EventOptions, pathParameters: Record<string, string> = {}): Precheck {
  const sources = typeof a.identitySource === "string" ? [a.identitySource] : a.identitySource;
  const identity: string[] = [];
  for (const s of sources) {
    const v = restIdentityValue(s, req, opts, pathParameters);
    if (v === undefined) return { ok: false, reason: `${s} is missing or empty` };
    identity.push(v);
  }
  if (a.type === "token" && a.validationExpression) {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${a.validationExpression})$`);
    } catch {
      return { ok: false, reason: `validationExpression ${a.validationExpression} is not a valid regular expression` };
    }
    if (!re.test(identity[0]!)) return { ok: false, reason: `the token does not match validationExpression ${a.validationExpression}` };
  }
  return { ok: true, identity };
}

/** The TOKEN event: {"type":"TOKEN","authorizationToken","methodArn"}. */
export function tokenEvent(token: string, methodArn: string): Record<string, unknown> {
  return { type: "TOKEN", authorizationToken: token, methodArn };
}

/** The REQUEST event: the proxy event's request fields plus type and methodArn. */
export function requestEvent(req: HttpRequestInfo, match: RouteMatch, opts: EventOptions, methodArn: string): Record<string, unknown> {
  const e = toV1Event(req, match, opts);
  const context = { ...(e.requestContext as Record<string, unknown>) };
  delete context.authorizer;
  return {
    type: "REQUEST",
    methodArn,
    resource: e.resource,
    path: e.path,
    httpMethod: e.httpMethod,
    headers: e.headers,
    multiValueHeaders: e.multiValueHeaders,
    queryStringParameters: e.queryStringParameters,
    multiValueQueryStringParameters: e.multiValueQueryStringParameters,
    pathParameters: e.pathParameters,
    stageVariables: e.stageVariables,
    requestContext: context,
  };
}

export type RestDecision =
  | { kind: "allow"; principalId: string; context: Record<string, string | number | boolean | null>; usageIdentifierKey?: string }
  | { kind: "deny"; explicit: boolean }
  | { kind: "unauthorized" }
  | { kind: "error"; reason: string };

/** A validated answer (kept in the cache and evaluated against each method ARN). */
export type RestAnswer =
  | { kind: "policy"; principalId: string; policyDocument: unknown; context: Record<string, string | number | boolean | null>; usageIdentifierKey?: string }
  | { kind: "unauthorized" }
  | { kind: "error"; reason: string };

/** Reads the authorizer's output; context values other than string, number and boolean make it malformed. */
export function readRestAnswer(payload: Buffer | string): RestAnswer {
  let value: unknown;
  try {
    value = JSON.parse(typeof payload === "string" ? payload : payload.toString("utf8"));
  } catch {
    return { kind: "error", reason: "the authorizer's output is not JSON" };
  }
  if (!isPlainObject(value)) return { kind: "error", reason: "the authorizer's output is not an object" };
  if (typeof value.principalId !== "string" || value.principalId === "") return { kind: "error", reason: "the output needs a principalId (a string)" };
  if (!isPolicyDocument(value.policyDocument)) return { kind: "error", reason: "the output needs a policyDocument with a Statement" };
  const context = value.context ?? {};
  if (!isPlainObject(context)) return { kind: "error", reason: "context must be an object" };
  for (const [k, v] of Object.entries(context)) {
    // null is passed on as null (seen on AWS); objects and arrays make the output malformed
    if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      return { kind: "error", reason: `context.${k} is ${Array.isArray(v) ? "an array" : typeof v}: API Gateway accepts only strings, numbers and booleans` };
    }
  }
  if (value.usageIdentifierKey !== undefined && typeof value.usageIdentifierKey !== "string") return { kind: "error", reason: "usageIdentifierKey must be a string" };
  return {
    kind: "policy",
    principalId: value.principalId,
    policyDocument: value.policyDocument,
    context: context as Record<string, string | number | boolean | null>,
    ...(typeof value.usageIdentifierKey === "string" ? { usageIdentifierKey: value.usageIdentifierKey } : {}),
  };
}

/** A function error: "Unauthorized" (exactly) is a 401, anything else a 500. */
export function readRestError(errorMessage: string | undefined): RestAnswer {
  return errorMessage === "Unauthorized" ? { kind: "unauthorized" } : { kind: "error", reason: `the authorizer failed: ${errorMessage ?? "no message"}` };
}

/** The answer evaluated against this request's method ARN (a cached answer is evaluated afresh). */
export function decide(answer: RestAnswer, methodArn: string): RestDecision {
  if (answer.kind !== "policy") return answer;
  const verdict = evaluatePolicy(answer.policyDocument, methodArn);
  if (verdict !== "allow") return { kind: "deny", explicit: verdict === "deny" };
  return { kind: "allow", principalId: answer.principalId, context: answer.context, ...(answer.usageIdentifierKey ? { usageIdentifierKey: answer.usageIdentifierKey } : {}) };
}

/**
 * What the integration sees in requestContext.authorizer: the context values stringified
 * ("123", "true"; null stays null), principalId and integrationLatency (the authorizer's
 * milliseconds, a number), as a recorded REST API event shows them.
 */
export function restAuthorizerContext(d: { principalId: string; context: Record<string, string | number | boolean | null> }, integrationLatency = 0): Record<string, unknown> {
  const context = Object.fromEntries(Object.entries(d.context).map(([k, v]) => [k, v === null ? null : String(v)]));
  return { ...context, principalId: d.principalId, integrationLatency };
}
