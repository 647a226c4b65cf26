// Pure: lgw.json text -> ProjectConfig, with every problem reported as one line naming the field.
import { UsageError } from "../errors.js";
import { jsonProblem } from "../util/json.js";
import { normalizeArch } from "./arch.js";
import { functionNameProblem } from "./names.js";
import { checkIntegrationsForApi } from "./integration.js";
import { checkModelsForRoutes, parseRestApiSettings, REST_API_KEYS } from "./rest-access.js";
import { defaultApiType, parseApiType, parseAuthorizers, parseCors, parseCorsPaths, parseRouteValue, type RouteOptions } from "./http.js";
import { DEFAULTS, type ApiConfig, type EventFormat, type FunctionConfig, type ProjectConfig } from "./types.js";

type Json = Record<string, unknown>;

const TOP_KEYS = new Set(["$schema", "architecture", "region", "eventFormat", "functions", "routes", "authorizers", "api"]);
const FUNCTION_KEYS = new Set(["entry", "architecture", "memory", "timeout", "environment", "description", "role", "roleCreatedByLgw", "create", "eventFormat"]);
const API_KEYS = new Set(["type", "id", "name", "binaryMediaTypes", "stageVariables", "timeout", "cors", ...REST_API_KEYS]);

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fail(file: string, field: string, problem: string): never {
  throw new UsageError(`${file}: ${field} ${problem}`);
}

function checkKeys(file: string, where: string, obj: Json, allowed: Set<string>): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) fail(file, where ? `${where}.${key}` : key, `is not a known setting (known: ${[...allowed].join(", ")})`);
  }
}

function stringMap(file: string, field: string, v: unknown): Record<string, string> {
  if (v === undefined) return {};
  if (!isObject(v)) fail(file, field, "must be an object of strings");
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== "string") fail(file, `${field}.${k}`, "must be a string");
    out[k] = val;
  }
  return out;
}

function positiveInt(file: string, field: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) fail(file, field, `must be a whole number from ${min} to ${max}`);
  return v;
}

function optionalString(file: string, field: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v.length === 0) fail(file, field, "must be a non-empty string");
  return v;
}

function arch(file: string, field: string, v: unknown) {
  if (v === undefined) return undefined;
  if (typeof v !== "string") fail(file, field, 'must be "arm64" or "x86_64"');
  try {
    return normalizeArch(v);
  } catch {
    fail(file, field, `must be "arm64" or "x86_64", not "${v}"`);
  }
}

function parseFunction(file: string, name: string, v: unknown, defaultArch: ProjectConfig["architecture"], defaultFormat: EventFormat): FunctionConfig {
  const field = `functions.${name}`;
  const problem = functionNameProblem(name);
  if (problem) fail(file, field, `has an invalid name: ${problem}`);
  if (!isObject(v)) fail(file, field, "must be an object");
  checkKeys(file, field, v, FUNCTION_KEYS);
  let entry: string | string[] = ".";
  if (v.entry !== undefined) {
    if (typeof v.entry === "string" && v.entry.length > 0) entry = v.entry;
    else if (Array.isArray(v.entry) && v.entry.length > 0 && v.entry.every((e) => typeof e === "string" && e.endsWith(".go"))) entry = v.entry as string[];
    else fail(file, `${field}.entry`, 'must be a package directory ("." or "./cmd/x") or a list of .go files');
  }
  if (v.create !== undefined && typeof v.create !== "boolean") fail(file, `${field}.create`, "must be true or false");
  if (v.roleCreatedByLgw !== undefined && typeof v.roleCreatedByLgw !== "boolean") fail(file, `${field}.roleCreatedByLgw`, "must be true or false");
  if (v.eventFormat !== undefined && v.eventFormat !== "v1" && v.eventFormat !== "v2") fail(file, `${field}.eventFormat`, 'must be "v1" or "v2"');
  return {
    name,
    entry,
    architecture: arch(file, `${field}.architecture`, v.architecture) ?? defaultArch,
    memory: positiveInt(file, `${field}.memory`, v.memory, 128, 10240) ?? DEFAULTS.memory,
    timeout: positiveInt(file, `${field}.timeout`, v.timeout, 1, 900) ?? DEFAULTS.timeout,
    environment: stringMap(file, `${field}.environment`, v.environment),
    description: optionalString(file, `${field}.description`, v.description),
    role: optionalString(file, `${field}.role`, v.role),
    create: v.create as boolean | undefined,
    ...(v.eventFormat !== undefined && v.eventFormat !== defaultFormat ? { eventFormat: v.eventFormat as EventFormat } : {}),
  };
}

function parseApi(file: string, v: unknown, eventFormat: EventFormat): ApiConfig {
  if (v === undefined) return { type: defaultApiType(eventFormat, undefined), binaryMediaTypes: [], stageVariables: {} };
  if (!isObject(v)) fail(file, "api", "must be an object");
  checkKeys(file, "api", v, API_KEYS);
  const types = v.binaryMediaTypes ?? [];
  if (!Array.isArray(types) || !types.every((t) => typeof t === "string" && /^[^/\s]+\/[^/\s]+$/.test(t))) {
    fail(file, "api.binaryMediaTypes", 'must be a list of media types such as "image/png" or "*/*"');
  }
  const cors = parseCors(file, v.cors);
  const type = defaultApiType(eventFormat, parseApiType(file, v.type));
  const corsPaths = parseCorsPaths(file, v.cors, type);
  return {
    type,
    ...(cors ? { cors } : {}),
    ...(corsPaths ? { corsPaths } : {}),
    id: optionalString(file, "api.id", v.id),
    name: optionalString(file, "api.name", v.name),
    binaryMediaTypes: types as string[],
    stageVariables: stringMap(file, "api.stageVariables", v.stageVariables),
    timeout: positiveInt(file, "api.timeout", v.timeout, 1, 900),
    rest: parseRestApiSettings(file, v),
  };
}

/** Parses the text of lgw.json. `file` is only used in messages. */
export function parseConfig(text: string, file: string, root: string): ProjectConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const problem = jsonProblem(text);
    const where = problem && problem.line > 0 ? `${file}:${problem.line}:${problem.column}` : file;
    throw new UsageError(`${where}: not valid JSON: ${problem?.message ?? (err as Error).message}`);
  }
  if (!isObject(json)) fail(file, "the top level", "must be an object");
  checkKeys(file, "", json, TOP_KEYS);
  const architecture = arch(file, "architecture", json.architecture) ?? DEFAULTS.architecture;
  if (json.eventFormat !== undefined && json.eventFormat !== "v1" && json.eventFormat !== "v2") fail(file, "eventFormat", 'must be "v1" or "v2"');
  if (!isObject(json.functions) || Object.keys(json.functions).length === 0) {
    fail(file, "functions", 'must name at least one function, e.g. {"hello": {"entry": "."}}');
  }
  const eventFormat = (json.eventFormat as EventFormat | undefined) ?? DEFAULTS.eventFormat;
  const functions = Object.entries(json.functions).map(([name, fn]) => parseFunction(file, name, fn, architecture, eventFormat));
  const names = new Set(functions.map((f) => f.name));
  const authorizers = parseAuthorizers(file, json.authorizers, [...names]);
  if (json.routes !== undefined && (typeof json.routes !== "object" || json.routes === null || Array.isArray(json.routes))) fail(file, "routes", "must be an object of \"METHOD /path\": function");
  const routes: Record<string, string> = {};
  const routeOptions: Record<string, RouteOptions> = {};
  for (const [key, value] of Object.entries((json.routes ?? {}) as Json)) {
    const { functionName, options } = parseRouteValue(file, key, value, authorizers);
    routes[key] = functionName;
    if (Object.keys(options).length) routeOptions[key] = options;
  }
  for (const [route, fn] of Object.entries(routes)) {
    if (fn !== "" && !names.has(fn)) fail(file, `routes["${route}"]`, `names function "${fn}", which lgw.json does not define (defined: ${[...names].join(", ")})`);
  }
  const api = parseApi(file, json.api, eventFormat);
  checkIntegrationsForApi(file, routeOptions, api.type);
  checkModelsForRoutes(file, routeOptions, api.rest?.models ?? {});
  return {
    root,
    file,
    architecture,
    region: optionalString(file, "region", json.region),
    eventFormat,
    functions,
    routes,
    routeOptions,
    authorizers,
    api,
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
