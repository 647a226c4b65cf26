// Pure: a route object's integration settings (REST APIs): "integration": "proxy" (default),
// "lambda" (a Lambda custom integration with mapping templates), "mock" or "http" (HTTP_PROXY to
// "uri"), with requestTemplates, passthroughBehavior and responses (selection pattern ->
// statusCode, headers, templates). Each problem is one line naming the field, like parse.ts.
// Template values are inline text or a path to a .vtl file; readTemplateFiles (templates.ts)
// replaces paths by the files' text when lgw.json is loaded.
import { UsageError } from "../errors.js";
import { DEFAULT_RESPONSE, mappingExpressionError, type IntegrationResponse, type PassthroughBehavior } from "../mapping/integration.js";

type Json = Record<string, unknown>;

export type IntegrationType = "proxy" | "lambda" | "mock" | "http";

export type RouteIntegration =
  | {
      type: "lambda" | "mock";
      /** content type -> template text (a .vtl path until readTemplateFiles has run) */
      requestTemplates: Record<string, string>;
      passthroughBehavior: PassthroughBehavior;
      /** selection pattern (or "default") -> integration response */
      responses: Record<string, IntegrationResponse>;
    }
  | { type: "http"; uri: string };

/** The route object keys this module reads (besides "function", "authorizer", "scopes"). */
export const INTEGRATION_KEYS = ["integration", "requestTemplates", "passthroughBehavior", "responses", "uri"];

const MOCK_TEMPLATE = '{"statusCode": 200}';
const TYPES: IntegrationType[] = ["proxy", "lambda", "mock", "http"];
const PASSTHROUGH: PassthroughBehavior[] = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"];
const MEDIA_TYPE_RE = /^[^/\s]+\/[^/\s]+$/;
const HEADER_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const fail = (file: string, field: string, problem: string): never => {
  throw new UsageError(`${file}: ${field} ${problem}`);
};

/** A template value naming a file rather than holding the template: one line ending in .vtl. */
export function isTemplatePath(value: string): boolean {
  return !value.includes("\n") && /\.vtl$/i.test(value.trim());
}

function templates(file: string, field: string, v: unknown): Record<string, string> {
  if (v === undefined) return {};
  if (!isObject(v)) fail(file, field, 'must be an object of content type -> template, e.g. {"application/json": "templates/req.vtl"}');
  const out: Record<string, string> = {};
  for (const [type, text] of Object.entries(v as Json)) {
    if (!MEDIA_TYPE_RE.test(type)) fail(file, `${field}["${type}"]`, 'must be keyed by a content type such as "application/json"');
    if (typeof text !== "string") fail(file, `${field}["${type}"]`, "must be a template (inline text) or the path of a .vtl file");
    out[type] = text as string;
  }
  return out;
}

function parseResponse(file: string, field: string, pattern: string, v: unknown): IntegrationResponse {
  if (!isObject(v)) fail(file, field, 'must be an object such as {"statusCode": 404}');
  const r = v as Json;
  for (const k of Object.keys(r)) if (!["statusCode", "headers", "templates"].includes(k)) fail(file, `${field}.${k}`, "is not a known setting (known: statusCode, headers, templates)");
  const code = r.statusCode ?? (pattern === DEFAULT_RESPONSE ? 200 : undefined);
  if (typeof code !== "number" || !Number.isInteger(code) || code < 100 || code > 599) fail(file, `${field}.statusCode`, "must be an HTTP status code from 100 to 599");
  const out: IntegrationResponse = { statusCode: code as number };
  if (r.headers !== undefined) {
    if (!isObject(r.headers)) fail(file, `${field}.headers`, 'must be an object of header -> mapping, e.g. {"Location": "integration.response.body.location"}');
    out.headers = {};
    for (const [name, expr] of Object.entries(r.headers as Json)) {
      if (!HEADER_RE.test(name)) fail(file, `${field}.headers["${name}"]`, "is not a header name");
      if (typeof expr !== "string") fail(file, `${field}.headers.${name}`, "must be a mapping expression such as 'static' or integration.response.body.location");
      const problem = mappingExpressionError(expr as string);
      if (problem) fail(file, `${field}.headers.${name}`, `is ${problem}`);
      out.headers[name] = expr as string;
    }
  }
  if (r.templates !== undefined) out.templates = templates(file, `${field}.templates`, r.templates);
  return out;
}

function parseResponses(file: string, field: string, v: unknown): Record<string, IntegrationResponse> {
  if (v === undefined) return {};
  if (!isObject(v)) fail(file, field, 'must be an object of selection pattern -> response, e.g. {"default": {"statusCode": 200}}');
  const out: Record<string, IntegrationResponse> = {};
  const byStatus = new Map<number, string>();
  for (const [pattern, r] of Object.entries(v as Json)) {
    const at = `${field}["${pattern}"]`;
    if (pattern !== DEFAULT_RESPONSE) {
      try {
        new RegExp(pattern);
      } catch (err) {
        fail(file, at, `is not a valid selection pattern (a regular expression): ${(err as Error).message}`);
      }
    }
    out[pattern] = parseResponse(file, at, pattern, r);
    const other = byStatus.get(out[pattern]!.statusCode);
    // API Gateway keys integration responses by status code: one selection pattern each
    if (other !== undefined) fail(file, at, `answers ${out[pattern]!.statusCode} like "${other}"; API Gateway keeps one selection pattern per status code: join them with |`);
    byStatus.set(out[pattern]!.statusCode, pattern);
  }
  return out;
}

const VARIABLE_RE = /\{([A-Za-z0-9_]+)\+?\}/g;

/** Each {name} of an http uri must be a path variable of the route, which fills it in. */
function checkUriVariables(file: string, field: string, route: string, uri: string): void {
  const vars = [...route.matchAll(VARIABLE_RE)].map((m) => m[1]!);
  for (const m of uri.matchAll(VARIABLE_RE)) {
    if (!vars.includes(m[1]!)) fail(file, `${field}.uri`, `uses {${m[1]}}, which is not a path variable of the route (variables: ${vars.join(", ") || "none"})`);
  }
}

/**
 * The integration of an object-form route value, and whether it needs a function. Proxy routes
 * (no "integration", or "proxy") return undefined and may not carry the non-proxy settings.
 */
export function parseIntegration(file: string, field: string, route: string, r: Json): RouteIntegration | undefined {
  const type = r.integration ?? "proxy";
  if (!TYPES.includes(type as IntegrationType)) fail(file, `${field}.integration`, `must be one of ${TYPES.map((t) => `"${t}"`).join(", ")}`);
  const only = (key: string, types: string) => {
    if (r[key] !== undefined) fail(file, `${field}.${key}`, `applies only to "integration": ${types} (this route is "${String(type)}")`);
  };
  if (type === "proxy" || type === "http") {
    for (const k of ["requestTemplates", "passthroughBehavior", "responses"]) only(k, '"lambda" or "mock"');
  }
  if (type !== "http") only("uri", '"http"');
  if (type === "lambda" && (typeof r.function !== "string" || r.function === "")) fail(file, `${field}.function`, 'must name the function a "lambda" integration invokes');
  if ((type === "mock" || type === "http") && r.function !== undefined) fail(file, `${field}.function`, `is not used by "integration": "${String(type)}" (remove it)`);
  if (type === "proxy") return undefined;
  if (type === "http") {
    if (typeof r.uri !== "string" || !/^https?:\/\/[^\s/]+/.test(r.uri)) fail(file, `${field}.uri`, 'must be the http(s) URL to forward to, e.g. "https://example.com/{proxy}"');
    checkUriVariables(file, field, route, r.uri as string);
    return { type: "http", uri: r.uri as string };
  }
  const passthrough = r.passthroughBehavior ?? "WHEN_NO_MATCH";
  if (!PASSTHROUGH.includes(passthrough as PassthroughBehavior)) fail(file, `${field}.passthroughBehavior`, `must be one of ${PASSTHROUGH.map((p) => `"${p}"`).join(", ")}`);
  const responses = parseResponses(file, `${field}.responses`, r.responses);
  // what is not matched answers 200 with the integration's body, locally and once deployed
  // (API Gateway itself would fail such a request as a configuration error)
  if (!responses[DEFAULT_RESPONSE] && !Object.values(responses).some((x) => x.statusCode === 200)) responses[DEFAULT_RESPONSE] = { statusCode: 200 };
  const requestTemplates = templates(file, `${field}.requestTemplates`, r.requestTemplates);
  // a MOCK answers the status its request template names; the console's default is 200
  if (type === "mock" && r.requestTemplates === undefined) requestTemplates["application/json"] = MOCK_TEMPLATE;
  return { type: type as "lambda" | "mock", requestTemplates, passthroughBehavior: passthrough as PassthroughBehavior, responses };
}

/** Non-proxy integrations are REST API methods; an HTTP API project may not use them. */
export function checkIntegrationsForApi(file: string, options: Record<string, { integration?: RouteIntegration }>, apiType: "rest" | "http"): void {
  if (apiType === "rest") return;
  for (const [route, o] of Object.entries(options)) {
    if (o.integration) fail(file, `routes["${route}"].integration`, `"${o.integration.type}" needs a REST API: set "api": {"type": "rest"} (HTTP APIs take proxy routes only)`);
  }
}
