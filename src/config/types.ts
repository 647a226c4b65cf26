// The project as lgw works with it, made from lgw.json by parse.ts (or implicit without one).
// The file's own shape is typed by its definition (schema/project.ts: LgwJson).
import type { AuthorizerConfig, RouteOptions } from "./http.js";
import type { ApiType, Arch, EventFormat } from "./limits.js";
import type { RestApiSettings } from "./rest-access.js";
import type { CorsSettings } from "./schema/cors.js";

export type { Arch, EventFormat } from "./limits.js";
export { DEFAULTS } from "./limits.js";
/** An HTTP API's CorsConfiguration (api.cors without the REST-only paths). */
export type CorsConfig = Omit<CorsSettings, "paths">;

export interface FunctionConfig {
  name: string;
  /** Go package directory (relative to the project root) or a list of .go files */
  entry: string | string[];
  architecture: Arch;
  memory: number;
  timeout: number;
  environment: Record<string, string>;
  description?: string;
  role?: string;
  /** lgw created `role` (lgw-<function>) on `lgw deploy --create`; `lgw delete` may remove it */
  roleCreatedByLgw?: boolean;
  create?: boolean;
  /** the event payload this function is written for (absent: the project's eventFormat) */
  eventFormat?: EventFormat;
}

export interface ApiConfig {
  /** "http" (API Gateway v2) or "rest"; default "http" for a v2 project, else "rest" */
  type: ApiType;
  /** an HTTP API's CorsConfiguration; for a REST API, OPTIONS (MOCK) preflights */
  cors?: CorsConfig;
  /** REST APIs: api.cors.paths, the paths given a preflight (absent: every routed path) */
  corsPaths?: string[];
  id?: string;
  name?: string;
  binaryMediaTypes: string[];
  stageVariables: Record<string, string>;
  /** integration timeout in seconds for lgw serve; unset: AWS's default, 29 (REST) or 30 (HTTP API) */
  timeout?: number;
  /** REST API access control: models, usage plans, API key source, gateway responses */
  rest?: RestApiSettings;
}

export interface ProjectConfig {
  /** directory holding lgw.json (or the directory lgw ran in, when there is none) */
  root: string;
  /** path of lgw.json, or undefined when the project has none */
  file?: string;
  architecture: Arch;
  region?: string;
  eventFormat: EventFormat;
  functions: FunctionConfig[];
  /** "METHOD /path" -> function name; parsed and validated by src/routes */
  routes: Record<string, string>;
  /** route key as written -> its authorizer and scopes (object-form route values) */
  routeOptions: Record<string, RouteOptions>;
  authorizers: AuthorizerConfig[];
  api: ApiConfig;
}


/** The event format a function is written for: its own, else the project's. */
export function functionFormat(config: Pick<ProjectConfig, "eventFormat" | "functions">, name: string): EventFormat {
  return config.functions.find((f) => f.name === name)?.eventFormat ?? config.eventFormat;
}
