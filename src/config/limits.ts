// The values lgw checks in more than one place, written once: the lgw.json definition (and so
// the shipped JSON Schema), the flag checks of exec/serve and commander's `choices` use these.

/** Lambda's architecture names. */
export const ARCHITECTURES = ["arm64", "x86_64"] as const;
export type Arch = (typeof ARCHITECTURES)[number];

/** Every spelling lgw takes for an architecture: Lambda's names, Go's amd64, aarch64 and x86-64. */
export const ARCH_SPELLINGS = { arm64: "arm64", x86_64: "x86_64", aarch64: "arm64", amd64: "x86_64", "x86-64": "x86_64" } as const satisfies Record<string, Arch>;
export type ArchSpelling = keyof typeof ARCH_SPELLINGS;
export const ARCH_NAMES = Object.keys(ARCH_SPELLINGS) as [ArchSpelling, ...ArchSpelling[]];
/** "aarch64, amd64 and x86-64": the spellings besides Lambda's, for help and messages. */
export const ARCH_ALIASES_TEXT = ((aliases: string[]) => `${aliases.slice(0, -1).join(", ")} and ${aliases.at(-1)}`)(
  ARCH_NAMES.filter((n) => !(ARCHITECTURES as readonly string[]).includes(n)),
);

export const EVENT_FORMATS = ["v1", "v2"] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const API_TYPES = ["rest", "http"] as const;
export type ApiType = (typeof API_TYPES)[number];

/** Lambda's bounds for a function's memory (MB) and timeout (seconds). */
export const MEMORY_MB = { min: 128, max: 10240 } as const;
export const TIMEOUT_S = { min: 1, max: 900 } as const;
/** lgw serve's integration timeout (api.timeout, --timeout), in seconds. */
export const API_TIMEOUT_S = { min: 1, max: 900 } as const;
/** An HTTP API's CORS max age, and a Lambda authorizer's cache TTL, in seconds. */
export const CORS_MAX_AGE_S = { min: 0, max: 86400 } as const;
export const AUTHORIZER_TTL_S = { min: 0, max: 3600 } as const;

/** A media type as binaryMediaTypes takes it: "image/png", "*\/*". */
export const MEDIA_TYPE_RE = /^[^/\s]+\/[^/\s]+$/;
/** A Lambda authorizer's identity source: $request.header.NAME, $request.querystring.NAME, ... */
export const IDENTITY_SOURCE_RE = /^\$(request\.header|request\.querystring|stageVariables|context)\.[A-Za-z0-9._-]+$/;
/** A JWT authorizer's: CreateAuthorizer takes only a header or a query parameter. */
export const JWT_IDENTITY_SOURCE_RE = /^\$request\.(header|querystring)\.[A-Za-z0-9._-]+$/;
/** An HTTP header name (RFC 9110 token). */
export const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** REST non-proxy integrations: an integration response's status code. */
export const STATUS_CODE = { min: 100, max: 599 } as const;
export const INTEGRATION_TYPES = ["proxy", "lambda", "mock", "http"] as const;
export const PASSTHROUGH_BEHAVIORS = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"] as const;
export const AUTHORIZER_NAME_RE = /^[A-Za-z0-9_-]{1,128}$/;
export const ISSUER_URL_RE = /^https?:\/\/\S+$/;

/** What lgw uses when lgw.json (or a flag) does not say. */
export const DEFAULTS = {
  architecture: "arm64" as Arch,
  memory: 128,
  timeout: 3,
  eventFormat: "v1" as EventFormat,
  integrationTimeout: 29,
  httpIntegrationTimeout: 30,
};
