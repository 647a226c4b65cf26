// Pure: lgw.json text -> ProjectConfig, with every problem reported as one line naming the field.
// What is valid is said once, in schema/project.ts; this turns a valid file into the project
// lgw works with (each function's architecture and event format filled in from the project's,
// AWS's defaults for what the file leaves out).
import { UsageError } from "../errors.js";
import { jsonProblem } from "../util/json.js";
import { defaultApiType, type AuthorizerConfig, type RouteOptions } from "./http.js";
import type { RouteIntegration } from "./integration.js";
import { ARCH_SPELLINGS } from "./limits.js";
import { DEFAULT_IDENTITY_SOURCE, type AuthorizerSettings } from "./schema/authorizers.js";
import { schemaProblem } from "./schema/issues.js";
import { lgwJson, type LgwJson } from "./schema/project.js";
import { referenceProblem } from "./schema/references.js";
import type { RouteSettings } from "./schema/routes.js";
import type { RestRouteAccess } from "../apigw/rest/types.js";
import type { RestApiSettings } from "./rest-access.js";
import { DEFAULTS, type ApiConfig, type FunctionConfig, type ProjectConfig } from "./types.js";

function readJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const problem = jsonProblem(text);
    const where = problem && problem.line > 0 ? `${file}:${problem.line}:${problem.column}` : file;
    throw new UsageError(`${where}: not valid JSON: ${problem?.message ?? (err as Error).message}`);
  }
}

/** Checks parsed JSON against the definition of lgw.json; throws the first problem as one line. */
export function validateLgwJson(json: unknown, file: string): LgwJson {
  const problem = schemaProblem(lgwJson, json) ?? referenceProblem(json as LgwJson);
  if (problem) throw new UsageError(`${file}: ${problem}`);
  return json as LgwJson;
}

const archOf = (spelling: keyof typeof ARCH_SPELLINGS | undefined) => (spelling === undefined ? undefined : ARCH_SPELLINGS[spelling]);

function functionsOf(json: LgwJson): FunctionConfig[] {
  const architecture = archOf(json.architecture) ?? DEFAULTS.architecture;
  const eventFormat = json.eventFormat ?? DEFAULTS.eventFormat;
  return Object.entries(json.functions).map(([name, f]) => ({
    name,
    entry: f.entry ?? ".",
    architecture: archOf(f.architecture) ?? architecture,
    memory: f.memory ?? DEFAULTS.memory,
    timeout: f.timeout ?? DEFAULTS.timeout,
    environment: f.environment ?? {},
    description: f.description,
    role: f.role,
    create: f.create,
    ...(f.eventFormat !== undefined && f.eventFormat !== eventFormat ? { eventFormat: f.eventFormat } : {}),
  }));
}

const REST_HEADER_SOURCE = "method.request.header.Authorization";
const REST_TTL = 300;

/** One authorizer with AWS's defaults filled in. */
function authorizerOf(name: string, a: AuthorizerSettings): AuthorizerConfig {
  switch (a.type) {
    case "jwt":
      return { name, ...a, identitySource: a.identitySource ?? DEFAULT_IDENTITY_SOURCE };
    case "lambda": {
      const payloadFormat = a.payloadFormat ?? "2.0";
      const identitySource = a.identitySource ?? [DEFAULT_IDENTITY_SOURCE];
      return { name, ...a, payloadFormat, simpleResponses: a.simpleResponses ?? payloadFormat === "2.0", identitySource, ttl: a.ttl ?? 0 };
    }
    case "token":
      return { name, ...a, identitySource: a.identitySource ?? REST_HEADER_SOURCE, ttl: a.ttl ?? REST_TTL };
    case "request": {
      const raw = a.identitySource ?? [];
      return { name, ...a, identitySource: typeof raw === "string" ? raw.split(",").map((x) => x.trim()) : raw, ttl: a.ttl ?? REST_TTL };
    }
    case "cognito":
      return { name, ...a, identitySource: a.identitySource ?? REST_HEADER_SOURCE, ttl: a.ttl ?? REST_TTL };
  }
}

/** A route's REST access settings; a model or required parameters without a validator get the one that checks them. */
function accessOf(r: RouteSettings, authorizers: LgwJson["authorizers"]): RestRouteAccess {
  const type = r.authorizer === undefined ? undefined : authorizers?.[r.authorizer]?.type;
  const out: RestRouteAccess = {
    ...(r.authorizationScopes ? { authorizationScopes: r.authorizationScopes } : {}),
    ...(r.apiKeyRequired !== undefined ? { apiKeyRequired: r.apiKeyRequired } : {}),
    ...(r.requestModel !== undefined ? { requestModels: typeof r.requestModel === "string" ? { "application/json": r.requestModel } : r.requestModel } : {}),
    ...(r.requestValidator ? { requestValidator: r.requestValidator } : {}),
    ...(r.requiredParameters ? { requiredParameters: r.requiredParameters } : {}),
  };
  if (!out.requestValidator && (out.requestModels || out.requiredParameters)) out.requestValidator = out.requestModels && out.requiredParameters ? "all" : out.requestModels ? "body" : "params";
  if (r.authorizer && (type === "token" || type === "request" || type === "cognito")) out.authorizer = r.authorizer;
  return out;
}

const MOCK_TEMPLATE = '{"statusCode": 200}';

/** A route object's non-proxy integration with its defaults, or undefined for a proxy route. */
function integrationOf(r: RouteSettings): RouteIntegration | undefined {
  if (r.integration === undefined || r.integration === "proxy") return undefined;
  if (r.integration === "http") return { type: "http", uri: r.uri! };
  const responses = Object.fromEntries(Object.entries(r.responses ?? {}).map(([pattern, x]) => [pattern, { ...x, statusCode: x.statusCode ?? 200 }]));
  // what is not matched answers 200 with the integration's body, locally and once deployed
  // (API Gateway itself would fail such a request as a configuration error)
  if (!responses.default && !Object.values(responses).some((x) => x.statusCode === 200)) responses.default = { statusCode: 200 };
  // a MOCK answers the status its request template names; the console's default is 200
  const requestTemplates = { ...(r.requestTemplates ?? (r.integration === "mock" ? { "application/json": MOCK_TEMPLATE } : {})) };
  return { type: r.integration, requestTemplates, passthroughBehavior: r.passthroughBehavior ?? "WHEN_NO_MATCH", responses };
}

/** routes as "key -> function" ("" for MOCK and HTTP routes) and the options of object values. */
function routesOf(json: LgwJson): Pick<ProjectConfig, "routes" | "routeOptions"> {
  const routes: Record<string, string> = {};
  const routeOptions: Record<string, RouteOptions> = {};
  for (const [key, value] of Object.entries(json.routes ?? {})) {
    if (typeof value === "string") {
      routes[key] = value;
      continue;
    }
    routes[key] = value.function ?? "";
    const integration = integrationOf(value);
    const access = accessOf(value, json.authorizers);
    const options: RouteOptions = {
      ...(integration ? { integration } : {}),
      ...(value.authorizer !== undefined ? { authorizer: value.authorizer } : {}),
      ...(value.scopes !== undefined ? { scopes: value.scopes } : {}),
      ...(Object.keys(access).length ? { access } : {}),
    };
    if (Object.keys(options).length) routeOptions[key] = options;
  }
  return { routes, routeOptions };
}

function apiOf(json: LgwJson): ApiConfig {
  const api = json.api;
  const type = defaultApiType(json.eventFormat ?? DEFAULTS.eventFormat, api?.type);
  if (!api) return { type, binaryMediaTypes: [], stageVariables: {} };
  const { paths, ...cors } = api.cors ?? {};
  return {
    type,
    ...(api.cors ? { cors } : {}),
    ...(paths ? { corsPaths: paths } : {}),
    id: api.id,
    name: api.name,
    binaryMediaTypes: api.binaryMediaTypes ?? [],
    stageVariables: api.stageVariables ?? {},
    timeout: api.timeout,
    rest: {
      models: { ...api.models },
      usagePlans: Object.entries(api.usagePlans ?? {}).map(([name, p]) => ({ name, ...p })),
      apiKeySource: api.apiKeySource ?? "HEADER",
      gatewayResponses: { ...api.gatewayResponses } as RestApiSettings["gatewayResponses"],
    },
  };
}

/** Parses the text of lgw.json. `file` is only used in messages. */
export function parseConfig(text: string, file: string, root: string): ProjectConfig {
  const json = validateLgwJson(readJson(text, file), file);
  return {
    root,
    file,
    architecture: archOf(json.architecture) ?? DEFAULTS.architecture,
    region: json.region,
    eventFormat: json.eventFormat ?? DEFAULTS.eventFormat,
    functions: functionsOf(json),
    ...routesOf(json),
    authorizers: Object.entries(json.authorizers ?? {}).map(([name, a]) => authorizerOf(name, a)),
    api: apiOf(json),
  };
}

/** The implicit project of a directory without lgw.json: one function built from ".". */
export function implicitConfig(root: string, name: string): ProjectConfig {
  return {
    root,
    architecture: DEFAULTS.architecture,
    eventFormat: DEFAULTS.eventFormat,
    functions: [
      { name, entry: ".", architecture: DEFAULTS.architecture, memory: DEFAULTS.memory, timeout: DEFAULTS.timeout, environment: {} },
    ],
    routes: {},
    routeOptions: {},
    authorizers: [],
    api: { type: "rest", binaryMediaTypes: [], stageVariables: {} },
  };
}

/** Picks the functions a command acts on: the one named, or all of them. */
export function selectFunctions(config: ProjectConfig, name?: string): FunctionConfig[] {
  if (!name) return config.functions;
  const fn = config.functions.find((f) => f.name === name);
  if (!fn) {
    throw new UsageError(`no function "${name}" in ${config.file ?? "this project"}; functions: ${config.functions.map((f) => f.name).join(", ")}`);
  }
  return [fn];
}

/** Picks exactly one function: the one named, or the only one. */
export function selectOneFunction(config: ProjectConfig, name?: string): FunctionConfig {
  if (name) return selectFunctions(config, name)[0]!;
  if (config.functions.length === 1) return config.functions[0]!;
  throw new UsageError(`this project has ${config.functions.length} functions (${config.functions.map((f) => f.name).join(", ")}): pick one with --function <name>`);
}
