// Pure: CORS as an HTTP API does it when the API has a CorsConfiguration (AWS developer guide,
// "Configure CORS for HTTP APIs"): the gateway answers preflight OPTIONS requests itself, whether
// or not an OPTIONS route exists, and on every other response it drops the CORS headers the
// integration returned and adds the configured ones.
import type { CorsConfig } from "../aws/http-types.js";
import { firstHeader } from "./request.js";
import type { ProxyResponse } from "./responses.js";

/** A preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(method: string, headers: [string, string][]): boolean {
  return method.toUpperCase() === "OPTIONS" && firstHeader(headers, "origin") !== undefined && firstHeader(headers, "access-control-request-method") !== undefined;
}

/** The Access-Control-Allow-Origin value for this request's Origin, or undefined when not allowed. */
export function allowedOrigin(cors: CorsConfig, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  const origins = cors.allowOrigins ?? [];
  if (origins.includes("*")) return cors.allowCredentials ? origin : "*";
  return origins.some((o) => o.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

const list = (xs: string[] | undefined) => (xs ?? []).join(",");

/** The gateway's own answer to a preflight: 204 with the allow-* headers (none for a foreign origin). */
export function preflightResponse(cors: CorsConfig, headers: [string, string][]): ProxyResponse {
  const out: [string, string][] = [];
  const origin = allowedOrigin(cors, firstHeader(headers, "origin"));
  if (origin !== undefined) {
    out.push(["access-control-allow-origin", origin]);
    if (cors.allowCredentials) out.push(["access-control-allow-credentials", "true"]);
    const requested = firstHeader(headers, "access-control-request-headers");
    const allowHeaders = cors.allowHeaders?.includes("*") && requested ? requested : list(cors.allowHeaders);
    if (allowHeaders) out.push(["access-control-allow-headers", allowHeaders]);
    const methods = cors.allowMethods?.includes("*") ? (firstHeader(headers, "access-control-request-method") ?? "*") : list(cors.allowMethods);
    if (methods) out.push(["access-control-allow-methods", methods]);
    if (cors.maxAge !== undefined) out.push(["access-control-max-age", String(cors.maxAge)]);
    if (origin !== "*") out.push(["vary", "Origin"]);
  }
  return { statusCode: 204, headers: out, body: Buffer.alloc(0) };
}

/** Replaces the integration's CORS headers with the configured ones. */
export function applyCors(cors: CorsConfig, requestHeaders: [string, string][], response: ProxyResponse): ProxyResponse {
  const headers = response.headers.filter(([name]) => !name.toLowerCase().startsWith("access-control-"));
  const origin = allowedOrigin(cors, firstHeader(requestHeaders, "origin"));
  if (origin !== undefined) {
    headers.push(["access-control-allow-origin", origin]);
    if (cors.allowCredentials) headers.push(["access-control-allow-credentials", "true"]);
    if (cors.exposeHeaders?.length) headers.push(["access-control-expose-headers", list(cors.exposeHeaders)]);
    if (origin !== "*" && !headers.some(([n]) => n.toLowerCase() === "vary")) headers.push(["vary", "Origin"]);
  }
  return { ...response, headers };
}
