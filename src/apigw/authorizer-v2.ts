// Pure: HTTP API Lambda authorizers (AWS developer guide, "Working with AWS Lambda authorizers
// for HTTP APIs"): identity sources, the payload 2.0 and 1.0 authorizer events, and what the
// authorizer's answer means: simple responses ({isAuthorized, context}) with payload 2.0 and
// simpleResponses on, an IAM policy otherwise (evaluated against the route ARN).
import { evaluatePolicy } from "../auth/policy.js";
import type { RouteMatch } from "../routes/table.js";
import { joinedHeader, queryValues, type EventOptions, type HttpRequestInfo } from "./request.js";
import { isPlainObject } from "./responses.js";
import { toV1Event } from "./v1.js";
import { toV2Event } from "./v2.js";

export interface LambdaAuthorizerConfig {
  name: string;
  functionName: string;
  payloadFormat: "1.0" | "2.0";
  simpleResponses: boolean;
  identitySource: string[];
  ttl: number;
}

/** "$request.header.X-Key", "$request.querystring.k", "$stageVariables.v", "$context.x". */
export function identityValue(source: string, req: HttpRequestInfo, opts: EventOptions, context: Record<string, unknown> = {}): string | undefined {
  const m = /^\$(request\.header|request\.querystring|stageVariables|context)\.(.+)$/.exec(source.trim());
  if (!m) return undefined;
  const [, where, name] = m as unknown as [string, string, string];
  let v: string | undefined;
  if (where === "request.header") v = joinedHeader(req.headers, name);
  else if (where === "request.querystring") {
    const values = queryValues(req.rawQuery, name);
    v = values.length ? values.join(",") : undefined;
  } else if (where === "stageVariables") v = opts.stageVariables[name];
  else {
    const c = name.split(".").reduce<unknown>((o, k) => (isPlainObject(o) ? o[k] : undefined), context);
    v = c === undefined || c === null ? undefined : String(c);
  }
  return v === undefined || v === "" ? undefined : v;
}

/** Every identity source's value, or undefined when one is missing (API Gateway answers 401). */
export function identityValues(sources: string[], req: HttpRequestInfo, opts: EventOptions, context?: Record<string, unknown>): string[] | undefined {
  const out: string[] = [];
  for (const s of sources) {
    const v = identityValue(s, req, opts, context);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}

/** arn:aws:execute-api:REGION:ACCOUNT:API/STAGE/METHOD/path, the ARN of this request. */
export function routeArnOf(req: HttpRequestInfo, opts: EventOptions & { region: string }): string {
  return `arn:aws:execute-api:${opts.region}:${opts.accountId}:${opts.apiId}/${opts.stage}/${req.method.toUpperCase()}${req.path}`;
}

export function authorizerEvent(
  a: LambdaAuthorizerConfig,
  req: HttpRequestInfo,
  match: RouteMatch,
  opts: EventOptions,
  identity: string[],
  routeArn: string,
): Record<string, unknown> {
  if (a.payloadFormat === "1.0") {
    const e = toV1Event(req, match, opts);
    const joined = identity.join(",");
    const { body: _b, isBase64Encoded: _i, multiValueHeaders: _mh, multiValueQueryStringParameters: _mq, ...rest } = e;
    const context = { ...(rest.requestContext as Record<string, unknown>) };
    delete context.authorizer;
    return { version: "1.0", type: "REQUEST", methodArn: routeArn, identitySource: joined, authorizationToken: joined, ...rest, requestContext: context };
  }
  const { version: _v, body: _b, isBase64Encoded: _i, ...rest } = toV2Event(req, match, opts);
  return { version: "2.0", type: "REQUEST", routeArn, identitySource: identity, ...rest };
}

export type AuthorizerDecision = { kind: "allow"; context: Record<string, unknown>; principalId?: string } | { kind: "deny" } | { kind: "error"; reason: string };

/** The authorizer's JSON answer -> allow (with its context), deny, or an error (500). */
export function readAuthorizerResult(a: LambdaAuthorizerConfig, payload: Buffer | string, routeArn: string): AuthorizerDecision {
  let value: unknown;
  try {
    value = JSON.parse(typeof payload === "string" ? payload : payload.toString("utf8"));
  } catch {
    return { kind: "error", reason: "the authorizer's result is not JSON" };
  }
  if (!isPlainObject(value)) return { kind: "error", reason: "the authorizer's result is not an object" };
  const context = value.context ?? {};
  if (!isPlainObject(context)) return { kind: "error", reason: "context must be an object" };
  if (a.payloadFormat === "2.0" && a.simpleResponses) {
    if (typeof value.isAuthorized !== "boolean") return { kind: "error", reason: "a simple response needs isAuthorized: true or false" };
    return value.isAuthorized ? { kind: "allow", context } : { kind: "deny" };
  }
  if (!isPlainObject(value.policyDocument)) return { kind: "error", reason: "an IAM policy response needs a policyDocument" };
  const principalId = typeof value.principalId === "string" ? value.principalId : undefined;
  return evaluatePolicy(value.policyDocument, routeArn) === "allow" ? { kind: "allow", context, ...(principalId ? { principalId } : {}) } : { kind: "deny" };
}

/** What the route's function sees in requestContext.authorizer. */
export function lambdaAuthorizerContext(format: "v1" | "v2", d: { context: Record<string, unknown>; principalId?: string }): Record<string, unknown> {
  if (format === "v2") return { lambda: d.context };
  return { ...d.context, ...(d.principalId ? { principalId: d.principalId } : {}) };
}

