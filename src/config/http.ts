// Pure: the lgw.json settings for HTTP APIs and authorizers: api.type, api.cors, authorizers.NAME
// (a union by "type": jwt and lambda here; REST's token/request/cognito join it), route objects
// ({"function", "authorizer", "scopes"}) and functions.NAME.eventFormat. Each problem is one line
// naming the field, like the rest of parse.ts.
import { UsageError } from "../errors.js";
import type { CorsConfig } from "../api/http/types.js";
import { INTEGRATION_KEYS, parseIntegration, type RouteIntegration } from "./integration.js";
import { parseRestAuthorizer, parseRouteAccess, REST_ROUTE_KEYS, type RestAuthorizerConfig } from "./rest-access.js";
import type { RestRouteAccess } from "../apigw/rest/types.js";
import { parseResourcePath } from "../routes/table.js";

type Json = Record<string, unknown>;

export type ApiType = "rest" | "http";

/** The issuer `lgw init --auth jwt` writes, to be replaced by the identity provider's before deploying. */
export const PLACEHOLDER_ISSUER = "https://issuer.example.com";

export type AuthorizerConfig =
  | { name: string; type: "jwt"; issuer: string; audience: string[]; identitySource: string; jwks?: string }
  | { name: string; type: "lambda"; function: string; payloadFormat: "1.0" | "2.0"; simpleResponses: boolean; identitySource: string[]; ttl: number }
  | RestAuthorizerConfig;

export interface RouteOptions {
  authorizer?: string;
  scopes?: string[];
  /** a non-proxy integration (REST APIs): lambda, mock or http; absent for proxy routes */
  integration?: RouteIntegration;
  /** REST API access settings (authorizer, API key, validation); absent when the route sets none */
  access?: RestRouteAccess;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const fail = (file: string, field: string, problem: string): never => {
  throw new UsageError(`${file}: ${field} ${problem}`);
};

function keys(file: string, field: string, obj: Json, allowed: string[]): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) fail(file, `${field}.${k}`, `is not a known setting (known: ${allowed.join(", ")})`);
}

function strings(file: string, field: string, v: unknown, opts: { nonEmpty?: boolean } = {}): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string" && x.length > 0) || (opts.nonEmpty && v.length === 0)) {
    fail(file, field, `must be a ${opts.nonEmpty ? "non-empty " : ""}list of strings`);
  }
  return v as string[];
}

const JWT_IDENTITY_RE = /^\$request\.(header|querystring)\.[A-Za-z0-9._-]+$/;
const IDENTITY_RE = /^\$(request\.header|request\.querystring|stageVariables|context)\.[A-Za-z0-9._-]+$/;

export function parseApiType(file: string, v: unknown): ApiType | undefined {
  if (v === undefined) return undefined;
  if (v !== "rest" && v !== "http") fail(file, "api.type", 'must be "rest" or "http"');
  return v as ApiType;
}

export function parseCors(file: string, v: unknown): CorsConfig | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) fail(file, "api.cors", "must be an object such as {\"allowOrigins\": [\"https://example.com\"]}");
  const c = v as Json;
  keys(file, "api.cors", c, ["allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders", "maxAge", "allowCredentials", "paths"]);
  const out: CorsConfig = {};
  for (const k of ["allowOrigins", "allowMethods", "allowHeaders", "exposeHeaders"] as const) {
    if (c[k] !== undefined) out[k] = strings(file, `api.cors.${k}`, c[k]);
  }
  if (c.maxAge !== undefined) {
    if (typeof c.maxAge !== "number" || !Number.isInteger(c.maxAge) || c.maxAge < 0 || c.maxAge > 86400) fail(file, "api.cors.maxAge", "must be a whole number of seconds from 0 to 86400");
    out.maxAge = c.maxAge as number;
  }
  if (c.allowCredentials !== undefined) {
    if (typeof c.allowCredentials !== "boolean") fail(file, "api.cors.allowCredentials", "must be true or false");
    out.allowCredentials = c.allowCredentials as boolean;
    if (out.allowCredentials && out.allowOrigins?.includes("*")) fail(file, "api.cors.allowCredentials", 'cannot be true with allowOrigins "*" (API Gateway refuses it): list the origins');
  }
  return out;
}

/**
 * api.cors.paths (REST APIs): the resource paths that get a preflight; absent, every routed path.
 * `lgw api cors PATH` writes it. An HTTP API's CorsConfiguration covers the whole API.
 */
export function parseCorsPaths(file: string, v: unknown, type: ApiType): string[] | undefined {
  const paths = isObject(v) ? v.paths : undefined;
  if (paths === undefined) return undefined;
  if (type === "http") fail(file, "api.cors.paths", "is for REST APIs: an HTTP API's CORS configuration covers every route (remove it)");
  const list = strings(file, "api.cors.paths", paths);
  for (const p of list) {
    try {
      parseResourcePath(p);
    } catch (err) {
      fail(file, "api.cors.paths", `has ${(err as Error).message}`);
    }
  }
  return list;
}

function parseJwt(file: string, field: string, a: Json, name: string): AuthorizerConfig {
  keys(file, field, a, ["type", "issuer", "audience", "identitySource", "jwks"]);
  if (typeof a.issuer !== "string" || !/^https?:\/\/\S+$/.test(a.issuer)) fail(file, `${field}.issuer`, "must be the issuer's URL, e.g. https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123");
  const audience = strings(file, `${field}.audience`, a.audience ?? [], { nonEmpty: true });
  const identitySource = a.identitySource ?? "$request.header.Authorization";
  // AWS (CreateAuthorizer): "currently only header-based and query parameter-based selections are supported"
  if (typeof identitySource !== "string" || !JWT_IDENTITY_RE.test(identitySource)) {
    fail(file, `${field}.identitySource`, 'must be one header or query parameter, such as "$request.header.Authorization" or "$request.querystring.token"');
  }
  if (a.jwks !== undefined && (typeof a.jwks !== "string" || a.jwks === "")) fail(file, `${field}.jwks`, 'must be a path (relative to lgw.json) or URL of a JWKS, e.g. "./.lgw/jwks.json"');
  return { name, type: "jwt", issuer: a.issuer as string, audience, identitySource: identitySource as string, ...(a.jwks ? { jwks: a.jwks as string } : {}) };
}

function parseLambda(file: string, field: string, a: Json, name: string, functionNames: string[]): AuthorizerConfig {
  keys(file, field, a, ["type", "function", "payloadFormat", "simpleResponses", "identitySource", "ttl"]);
  if (typeof a.function !== "string" || !functionNames.includes(a.function)) {
    fail(file, `${field}.function`, `must name a function of lgw.json (defined: ${functionNames.join(", ")})`);
  }
  const payloadFormat = a.payloadFormat ?? "2.0";
  if (payloadFormat !== "1.0" && payloadFormat !== "2.0") fail(file, `${field}.payloadFormat`, 'must be "2.0" or "1.0"');
  const simpleResponses = a.simpleResponses ?? payloadFormat === "2.0";
  if (typeof simpleResponses !== "boolean") fail(file, `${field}.simpleResponses`, "must be true or false");
  if (simpleResponses && payloadFormat === "1.0") fail(file, `${field}.simpleResponses`, 'needs payloadFormat "2.0" (API Gateway allows simple responses only there)');
  const identitySource = strings(file, `${field}.identitySource`, a.identitySource ?? ["$request.header.Authorization"]);
  for (const s of identitySource) if (!IDENTITY_RE.test(s)) fail(file, `${field}.identitySource`, `has "${s}": use $request.header.NAME, $request.querystring.NAME, $context.NAME or $stageVariables.NAME`);
  const ttl = a.ttl ?? 0;
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 0 || ttl > 3600) fail(file, `${field}.ttl`, "must be a whole number of seconds from 0 to 3600");
  if ((ttl as number) > 0 && identitySource.length === 0) fail(file, `${field}.ttl`, "needs identitySource: the cache is keyed by it");
  return { name, type: "lambda", function: a.function as string, payloadFormat: payloadFormat as "1.0" | "2.0", simpleResponses: simpleResponses as boolean, identitySource, ttl: ttl as number };
}

/** authorizers.NAME for HTTP APIs; other types are left to `other` (REST authorizers). */
export function parseAuthorizers(file: string, v: unknown, functionNames: string[]): AuthorizerConfig[] {
  if (v === undefined) return [];
  if (!isObject(v)) fail(file, "authorizers", 'must be an object of authorizers, e.g. {"cognito": {"type": "jwt", ...}}');
  return Object.entries(v as Json).map(([name, a]) => {
    const field = `authorizers.${name}`;
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(name)) fail(file, field, "has an invalid name: use letters, digits, - and _");
    if (!isObject(a)) fail(file, field, "must be an object");
    const t = (a as Json).type;
    if (t === "jwt") return parseJwt(file, field, a as Json, name);
    if (t === "lambda") return parseLambda(file, field, a as Json, name, functionNames);
    return parseRestAuthorizer(file, field, a as Json, name, functionNames) ?? fail(file, `${field}.type`, 'must be "jwt" or "lambda" (HTTP APIs), or "token", "request" or "cognito" (REST APIs)');
  });
}

/**
 * A route value: "fn" or {"function": "fn", "authorizer"?, "scopes"?, "integration"?, ...}.
 * MOCK and HTTP routes name no function: their functionName is "".
 */
export function parseRouteValue(file: string, route: string, v: unknown, authorizers: AuthorizerConfig[]): { functionName: string; options: RouteOptions } {
  const field = `routes["${route}"]`;
  if (typeof v === "string") return { functionName: v, options: {} };
  if (!isObject(v)) fail(file, field, 'must name a function: "users" or {"function": "users", "authorizer": "cognito"}');
  const r = v as Json;
  keys(file, field, r, ["function", "authorizer", "scopes", ...INTEGRATION_KEYS, ...REST_ROUTE_KEYS]);
  const integration = parseIntegration(file, field, route, r);
  const functionless = integration?.type === "mock" || integration?.type === "http";
  if (!functionless && (typeof r.function !== "string" || r.function === "")) fail(file, `${field}.function`, "must name a function");
  const options: RouteOptions = integration ? { integration } : {};
  if (r.authorizer !== undefined) {
    const a = authorizers.find((x) => x.name === r.authorizer);
    if (!a) fail(file, `${field}.authorizer`, `names "${String(r.authorizer)}", which authorizers does not define (defined: ${authorizers.map((x) => x.name).join(", ") || "none"})`);
    options.authorizer = r.authorizer as string;
  }
  if (r.scopes !== undefined) {
    options.scopes = strings(file, `${field}.scopes`, r.scopes);
    const a = authorizers.find((x) => x.name === options.authorizer);
    if (a?.type !== "jwt") fail(file, `${field}.scopes`, "needs a jwt authorizer on the route (scopes are checked against the token)");
  }
  const authorizerType = authorizers.find((x) => x.name === options.authorizer)?.type;
  const access = parseRouteAccess(file, field, r, authorizerType);
  if (options.authorizer && ["token", "request", "cognito"].includes(authorizerType!)) access.authorizer = options.authorizer;
  if (Object.keys(access).length) options.access = access;
  return { functionName: functionless ? "" : (r.function as string), options };
}

/** The project's API type: api.type, else "http" for a v2 project and "rest" otherwise. */
export function defaultApiType(eventFormat: "v1" | "v2", type: ApiType | undefined): ApiType {
  return type ?? (eventFormat === "v2" ? "http" : "rest");
}
