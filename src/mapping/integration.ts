// Pure: the non-proxy integration steps of a REST API method, as API Gateway runs them:
// choosing the request template by content type (with the passthrough behaviour), choosing the
// integration response by selection pattern, and mapping response parameters into headers.
import { evaluatePath } from "./input.js";

export type PassthroughBehavior = "WHEN_NO_MATCH" | "WHEN_NO_TEMPLATES" | "NEVER";

export type RequestMapping =
  | { kind: "template"; contentType: string; template: string }
  | { kind: "passthrough" }
  | { kind: "unsupported" };

/** "Application/JSON; charset=utf-8" -> "application/json"; absent means application/json, as in AWS. */
export function mediaTypeOf(contentType: string | undefined): string {
  const base = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return base === "" ? "application/json" : base;
}

export function selectRequestTemplate(
  contentType: string | undefined,
  templates: Record<string, string>,
  behavior: PassthroughBehavior = "WHEN_NO_MATCH",
): RequestMapping {
  const type = mediaTypeOf(contentType);
  const key = Object.keys(templates).find((k) => k.toLowerCase() === type);
  if (key !== undefined) return { kind: "template", contentType: key, template: templates[key]! };
  if (behavior === "WHEN_NO_MATCH") return { kind: "passthrough" };
  if (behavior === "WHEN_NO_TEMPLATES" && Object.keys(templates).length === 0) return { kind: "passthrough" };
  return { kind: "unsupported" };
}

export interface IntegrationResponse {
  statusCode: number;
  /** method response header name -> mapping expression ('static', integration.response.body[.path], integration.response.header.NAME) */
  headers?: Record<string, string>;
  /** content type -> template */
  templates?: Record<string, string>;
}

/** The key of the default integration response in lgw.json's `responses`. */
export const DEFAULT_RESPONSE = "default";

/**
 * Picks the integration response: a selector (a Lambda error's errorMessage, or the status code
 * of a MOCK/HTTP integration) is matched against each selection pattern as a Java regex over the
 * whole string ("." does not cross a newline); no selector, or no match, takes `default`.
 */
export function selectIntegrationResponse(
  responses: Record<string, IntegrationResponse>,
  selector: string | undefined,
): { pattern: string; response: IntegrationResponse } {
  if (selector !== undefined) {
    for (const [pattern, response] of Object.entries(responses)) {
      if (pattern === DEFAULT_RESPONSE) continue;
      if (selectionMatches(pattern, selector)) return { pattern, response };
    }
  }
  const fallback = responses[DEFAULT_RESPONSE] ?? { statusCode: 200 };
  return { pattern: DEFAULT_RESPONSE, response: fallback };
}

export function selectionMatches(pattern: string, selector: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(selector);
  } catch {
    return false;
  }
}

export interface IntegrationResult {
  /** the integration response body (a Lambda result, or its error object, as JSON text) */
  body: string;
  headers: Record<string, string>;
}

/**
 * Method response headers from their mapping expressions. A body value that is a string is used
 * as it is; any other JSON value as its JSON text; a value that resolves to nothing is left out.
 */
export function mapResponseHeaders(spec: Record<string, string> | undefined, result: IntegrationResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, expr] of Object.entries(spec ?? {})) {
    const value = resolveMapping(expr, result);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function resolveMapping(expr: string, result: IntegrationResult): string | undefined {
  const e = expr.trim();
  const literal = /^'(.*)'$/s.exec(e);
  if (literal) return literal[1]!;
  const header = /^integration\.response\.header\.(.+)$/.exec(e);
  if (header) {
    const lower = header[1]!.toLowerCase();
    const key = Object.keys(result.headers).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : result.headers[key];
  }
  if (e === "integration.response.body") return result.body;
  const body = /^integration\.response\.body(\..+|\[.+)$/.exec(e);
  if (body) {
    let root: unknown;
    try {
      root = JSON.parse(result.body);
    } catch {
      return undefined;
    }
    const value = evaluatePath(root, "$" + body[1]!);
    if (value === undefined || value === null) return undefined;
    return typeof value === "string" ? value : JSON.stringify(value);
  }
  return undefined;
}

export { MAPPING_EXPRESSION_RE, mappingExpressionError } from "./expression.js";

/** The response template for the response: the one for application/json, else the first. */
export function responseTemplateOf(templates: Record<string, string> | undefined): { contentType: string; template: string } | undefined {
  const entries = Object.entries(templates ?? {});
  if (entries.length === 0) return undefined;
  const json = entries.find(([k]) => k.toLowerCase() === "application/json") ?? entries[0]!;
  return { contentType: json[0], template: json[1] };
}

/** MOCK integrations: the request template's output names the status code ({"statusCode": 200}). */
export function mockStatusOf(rendered: string): number {
  try {
    const value = JSON.parse(rendered) as { statusCode?: unknown };
    const code = Number(value?.statusCode);
    return Number.isInteger(code) && code >= 100 && code <= 599 ? code : 200;
  } catch {
    return 200;
  }
}
