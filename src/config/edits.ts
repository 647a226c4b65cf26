// Pure: the edits `lgw api create-method` and `lgw api cors` make to lgw.json (as plain JSON, the
// shape updateConfigFile hands over), so that `lgw api sync` and `lgw serve` agree with what
// those commands created in AWS. Each edit mutates the object it is given and says what changed;
// a conflict with what lgw.json already says is a UsageError, unless `force`.
import { UsageError } from "../errors.js";
import { parseRouteKey } from "../routes/table.js";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface RouteEdit {
  /** the key as lgw.json spells it (an existing entry keeps its spelling) */
  key: string;
  change: "added" | "unchanged" | "replaced";
  /** replaced: the function it went to before */
  was?: string;
  /** lgw.json had no routes, so every path went to its only function; now only this one does */
  wasImplicit?: boolean;
}

const routeFunction = (v: unknown): string | undefined => (typeof v === "string" ? v : isObject(v) && typeof v.function === "string" ? v.function : undefined);

/** The key of the entry routing the same method and path, however it is spelled ("get /users/"). */
function sameRoute(routes: Json, method: string, path: string): string | undefined {
  return Object.keys(routes).find((key) => {
    try {
      const r = parseRouteKey(key);
      return r.method === method && r.path === path;
    } catch {
      return false; // a broken key is parseConfig's to report
    }
  });
}

/** Adds "METHOD /path": functionName to routes; an entry for another function needs `force`. */
export function addRoute(json: Json, route: { method: string; path: string }, functionName: string, force = false): RouteEdit {
  const routes: Json = isObject(json.routes) ? json.routes : {};
  // no table in a one-function project: every path went to that function (projectRoutes)
  const wasImplicit = Object.keys(routes).length === 0 && isObject(json.functions) && Object.keys(json.functions).length === 1;
  const key = sameRoute(routes, route.method, route.path);
  if (key === undefined) {
    const added = `${route.method} ${route.path}`;
    json.routes = { ...routes, [added]: functionName };
    return { key: added, change: "added", ...(wasImplicit ? { wasImplicit } : {}) };
  }
  const current = routeFunction(routes[key]);
  if (current === functionName) return { key, change: "unchanged" };
  if (!force) {
    throw new UsageError(`lgw.json routes "${key}" to ${current ?? "an integration without a function"}, not ${functionName}: pass --force to re-point it there, or --no-save to change AWS only`);
  }
  // create-method made a Lambda proxy integration: an object-form route keeps its authorizer and
  // scopes, and loses a non-proxy integration it described
  const old = isObject(routes[key]) ? (routes[key] as Json) : {};
  const kept = Object.fromEntries(Object.entries(old).filter(([k]) => k === "authorizer" || k === "scopes"));
  routes[key] = Object.keys(kept).length ? { function: functionName, ...kept } : functionName;
  json.routes = routes;
  return { key, change: "replaced", ...(current ? { was: current } : {}) };
}

export interface CorsRequest {
  path: string;
  origin: string;
  /** --methods, as given (absent: the path's own methods, as sync derives them from the routes) */
  methods?: string[];
  /** --headers (absent: lgw's default list) */
  headers?: string[];
}

export interface CorsEdit {
  /** added: api.cors was written; path-added: same settings, one more path; replaced: --force */
  change: "added" | "path-added" | "unchanged" | "replaced";
  /** the paths api.cors now covers ("routed" = every routed path, api.cors.paths absent) */
  paths: string[] | "routed";
}

const sameSet = (a: string[] | undefined, b: string[] | undefined, norm: (s: string) => string) =>
  JSON.stringify([...new Set((a ?? []).map(norm))].sort()) === JSON.stringify([...new Set((b ?? []).map(norm))].sort());

function describe(c: Json): string {
  const origins = Array.isArray(c.allowOrigins) ? c.allowOrigins.join(",") : "*";
  const methods = Array.isArray(c.allowMethods) ? c.allowMethods.join(",") : "the path's own";
  const headers = Array.isArray(c.allowHeaders) ? c.allowHeaders.join(",") : "lgw's default";
  return `origin ${origins}, methods ${methods}, headers ${headers}`;
}

/**
 * Records a REST API preflight in api.cors: origin, methods and headers, and the path in
 * api.cors.paths (absent means every routed path, which is how sync reads it too). One api.cors
 * answers every path it covers, so other settings than the recorded ones need `force`.
 * `routedPaths`: the paths the project's routes name now.
 */
export function addCorsPath(json: Json, req: CorsRequest, routedPaths: string[], force = false): CorsEdit {
  const api: Json = isObject(json.api) ? json.api : {};
  const cors: Json | undefined = isObject(api.cors) ? api.cors : undefined;
  const wanted: Json = {
    allowOrigins: [req.origin],
    ...(req.methods?.length ? { allowMethods: req.methods } : {}),
    ...(req.headers?.length ? { allowHeaders: req.headers } : {}),
  };
  if (!cors) {
    json.api = { ...api, cors: { ...wanted, paths: [req.path] } };
    return { change: "added", paths: [req.path] };
  }
  const same =
    sameSet((cors.allowOrigins as string[] | undefined) ?? ["*"], [req.origin], (s) => s) &&
    sameSet(cors.allowMethods as string[] | undefined, req.methods, (s) => s.toUpperCase()) &&
    sameSet(cors.allowHeaders as string[] | undefined, req.headers, (s) => s.toLowerCase());
  if (!same && !force) {
    throw new UsageError(`lgw.json's api.cors answers ${describe(cors)}: pass --force to replace it (for every path it covers), or --no-save to change AWS only`);
  }
  const listed = Array.isArray(cors.paths) ? (cors.paths as string[]) : undefined;
  const covered = listed ? listed.includes(req.path) : routedPaths.includes(req.path);
  // without api.cors.paths every routed path is covered; an unrouted one makes the list explicit
  const paths = covered ? listed : [...new Set([...(listed ?? routedPaths), req.path])];
  const next: Json = { ...cors };
  if (!same) {
    for (const k of ["allowOrigins", "allowMethods", "allowHeaders"]) delete next[k];
    Object.assign(next, wanted);
  }
  if (paths) next.paths = paths;
  if (same && covered) return { change: "unchanged", paths: listed ?? "routed" };
  json.api = { ...api, cors: next };
  return { change: same ? "path-added" : "replaced", paths: paths ?? "routed" };
}
