// Pure: the OPTIONS method the console's "Enable CORS" creates: a MOCK integration answering 200
// with the Access-Control-Allow-* headers mapped from quoted literals.
import { UsageError } from "../errors.js";
import { HTTP_METHODS, parseResourcePath, type Route } from "../routes/table.js";
import { parseMethodArg } from "./input.js";
import type { RemoteIntegration } from "../aws/rest-types.js";

export const DEFAULT_CORS_HEADERS = ["Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key", "X-Amz-Security-Token"];
export const CORS_REQUEST_TEMPLATES = { "application/json": '{"statusCode": 200}' };
export const CORS_STATUS = "200";

const CONCRETE_METHODS = HTTP_METHODS.filter((m) => m !== "ANY");
const HEADER_RE = /^[A-Za-z0-9!#$%&*+.^_`|~-]+$/;

export interface CorsSpec {
  origin: string;
  methods: string[];
  headers: string[];
}

function expand(methods: string[]): string[] {
  const set = new Set<string>(["OPTIONS"]);
  for (const m of methods) {
    if (m === "ANY") CONCRETE_METHODS.forEach((c) => set.add(c));
    else set.add(m);
  }
  // a stable order, so comparing with what is deployed does not depend on flag order
  return CONCRETE_METHODS.filter((m) => set.has(m));
}

/**
 * Flags + the methods already on the resource -> what the preflight answers. Without --methods
 * the resource's own methods are allowed (ANY meaning all of them), plus OPTIONS.
 */
export function corsSpec(opts: { origin?: string; methods?: string[]; headers?: string[] }, resourceMethods: string[]): CorsSpec {
  const origin = opts.origin ?? "*";
  if (origin === "" || /['\s,]/.test(origin)) {
    throw new UsageError(`--origin "${origin}": give one origin such as https://example.com, or *`);
  }
  const methods = opts.methods?.length ? opts.methods.map(parseMethodArg) : resourceMethods.filter((m) => m !== "OPTIONS");
  const headers = opts.headers?.length ? opts.headers : DEFAULT_CORS_HEADERS;
  for (const h of headers) {
    if (!HEADER_RE.test(h)) throw new UsageError(`--headers: "${h}" is not a header name`);
  }
  return { origin, methods: expand(methods), headers: [...headers] };
}

const header = (name: string) => `method.response.header.Access-Control-Allow-${name}`;

/** Declares the three headers on the method response (false: not required). */
export function corsMethodResponseParameters(): Record<string, boolean> {
  return { [header("Headers")]: false, [header("Methods")]: false, [header("Origin")]: false };
}

/** Maps the headers to literal values: API Gateway wants them single-quoted. */
export function corsIntegrationResponseParameters(spec: CorsSpec): Record<string, string> {
  return {
    [header("Headers")]: `'${spec.headers.join(",")}'`,
    [header("Methods")]: `'${spec.methods.join(",")}'`,
    [header("Origin")]: `'${spec.origin}'`,
  };
}

/** Whether the OPTIONS integration deployed already answers exactly this spec. */
export function corsUpToDate(integration: RemoteIntegration | undefined, spec: CorsSpec): boolean {
  if (integration?.type !== "MOCK") return false;
  const deployed = integration.responseParameters?.[CORS_STATUS] ?? {};
  const wanted = corsIntegrationResponseParameters(spec);
  return Object.keys(wanted).length === Object.keys(deployed).length && Object.entries(wanted).every(([k, v]) => deployed[k] === v);
}

/** An OPTIONS method lgw (or the console) made for CORS, as opposed to one a function answers. */
export function isCorsMethod(method: string, integration: RemoteIntegration | undefined): boolean {
  return method === "OPTIONS" && integration?.type === "MOCK";
}

/**
 * lgw.json's api.cors for a REST API: one MOCK preflight per routed path, or per path of
 * api.cors.paths when it is set (unless the table routes OPTIONS there itself), answering the
 * configured origin, methods (default: the path's own) and headers. A MOCK integration answers
 * with literals, so it can name one origin, or "*".
 */
export function restCorsSpecs(
  cors: { allowOrigins?: string[]; allowMethods?: string[]; allowHeaders?: string[] },
  routes: { path: string; method: string }[],
  paths?: string[],
): Map<string, CorsSpec> {
  const origins = cors.allowOrigins ?? ["*"];
  if (origins.length !== 1) {
    throw new UsageError(`lgw.json: api.cors.allowOrigins lists ${origins.length} origins; a REST API's preflight (a MOCK integration) answers one: list one, or "*"`);
  }
  const byPath = new Map<string, string[]>((paths ?? []).map((p) => [p, []]));
  for (const r of routes) if (!paths || byPath.has(r.path)) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r.method]);
  const out = new Map<string, CorsSpec>();
  for (const [path, methods] of byPath) {
    if (methods.includes("OPTIONS")) continue;
    out.set(path, corsSpec({ origin: origins[0], methods: cors.allowMethods?.filter((m) => m !== "*"), headers: cors.allowHeaders?.filter((h) => h !== "*") }, methods));
  }
  return out;
}

/**
 * The preflights `lgw api sync` makes for api.cors, as MOCK routes for `lgw serve` (REST only: an
 * HTTP API's gateway answers preflight itself). Each answers 200 with the three headers, as the
 * deployed OPTIONS method does; the table's own routes come first and are left as they are.
 */
export function restPreflightRoutes(api: { cors?: Parameters<typeof restCorsSpecs>[0]; corsPaths?: string[] }, routes: Route[]): Route[] {
  if (!api.cors) return [];
  const out: Route[] = [];
  for (const [path, spec] of restCorsSpecs(api.cors, routes, api.corsPaths)) {
    const headers = Object.fromEntries(Object.entries(corsIntegrationResponseParameters(spec)).map(([k, v]) => [k.replace("method.response.header.", ""), v]));
    out.push({
      key: `OPTIONS ${path}`,
      method: "OPTIONS",
      path,
      parts: parseResourcePath(path),
      functionName: "",
      integration: { type: "mock", requestTemplates: { ...CORS_REQUEST_TEMPLATES }, passthroughBehavior: "WHEN_NO_MATCH", responses: { default: { statusCode: Number(CORS_STATUS), headers } } },
    });
  }
  return out;
}
