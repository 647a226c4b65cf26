// Pure: the HTTP responses API Gateway produces itself (no route, function failures, timeouts),
// byte for byte as each API type sends them, and the shape every translator returns.
import type { EventFormat } from "../config/types.js";
import { TYPE_OF_KIND } from "./rest/gateway-responses.js";

export interface ProxyResponse {
  statusCode: number;
  /** header pairs; a name may repeat (Set-Cookie) */
  headers: [string, string][];
  body: Buffer;
  /** set on answers the gateway makes itself: its REST gateway response type (rest/gateway-responses.ts) */
  gatewayType?: string;
}

/** What a function's result turned into: the response, or the gateway's error and why. */
export type ResultOutcome = { ok: true; response: ProxyResponse } | { ok: false; reason: string; response: ProxyResponse };

export type GatewayErrorKind =
  | "noRoute"
  | "functionError"
  | "timeout"
  | "tooLarge"
  | "badRequest"
  | "headersTooLarge"
  | "uriTooLong"
  | "requestTimeout"
  | "unavailable";

// what the gateway itself answers before or instead of the function; the 4xx limits and 503
// are lgw's own wording where AWS's front door answers with an HTML page
const SHARED = {
  headersTooLarge: { status: 431, body: '{"message":"Request Header Fields Too Large"}' },
  uriTooLong: { status: 414, body: '{"message":"Request-URI Too Long"}' },
  requestTimeout: { status: 408, body: '{"message":"Request Timeout"}' },
  unavailable: { status: 503, body: '{"message":"Service Unavailable"}' },
};

const ERRORS: Record<EventFormat, Record<GatewayErrorKind, { status: number; body: string; type?: string }>> = {
  v1: {
    noRoute: { status: 403, body: '{"message":"Missing Authentication Token"}', type: "MissingAuthenticationTokenException" },
    functionError: { status: 502, body: '{"message": "Internal server error"}', type: "InternalServerErrorException" },
    timeout: { status: 504, body: '{"message": "Endpoint request timed out"}', type: "IntegrationTimeout" },
    // over Lambda's 6 MB invocation limit or the API's 10 MB
    tooLarge: { status: 413, body: '{"message": "Request Too Long"}', type: "BadRequestException" },
    badRequest: { status: 400, body: '{"message": "Bad Request"}', type: "BadRequestException" },
    ...SHARED,
  },
  v2: {
    noRoute: { status: 404, body: '{"message":"Not Found"}' },
    functionError: { status: 500, body: '{"message":"Internal Server Error"}' },
    // HTTP APIs answer an integration timeout with 503, not 504
    timeout: { status: 503, body: '{"message":"Service Unavailable"}' },
    tooLarge: { status: 413, body: '{"message":"Request Entity Too Large"}' },
    badRequest: { status: 400, body: '{"message":"Bad Request"}' },
    ...SHARED,
  },
};

export function gatewayError(format: EventFormat, kind: GatewayErrorKind): ProxyResponse {
  const e = ERRORS[format][kind];
  const headers: [string, string][] = [["Content-Type", "application/json"]];
  if (e.type) headers.push(["x-amzn-ErrorType", e.type]);
  return { statusCode: e.status, headers, body: Buffer.from(e.body), ...(format === "v1" ? { gatewayType: TYPE_OF_KIND[kind] } : {}) };
}

export function malformed(format: EventFormat, reason: string): ResultOutcome {
  return { ok: false, reason, response: gatewayError(format, "functionError") };
}

/** A proxy result's JSON (and its text), or the malformed outcome when it is not JSON. */
export function parseResult(result: Buffer | string, format: EventFormat): { value: unknown; text: string } | ResultOutcome {
  const text = typeof result === "string" ? result : result.toString("utf8");
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    return malformed(format, "the function's result is not JSON");
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function describeJson(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** A proxy result's statusCode: an integer 200-599, as a number or a string of digits ("201"). */
export function statusCodeOf(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^[0-9]{3}$/.test(v) ? Number(v) : NaN;
  // a 1xx is an interim answer, never a response's final status: a client given one waits on
  return Number.isInteger(n) && n >= 200 && n <= 599 ? n : undefined;
}

/**
 * Response headers a REST API renames to x-amzn-Remapped-<name> rather than send as the
 * function gave them (the gateway answers with its own Date, Content-Length and Connection; a
 * WWW-Authenticate would open a browser's login prompt). Seen on real REST API answers:
 * x-amzn-Remapped-Authorization, -WWW-Authenticate, -Server, -Date, -Connection and
 * -Content-Length. HTTP APIs pass them on.
 */
const REST_REMAPPED = new Set(["authorization", "connection", "content-length", "date", "server", "www-authenticate"]);

export function remapRestResponseHeaders(headers: [string, string][]): [string, string][] {
  return headers.map(([name, value]) => (REST_REMAPPED.has(name.toLowerCase()) ? [`x-amzn-Remapped-${name}`, value] : [name, value]));
}
