// Pure: REST API gateway responses (developer guide, "Gateway responses for REST APIs"). Every
// answer lgw serve makes itself carries its gateway response type; api.gatewayResponses may
// override a type's status code, headers and body, with DEFAULT_4XX / DEFAULT_5XX standing for
// every type of that class without its own. Values are static (no $context): a header value
// written as API Gateway wants it, quoted ('*'), is unquoted.
import type { ProxyResponse } from "../responses.js";
import type { GatewayResponseOverride } from "./types.js";

export const GATEWAY_RESPONSE_TYPES = [
  "DEFAULT_4XX",
  "DEFAULT_5XX",
  "ACCESS_DENIED",
  "API_CONFIGURATION_ERROR",
  "AUTHORIZER_CONFIGURATION_ERROR",
  "AUTHORIZER_FAILURE",
  "BAD_REQUEST_PARAMETERS",
  "BAD_REQUEST_BODY",
  "EXPIRED_TOKEN",
  "INTEGRATION_FAILURE",
  "INTEGRATION_TIMEOUT",
  "INVALID_API_KEY",
  "INVALID_SIGNATURE",
  "MISSING_AUTHENTICATION_TOKEN",
  "QUOTA_EXCEEDED",
  "REQUEST_TOO_LARGE",
  "RESOURCE_NOT_FOUND",
  "THROTTLED",
  "UNAUTHORIZED",
  "UNSUPPORTED_MEDIA_TYPE",
  "WAF_FILTERED",
] as const;
export type GatewayResponseType = (typeof GATEWAY_RESPONSE_TYPES)[number];

/** ProxyResponse.gatewayType of what lgw serve answers itself, for each GatewayErrorKind. */
export const TYPE_OF_KIND: Record<string, GatewayResponseType> = {
  noRoute: "MISSING_AUTHENTICATION_TOKEN",
  functionError: "DEFAULT_5XX",
  timeout: "INTEGRATION_TIMEOUT",
  tooLarge: "REQUEST_TOO_LARGE",
  badRequest: "DEFAULT_4XX",
  headersTooLarge: "DEFAULT_4XX",
  uriTooLong: "DEFAULT_4XX",
  requestTimeout: "DEFAULT_4XX",
  unavailable: "DEFAULT_5XX",
};

const unquote = (v: string) => (v.length >= 2 && v.startsWith("'") && v.endsWith("'") ? v.slice(1, -1) : v);

/** The override for a type: its own, else its class's default. */
export function overrideFor(overrides: Partial<Record<GatewayResponseType, GatewayResponseOverride>>, type: GatewayResponseType, status: number): GatewayResponseOverride | undefined {
  return overrides[type] ?? (status >= 500 ? overrides.DEFAULT_5XX : status >= 400 ? overrides.DEFAULT_4XX : undefined);
}

/** The response with the override applied (headers replace same-named ones, others are kept). */
export function applyGatewayResponse(response: ProxyResponse, overrides: Partial<Record<GatewayResponseType, GatewayResponseOverride>>): ProxyResponse {
  const type = response.gatewayType as GatewayResponseType | undefined;
  if (!type) return response;
  const o = overrideFor(overrides, type, response.statusCode);
  if (!o) return response;
  const replaced = new Set(Object.keys(o.headers ?? {}).map((k) => k.toLowerCase()));
  const headers: [string, string][] = [
    ...response.headers.filter(([k]) => !replaced.has(k.toLowerCase())),
    ...Object.entries(o.headers ?? {}).map(([k, v]): [string, string] => [k, unquote(v)]),
  ];
  return {
    ...response,
    statusCode: o.statusCode ?? response.statusCode,
    headers,
    body: o.body !== undefined ? Buffer.from(o.body) : response.body,
  };
}
