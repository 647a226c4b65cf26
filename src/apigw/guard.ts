// The HTTP API's gateway steps around an integration, for `lgw serve`: CORS preflight and
// header replacement, then the route's authorizer (JWT or Lambda) before the function runs.
// server.ts calls preflight(), authorize() and finish(); everything else here is pure or goes
// through the functions it is given (the JWT verifiers, the authorizer functions' pools).
import type { CorsConfig } from "../aws/http-types.js";
import { DecisionCache } from "../auth/cache.js";
import { bearerToken, flattenClaims, wwwAuthenticate, type JwtOutcome } from "../auth/jwt.js";
import type { EventFormat } from "../config/types.js";
import type { Route, RouteMatch } from "../routes/table.js";
import {
  authorizerEvent,
  identityValue,
  identityValues,
  lambdaAuthorizerContext,
  readAuthorizerResult,
  routeArnOf,
  type LambdaAuthorizerConfig,
} from "./authorizer-v2.js";
import { applyCors, isPreflight, preflightResponse } from "./cors.js";
import type { EventOptions, HttpRequestInfo } from "./request.js";
import type { ProxyResponse } from "./responses.js";

export interface RouteAuth {
  authorizer?: string;
  scopes?: string[];
}

export interface JwtAuthorizerRuntime {
  identitySource: string;
  verify: (token: string | undefined, scopes?: string[]) => Promise<JwtOutcome>;
}

export type AuthorizerInvoke = (
  functionName: string,
  event: Buffer,
  requestId: string,
) => Promise<{ kind: "result"; payload: Buffer } | { kind: "functionError"; reason: string; error?: { errorMessage?: string } } | { kind: "timeout" }>;

export interface GuardOptions {
  cors?: CorsConfig;
  routeAuth: (route: Route) => RouteAuth | undefined;
  jwt: Record<string, JwtAuthorizerRuntime>;
  lambda: Record<string, LambdaAuthorizerConfig>;
  invoke: AuthorizerInvoke;
  region: string;
  warn: (message: string) => void;
}

/** `identity`: requestContext.identity fields (REST API keys); `note`: for the access-log line */
export type AuthorizeResult =
  | { ok: true; authorizer?: Record<string, unknown>; identity?: Record<string, string>; note?: string }
  | { ok: false; response: ProxyResponse; note?: string };

export interface Guard {
  preflight(req: HttpRequestInfo): ProxyResponse | undefined;
  authorize(req: HttpRequestInfo, match: RouteMatch, opts: EventOptions, format: EventFormat): Promise<AuthorizeResult>;
  /** `req` is undefined for an answer given before the request was read (413) */
  finish(req: HttpRequestInfo | undefined, response: ProxyResponse): ProxyResponse;
}

const json = (statusCode: number, message: string, extra: [string, string][] = []): ProxyResponse => ({
  statusCode,
  headers: [["Content-Type", "application/json"], ...extra],
  body: Buffer.from(JSON.stringify({ message })),
});
export const UNAUTHORIZED = (extra: [string, string][] = []) => json(401, "Unauthorized", extra);
export const FORBIDDEN = () => json(403, "Forbidden");
export const AUTHORIZER_ERROR = () => json(500, "Internal Server Error");

type CachedAnswer = { payload: string } | { error: string };

type Caches = Map<string, DecisionCache<CachedAnswer>>;

export function createGuard(o: GuardOptions): Guard {
  const caches: Caches = new Map(Object.keys(o.lambda).map((name) => [name, new DecisionCache<CachedAnswer>()]));
  return {
    preflight: (req) => (o.cors && isPreflight(req.method, req.headers) ? preflightResponse(o.cors, req.headers) : undefined),
    authorize: async (req, match, opts, format) => {
      const auth = o.routeAuth(match.route);
      if (!auth?.authorizer) return { ok: true };
      const jwt = o.jwt[auth.authorizer];
      if (jwt) {
        try {
          return await jwtStep(o, auth.authorizer, jwt, req, opts, auth.scopes, format);
        } catch (err) {
          // the keys could not be had (no JWKS file, issuer unreachable): not the token's fault
          o.warn(`authorizer ${auth.authorizer}: ${(err as Error).message}`);
          return { ok: false, response: AUTHORIZER_ERROR() };
        }
      }
      const lambda = o.lambda[auth.authorizer];
      if (lambda) return lambdaStep(o, caches, lambda, req, match, opts, format);
      o.warn(`route ${match.route.key} names authorizer ${auth.authorizer}, which lgw serve does not know`);
      return { ok: false, response: AUTHORIZER_ERROR() };
    },
    finish: (req, response) => (o.cors && req ? applyCors(o.cors, req.headers, response) : response),
  };
}

/** A JWT authorizer: the bearer token verified (and its scopes checked); its claims go to the function. */
async function jwtStep(o: GuardOptions, name: string, a: JwtAuthorizerRuntime, req: HttpRequestInfo, opts: EventOptions, scopes: string[] | undefined, format: EventFormat): Promise<AuthorizeResult> {
  const outcome = await a.verify(bearerToken(identityValue(a.identitySource, req, opts)), scopes);
  if (!outcome.ok) {
    if (outcome.status === 403) return { ok: false, response: FORBIDDEN() };
    o.warn(`${req.method} ${req.path}: authorizer ${name} refused the token: ${outcome.description}`);
    return { ok: false, response: UNAUTHORIZED([["www-authenticate", wwwAuthenticate(outcome)]]) };
  }
  const claims = flattenClaims(outcome.claims);
  const tokenScopes = outcome.scopes.length ? outcome.scopes : null;
  return { ok: true, authorizer: format === "v2" ? { jwt: { claims, scopes: tokenScopes } } : { claims, scopes: tokenScopes } };
}

/** What $context.* identity sources read: the request context the event carries (v2 and v1 names). */
function identityContext(req: HttpRequestInfo, opts: EventOptions) {
  return {
    http: { method: req.method, path: req.path, protocol: req.protocol, sourceIp: req.sourceIp },
    identity: { sourceIp: req.sourceIp },
    stage: opts.stage,
    apiId: opts.apiId,
    accountId: opts.accountId,
    requestId: opts.requestId,
  };
}

/** A Lambda authorizer: its function called (or its cached answer used) and the answer applied to this route. */
async function lambdaStep(o: GuardOptions, caches: Caches, a: LambdaAuthorizerConfig, req: HttpRequestInfo, match: RouteMatch, opts: EventOptions, format: EventFormat): Promise<AuthorizeResult> {
  const identity = identityValues(a.identitySource, req, opts, identityContext(req, opts));
  if (!identity) return { ok: false, response: UNAUTHORIZED() };
  const routeArn = routeArnOf(req, { ...opts, region: o.region });
  const decide = async (): Promise<CachedAnswer> => {
    const event = Buffer.from(JSON.stringify(authorizerEvent(a, req, match, opts, identity, routeArn)));
    const out = await o.invoke(a.functionName, event, opts.requestId);
    if (out.kind === "result") return { payload: out.payload.toString("utf8") };
    return { error: out.kind === "timeout" ? "the authorizer timed out" : out.reason };
  };
  // a policy answer is cached as it came and evaluated against each request's route ARN
  const cacheable = (v: CachedAnswer) => "payload" in v && readAuthorizerResult(a, v.payload, routeArn).kind !== "error";
  const { value } = await caches.get(a.name)!.getOrDecide(identity, a.identitySource.length ? a.ttl : 0, decide, cacheable);
  const decision = "payload" in value ? readAuthorizerResult(a, value.payload, routeArn) : { kind: "error" as const, reason: value.error };
  if (decision.kind === "error") {
    o.warn(`${req.method} ${req.path}: authorizer ${a.name} (function ${a.functionName}) failed: ${decision.reason}`);
    return { ok: false, response: AUTHORIZER_ERROR() };
  }
  if (decision.kind === "deny") return { ok: false, response: FORBIDDEN() };
  return { ok: true, authorizer: lambdaAuthorizerContext(format, decision) };
}
