// A REST API's gateway steps for `lgw serve`, in API Gateway's order (CONTRACTS.md section 6):
// route match (server.ts), then the API key (x-api-key header source), then the authorizer
// (TOKEN, REQUEST, Cognito), then the API key again when the authorizer supplies it, then
// request validation; each failure is the gateway's own answer, which gateway responses may
// restyle (finish). Everything here is pure or goes through the functions it is given.
import { DecisionCache } from "../../auth/cache.js";
import { flattenClaims, tokenScopes, type JwtOutcome } from "../../auth/jwt.js";
import type { Route, RouteMatch } from "../../routes/table.js";
import type { AuthorizeResult, AuthorizerInvoke, Guard } from "../guard.js";
import { firstHeader, type EventOptions, type HttpRequestInfo } from "../request.js";
import type { ProxyResponse } from "../responses.js";
import { decide, methodArnOf, precheck, readRestAnswer, readRestError, requestEvent, restAuthorizerContext, tokenEvent, type RestAnswer } from "./authorizer.js";
import { applyGatewayResponse, type GatewayResponseType } from "./gateway-responses.js";
import type { GatewayResponseOverride, RestAuthorizer, RestRouteAccess } from "./types.js";
import type { UsageMeter } from "./usage.js";
import { validateRequest, type compileModels } from "./validate.js";

export type Validators = Awaited<ReturnType<typeof compileModels>>;

export interface RestGuardOptions {
  authorizers: Record<string, RestAuthorizer>;
  routeAccess: (route: Route) => RestRouteAccess | undefined;
  invoke: AuthorizerInvoke;
  region: string;
  /** Cognito authorizers: verify the token (signature, issuer, expiry) */
  cognito: Record<string, (token: string | undefined) => Promise<JwtOutcome>>;
  meter?: UsageMeter;
  apiKeySource: "HEADER" | "AUTHORIZER";
  validators: Validators;
  gatewayResponses: Partial<Record<GatewayResponseType, GatewayResponseOverride>>;
  /** --no-auth: skip authorizers and API keys */
  noAuth?: boolean;
  warn: (message: string) => void;
}

const answer = (statusCode: number, body: string, gatewayType: GatewayResponseType, errorType: string): ProxyResponse => ({
  statusCode,
  headers: [["Content-Type", "application/json"], ["x-amzn-ErrorType", errorType]],
  body: Buffer.from(body),
  gatewayType,
});

export const REST_ANSWERS = {
  unauthorized: () => answer(401, '{"message":"Unauthorized"}', "UNAUTHORIZED", "UnauthorizedException"),
  explicitDeny: () => answer(403, '{"Message":"User is not authorized to access this resource with an explicit deny"}', "ACCESS_DENIED", "AccessDeniedException"),
  implicitDeny: () => answer(403, '{"Message":"User is not authorized to access this resource"}', "ACCESS_DENIED", "AccessDeniedException"),
  authorizerError: () => answer(500, '{"message": null}', "AUTHORIZER_CONFIGURATION_ERROR", "AuthorizerConfigurationException"),
  forbidden: () => answer(403, '{"message":"Forbidden"}', "INVALID_API_KEY", "ForbiddenException"),
  throttled: () => answer(429, '{"message":"Too Many Requests"}', "THROTTLED", "TooManyRequestsException"),
  quota: () => answer(429, '{"message":"Limit Exceeded"}', "QUOTA_EXCEEDED", "LimitExceededException"),
  badParameters: (message: string) => answer(400, JSON.stringify({ message }).replace('{"message":', '{"message": '), "BAD_REQUEST_PARAMETERS", "BadRequestException"),
  badBody: () => answer(400, '{"message": "Invalid request body"}', "BAD_REQUEST_BODY", "BadRequestException"),
};

type Step = { ok: true; authorizer?: Record<string, unknown>; key?: string; note?: string } | { ok: false; response: ProxyResponse; note?: string };

type Caches = Map<string, DecisionCache<RestAnswer>>;

export function createRestGuard(o: RestGuardOptions): Guard {
  const caches: Caches = new Map(Object.keys(o.authorizers).map((name) => [name, new DecisionCache<RestAnswer>()]));
  return {
    preflight: () => undefined,
    authorize: (req, match, opts) => authorize(o, caches, req, match, opts),
    finish: (_req, response) => applyGatewayResponse(response, o.gatewayResponses),
  };
}

/** The route's steps in API Gateway's order: key (HEADER source), authorizer, key (AUTHORIZER source), validation. */
async function authorize(o: RestGuardOptions, caches: Caches, req: HttpRequestInfo, match: RouteMatch, opts: EventOptions): Promise<AuthorizeResult> {
  const access = o.routeAccess(match.route);
  if (!access) return { ok: true };
  const notes: string[] = [];
  const identity: Record<string, string> = {};
  const keyed = access.apiKeyRequired && !o.noAuth;
  if (keyed && o.apiKeySource === "HEADER") {
    const k = keyStep(o, firstHeader(req.headers, "x-api-key"));
    if (!k.ok) return { ok: false, response: k.response, note: k.note };
    Object.assign(identity, k.identity);
  }
  let authorizer: Record<string, unknown> | undefined;
  const a = access.authorizer && !o.noAuth ? o.authorizers[access.authorizer] : undefined;
  if (access.authorizer && !o.noAuth && !a) {
    o.warn(`route ${match.route.key} names authorizer ${access.authorizer}, which lgw serve does not know`);
    return { ok: false, response: REST_ANSWERS.authorizerError() };
  }
  if (a) {
    const step = a.type === "cognito" ? await cognitoStep(o, a, req, access.authorizationScopes) : await lambdaStep(o, caches.get(a.name)!, a, req, match, opts);
    if (step.note) notes.push(step.note);
    if (!step.ok) return { ok: false, response: step.response, note: notes.join("; ") };
    authorizer = step.authorizer;
    if (keyed && o.apiKeySource === "AUTHORIZER") {
      const k = keyStep(o, step.key);
      if (!k.ok) return { ok: false, response: k.response, note: [...notes, k.note].join("; ") };
      Object.assign(identity, k.identity);
    }
  }
  const v = validateRequest(access, req, match.pathParameters ?? {}, o.validators);
  if (!v.ok) {
    notes.push(`validation: ${v.detail}`);
    return { ok: false, response: v.kind === "parameters" ? REST_ANSWERS.badParameters(v.message) : REST_ANSWERS.badBody(), note: notes.join("; ") };
  }
  return { ok: true, ...(authorizer ? { authorizer } : {}), ...(Object.keys(identity).length ? { identity } : {}), ...(notes.length ? { note: notes.join("; ") } : {}) };
}

/** An API key (from the header or the authorizer) checked against the usage plans. */
function keyStep(o: RestGuardOptions, value: string | undefined): { ok: true; identity: Record<string, string> } | { ok: false; response: ProxyResponse; note: string } {
  const v = o.meter?.check(value) ?? { ok: false as const, kind: "forbidden" as const, reason: "no usage plan in lgw.json (api.usagePlans)" };
  if (v.ok) return { ok: true, identity: { apiKey: value!, apiKeyId: v.key.id } };
  const response = v.kind === "throttled" ? REST_ANSWERS.throttled() : v.kind === "quota" ? REST_ANSWERS.quota() : REST_ANSWERS.forbidden();
  return { ok: false, response, note: `api key: ${v.reason}` };
}

/** A TOKEN or REQUEST authorizer: its function called (or its cached policy used) and the policy applied to this request. */
async function lambdaStep(o: RestGuardOptions, cache: DecisionCache<RestAnswer>, a: Extract<RestAuthorizer, { type: "token" | "request" }>, req: HttpRequestInfo, match: RouteMatch, opts: EventOptions): Promise<Step> {
  const pre = precheck(a, req, opts, match.pathParameters ?? {});
  if (!pre.ok) return { ok: false, response: REST_ANSWERS.unauthorized(), note: `authorizer ${a.name}: 401, ${pre.reason}` };
  const arn = methodArnOf(req, { ...opts, region: o.region });
  let latency = 0;
  const call = async (): Promise<RestAnswer> => {
    const t0 = performance.now();
    const event = a.type === "token" ? tokenEvent(pre.identity[0]!, arn) : requestEvent(req, match, opts, arn);
    const out = await o.invoke(a.functionName, Buffer.from(JSON.stringify(event)), opts.requestId);
    latency = Math.round(performance.now() - t0);
    if (out.kind === "timeout") return { kind: "error", reason: "the authorizer timed out" };
    if (out.kind === "functionError") return readRestError(out.error ? out.error.errorMessage : out.reason);
    return readRestAnswer(out.payload);
  };
  // a policy is cached as it came and evaluated against each request's method ARN; errors are not cached
  const { value, cached } = await cache.getOrDecide(pre.identity, a.ttl, call, (v) => v.kind === "policy");
  const d = decide(value, arn);
  const how = cached ? "cached" : "called";
  if (d.kind === "unauthorized") return { ok: false, response: REST_ANSWERS.unauthorized(), note: `authorizer ${a.name} (${how}): Unauthorized` };
  if (d.kind === "error") {
    o.warn(`${req.method} ${req.path}: authorizer ${a.name} (function ${a.functionName}): ${d.reason}`);
    return { ok: false, response: REST_ANSWERS.authorizerError(), note: `authorizer ${a.name} (${how}): error` };
  }
  if (d.kind === "deny") return { ok: false, response: d.explicit ? REST_ANSWERS.explicitDeny() : REST_ANSWERS.implicitDeny(), note: `authorizer ${a.name} (${how}): ${d.explicit ? "deny" : "no allow"}` };
  return { ok: true, authorizer: restAuthorizerContext(d, cached ? 0 : latency), key: d.usageIdentifierKey, note: `authorizer ${a.name} (${how}): allow ${d.principalId}` };
}

/** A Cognito authorizer: the token verified, and with authorization scopes, one of them held. */
async function cognitoStep(o: RestGuardOptions, a: Extract<RestAuthorizer, { type: "cognito" }>, req: HttpRequestInfo, scopes: string[] | undefined): Promise<Step> {
  const raw = firstHeader(req.headers, a.identitySource.replace(/^method\.request\.header\./, ""));
  const token = raw?.replace(/^Bearer\s+/i, "");
  let outcome: JwtOutcome;
  try {
    outcome = await o.cognito[a.name]!(token);
  } catch (err) {
    o.warn(`authorizer ${a.name}: ${(err as Error).message}`);
    return { ok: false, response: REST_ANSWERS.authorizerError(), note: `authorizer ${a.name}: keys unavailable` };
  }
  if (!outcome.ok) return { ok: false, response: REST_ANSWERS.unauthorized(), note: `authorizer ${a.name}: 401, ${outcome.description}` };
  // with authorization scopes the token must be an access token holding one of them
  if (scopes?.length && !tokenScopes(outcome.claims).some((s) => scopes.includes(s))) {
    return { ok: false, response: REST_ANSWERS.unauthorized(), note: `authorizer ${a.name}: 401, none of the scopes ${scopes.join(" ")}` };
  }
  return { ok: true, authorizer: { claims: flattenClaims(outcome.claims) }, note: `authorizer ${a.name}: allow ${String(outcome.claims.sub ?? "")}` };
}
