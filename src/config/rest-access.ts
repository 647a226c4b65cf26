// Pure: lgw.json's REST API access control (issue 9): authorizers.NAME of type token, request
// and cognito; the route keys authorizationScopes, apiKeyRequired, requestModel,
// requestValidator and requiredParameters; api.models, api.usagePlans, api.apiKeySource and
// api.gatewayResponses. Each problem is one line naming the field, like parse.ts. Model values
// that are paths (*.json) are read at load by readModelFiles.
import { readFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { IDENTITY_SOURCE_RE } from "../apigw/rest/authorizer.js";
import { GATEWAY_RESPONSE_TYPES, type GatewayResponseType } from "../apigw/rest/gateway-responses.js";
import type { GatewayResponseOverride, RestRouteAccess, UsagePlan } from "../apigw/rest/types.js";
import { PARAMETER_RE } from "../apigw/rest/validate.js";

type Json = Record<string, unknown>;

export type RestAuthorizerConfig =
  | { name: string; type: "token"; function: string; identitySource: string; validationExpression?: string; ttl: number }
  | { name: string; type: "request"; function: string; identitySource: string[]; ttl: number }
  | { name: string; type: "cognito"; userPoolArns: string[]; identitySource: string; jwks?: string; ttl: number };

export interface RestApiSettings {
  /** model name -> JSON Schema draft 4 document (a path until readModelFiles has run) */
  models: Record<string, unknown>;
  usagePlans: UsagePlan[];
  apiKeySource: "HEADER" | "AUTHORIZER";
  gatewayResponses: Partial<Record<GatewayResponseType, GatewayResponseOverride>>;
}

export const REST_ROUTE_KEYS = ["authorizationScopes", "apiKeyRequired", "requestModel", "requestValidator", "requiredParameters"];
export const REST_API_KEYS = ["models", "usagePlans", "apiKeySource", "gatewayResponses"];

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const fail = (file: string, field: string, problem: string): never => {
  throw new UsageError(`${file}: ${field} ${problem}`);
};
const NAME_RE = /^[A-Za-z0-9_-]{1,128}$/;
const POOL_ARN_RE = /^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/[\w-]+_[0-9A-Za-z]+$/;

function keys(file: string, field: string, obj: Json, allowed: string[]): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) fail(file, `${field}.${k}`, `is not a known setting (known: ${allowed.join(", ")})`);
}

function ttlOf(file: string, field: string, v: unknown): number {
  const ttl = v ?? 300;
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < 0 || ttl > 3600) fail(file, `${field}.ttl`, "must be a whole number of seconds from 0 to 3600 (0: no cache)");
  return ttl as number;
}

function headerSource(file: string, field: string, v: unknown): string {
  const s = v ?? "method.request.header.Authorization";
  if (typeof s !== "string" || !/^method\.request\.header\.[A-Za-z0-9_-]+$/.test(s)) fail(file, `${field}.identitySource`, 'must be one header such as "method.request.header.Authorization"');
  return s as string;
}

/** authorizers.NAME of a REST type, or undefined when the type is not one of them. */
export function parseRestAuthorizer(file: string, field: string, a: Json, name: string, functionNames: string[]): RestAuthorizerConfig | undefined {
  const fn = () => {
    if (typeof a.function !== "string" || !functionNames.includes(a.function)) fail(file, `${field}.function`, `must name a function of lgw.json (defined: ${functionNames.join(", ")})`);
    return a.function as string;
  };
  if (a.type === "token") {
    keys(file, field, a, ["type", "function", "identitySource", "validationExpression", "ttl"]);
    if (a.validationExpression !== undefined) {
      if (typeof a.validationExpression !== "string" || a.validationExpression === "") fail(file, `${field}.validationExpression`, 'must be a regular expression such as "^Bearer [-0-9a-zA-Z._]+$"');
      try {
        new RegExp(a.validationExpression as string);
      } catch (err) {
        fail(file, `${field}.validationExpression`, `is not a valid regular expression: ${(err as Error).message}`);
      }
    }
    const v = a.validationExpression as string | undefined;
    return { name, type: "token", function: fn(), identitySource: headerSource(file, field, a.identitySource), ...(v ? { validationExpression: v } : {}), ttl: ttlOf(file, field, a.ttl) };
  }
  if (a.type === "request") {
    keys(file, field, a, ["type", "function", "identitySource", "ttl"]);
    const raw = a.identitySource ?? [];
    const sources = typeof raw === "string" ? raw.split(",").map((s) => s.trim()) : raw;
    if (!Array.isArray(sources) || !sources.every((s) => typeof s === "string" && IDENTITY_SOURCE_RE.test(s))) {
      fail(file, `${field}.identitySource`, 'must list sources such as ["method.request.header.X-Tenant", "method.request.querystring.key"] (header, querystring, path, stageVariables, context)');
    }
    const ttl = ttlOf(file, field, a.ttl);
    if (ttl > 0 && (sources as string[]).length === 0) fail(file, `${field}.identitySource`, "is needed when ttl is above 0: the cache is keyed by it (or set ttl to 0)");
    return { name, type: "request", function: fn(), identitySource: sources as string[], ttl };
  }
  if (a.type === "cognito") {
    keys(file, field, a, ["type", "userPoolArns", "identitySource", "jwks", "ttl"]);
    const arns = a.userPoolArns;
    if (!Array.isArray(arns) || arns.length === 0 || !arns.every((x) => typeof x === "string" && POOL_ARN_RE.test(x))) {
      fail(file, `${field}.userPoolArns`, 'must list user pool ARNs such as "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123"');
    }
    if (a.jwks !== undefined && (typeof a.jwks !== "string" || a.jwks === "")) fail(file, `${field}.jwks`, 'must be a path (relative to lgw.json) or URL of a JWKS, e.g. "./.lgw/jwks.json"');
    return { name, type: "cognito", userPoolArns: arns as string[], identitySource: headerSource(file, field, a.identitySource), ...(a.jwks ? { jwks: a.jwks as string } : {}), ttl: ttlOf(file, field, a.ttl) };
  }
  return undefined;
}

/** The issuer of a Cognito user pool: https://cognito-idp.REGION.amazonaws.com/POOL_ID. */
export function userPoolIssuer(arn: string): string {
  const [, , , region, , resource] = arn.split(":");
  return `https://cognito-idp.${region}.amazonaws.com/${resource!.slice("userpool/".length)}`;
}

/** A route object's REST access keys; authorizer (checked by the caller) is added by it. */
export function parseRouteAccess(file: string, field: string, r: Json, authorizerType: string | undefined): RestRouteAccess {
  const out: RestRouteAccess = {};
  if (r.authorizationScopes !== undefined) {
    if (!Array.isArray(r.authorizationScopes) || !r.authorizationScopes.every((s) => typeof s === "string" && s !== "")) fail(file, `${field}.authorizationScopes`, "must be a list of scopes");
    if (authorizerType !== "cognito") fail(file, `${field}.authorizationScopes`, "needs a cognito authorizer on the route (for a jwt authorizer use scopes)");
    out.authorizationScopes = r.authorizationScopes as string[];
  }
  if (r.apiKeyRequired !== undefined) {
    if (typeof r.apiKeyRequired !== "boolean") fail(file, `${field}.apiKeyRequired`, "must be true or false");
    out.apiKeyRequired = r.apiKeyRequired as boolean;
  }
  if (r.requestModel !== undefined) {
    if (typeof r.requestModel === "string" && r.requestModel !== "") out.requestModels = { "application/json": r.requestModel };
    else if (isObject(r.requestModel) && Object.values(r.requestModel).every((m) => typeof m === "string" && m !== "")) out.requestModels = r.requestModel as Record<string, string>;
    else fail(file, `${field}.requestModel`, 'must be a model name of api.models, or {"content/type": "Model"}');
  }
  if (r.requestValidator !== undefined) {
    if (!["body", "params", "all"].includes(r.requestValidator as string)) fail(file, `${field}.requestValidator`, 'must be "body", "params" or "all"');
    out.requestValidator = r.requestValidator as "body" | "params" | "all";
  }
  if (r.requiredParameters !== undefined) {
    if (!Array.isArray(r.requiredParameters) || !r.requiredParameters.every((p) => typeof p === "string" && PARAMETER_RE.test(p))) {
      fail(file, `${field}.requiredParameters`, 'must list parameters such as ["querystring.name", "header.X-Id", "path.id"]');
    }
    out.requiredParameters = r.requiredParameters as string[];
  }
  // a model or required parameters without a validator would never be checked: validate what is named
  if (!out.requestValidator && (out.requestModels || out.requiredParameters)) out.requestValidator = out.requestModels && out.requiredParameters ? "all" : out.requestModels ? "body" : "params";
  return out;
}

function parsePlan(file: string, field: string, name: string, v: unknown): UsagePlan {
  if (!isObject(v)) fail(file, field, 'must be an object such as {"throttle": {"rateLimit": 10, "burstLimit": 20}, "keys": ["partner"]}');
  const p = v as Json;
  keys(file, field, p, ["throttle", "quota", "keys"]);
  const plan: UsagePlan = { name, keys: [] };
  if (p.throttle !== undefined) {
    const t = p.throttle as Json;
    if (!isObject(t) || typeof t.rateLimit !== "number" || !(t.rateLimit >= 0) || typeof t.burstLimit !== "number" || !Number.isInteger(t.burstLimit) || t.burstLimit < 0) {
      fail(file, `${field}.throttle`, "must be {\"rateLimit\": requests per second, \"burstLimit\": a whole number}");
    }
    plan.throttle = { rateLimit: t.rateLimit as number, burstLimit: t.burstLimit as number };
  }
  if (p.quota !== undefined) {
    const q = p.quota as Json;
    if (!isObject(q) || typeof q.limit !== "number" || !Number.isInteger(q.limit) || q.limit < 0 || !["DAY", "WEEK", "MONTH"].includes(q.period as string)) {
      fail(file, `${field}.quota`, 'must be {"limit": a whole number, "period": "DAY" | "WEEK" | "MONTH"}');
    }
    plan.quota = { limit: q.limit as number, period: q.period as "DAY" | "WEEK" | "MONTH" };
  }
  if (!Array.isArray(p.keys) || !p.keys.every((k) => typeof k === "string" && NAME_RE.test(k))) fail(file, `${field}.keys`, 'must list API key names such as ["partner"] (values never go in lgw.json)');
  plan.keys = p.keys as string[];
  return plan;
}

/** api.models, api.usagePlans, api.apiKeySource, api.gatewayResponses. */
export function parseRestApiSettings(file: string, api: Json): RestApiSettings {
  const models: Record<string, unknown> = {};
  if (api.models !== undefined) {
    if (!isObject(api.models)) fail(file, "api.models", 'must be an object of model name -> JSON Schema (draft 4) or the path of a .json file');
    for (const [name, m] of Object.entries(api.models as Json)) {
      if (!/^[A-Za-z0-9]+$/.test(name)) fail(file, `api.models.${name}`, "has an invalid name: API Gateway model names are letters and digits");
      if (!isObject(m) && !(typeof m === "string" && /\.json$/i.test(m))) fail(file, `api.models.${name}`, "must be a JSON Schema object or the path of a .json file");
      models[name] = m;
    }
  }
  const usagePlans: UsagePlan[] = [];
  if (api.usagePlans !== undefined) {
    if (!isObject(api.usagePlans)) fail(file, "api.usagePlans", "must be an object of plan name -> plan");
    for (const [name, p] of Object.entries(api.usagePlans as Json)) {
      if (!NAME_RE.test(name)) fail(file, `api.usagePlans.${name}`, "has an invalid name: use letters, digits, - and _");
      usagePlans.push(parsePlan(file, `api.usagePlans.${name}`, name, p));
    }
  }
  const source = api.apiKeySource ?? "HEADER";
  if (source !== "HEADER" && source !== "AUTHORIZER") fail(file, "api.apiKeySource", 'must be "HEADER" or "AUTHORIZER"');
  const gatewayResponses: RestApiSettings["gatewayResponses"] = {};
  if (api.gatewayResponses !== undefined) {
    if (!isObject(api.gatewayResponses)) fail(file, "api.gatewayResponses", 'must be an object such as {"DEFAULT_4XX": {"headers": {"Access-Control-Allow-Origin": "\'*\'"}}}');
    for (const [type, o] of Object.entries(api.gatewayResponses as Json)) {
      const f = `api.gatewayResponses.${type}`;
      if (!(GATEWAY_RESPONSE_TYPES as readonly string[]).includes(type)) fail(file, f, `is not a gateway response type (known: ${GATEWAY_RESPONSE_TYPES.join(", ")})`);
      if (!isObject(o)) fail(file, f, "must be an object with statusCode, headers and body");
      const g = o as Json;
      keys(file, f, g, ["statusCode", "headers", "body"]);
      if (g.statusCode !== undefined && (typeof g.statusCode !== "number" || !Number.isInteger(g.statusCode) || g.statusCode < 100 || g.statusCode > 599)) fail(file, `${f}.statusCode`, "must be an HTTP status from 100 to 599");
      if (g.headers !== undefined && (!isObject(g.headers) || !Object.values(g.headers).every((h) => typeof h === "string"))) fail(file, `${f}.headers`, "must be an object of header -> value");
      if (g.body !== undefined && typeof g.body !== "string") fail(file, `${f}.body`, "must be a string (the body as sent)");
      gatewayResponses[type as GatewayResponseType] = g as GatewayResponseOverride;
    }
  }
  return { models, usagePlans, apiKeySource: source as "HEADER" | "AUTHORIZER", gatewayResponses };
}

/** Every route's requestModel names a model of api.models. */
export function checkModelsForRoutes(file: string, routes: Record<string, { access?: RestRouteAccess }>, models: Record<string, unknown>): void {
  for (const [key, o] of Object.entries(routes)) {
    for (const [type, model] of Object.entries(o.access?.requestModels ?? {})) {
      if (!(model in models)) fail(file, `routes["${key}"].requestModel`, `names "${model}" for ${type}, which api.models does not define (defined: ${Object.keys(models).join(", ") || "none"})`);
    }
  }
}

/** Replaces model paths by the parsed files (relative to the project), at load. */
export function readModelFiles(root: string, file: string, settings: RestApiSettings): void {
  for (const [name, m] of Object.entries(settings.models)) {
    if (typeof m !== "string") continue;
    const abs = path.resolve(root, m);
    let text: string;
    try {
      text = readFileSync(abs, "utf8");
    } catch (err) {
      throw new UsageError(`${file}: api.models.${name}: ${m} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give a path relative to ${path.basename(file)}'s folder`);
    }
    try {
      settings.models[name] = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`${file}: api.models.${name}: ${m} is not valid JSON: ${(err as Error).message}`);
    }
  }
}
