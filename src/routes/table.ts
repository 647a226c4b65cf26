// Pure: the one route table shared by `lgw serve` (matching requests) and `lgw api sync`
// (creating resources and methods). Keys look like "GET /users/{id}", values name a function.
//
// Matching follows REST API Gateway:
// - at each depth a literal part beats `{param}`, which beats a final `{proxy+}`; when a branch
//   dead-ends (no resource under it serves this method) the next candidate is tried;
// - a resource serves a method when it has that method explicitly or `ANY`; an explicit method
//   wins over `ANY`; HEAD is not implied by GET;
// - `{proxy+}` takes one or more remaining segments, "/" itself is only matched by a "/" route;
// - REST APIs (style "rest"): a trailing slash is ignored ("/users/" reaches "/users") and is not
//   part of `proxy`; literals compare decoded, but path parameter values stay percent-encoded,
//   as AWS delivers them ("a%20b", "%2F" kept);
// - HTTP APIs (style "http"): the caller passes the decoded path; a trailing slash is a segment
//   of its own, so "/items/" does not reach "/items" (only `{proxy+}` or $default take it).
// As in API Gateway, a resource may have only one variable child (`{id}` or `{proxy+}`), so
// tables that API Gateway would reject are rejected here too, before anything is deployed.
import { UsageError } from "../errors.js";
import type { RestRouteAccess } from "../apigw/rest/types.js";
import type { RouteIntegration } from "../config/integration.js";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathPart = { kind: "literal"; value: string } | { kind: "param"; name: string } | { kind: "greedy"; name: string };

export interface Route {
  /** normalised "GET /users/{id}" */
  key: string;
  method: HttpMethod;
  path: string;
  parts: PathPart[];
  functionName: string;
  /** true for the routes lgw adds when lgw.json has no table (v2 calls them "$default") */
  implicit?: boolean;
  /** the HTTP API "$default" route: answers what no other route matches */
  defaultRoute?: boolean;
  /** the authorizer (lgw.json authorizers.NAME) and scopes of an object-form route value */
  authorizer?: string;
  scopes?: string[];
  /** a REST API non-proxy integration (lambda, mock, http); absent for Lambda proxy routes. MOCK and HTTP routes have functionName "" */
  integration?: RouteIntegration;
  /** REST API access control of the route (authorizer, API key, validation), from its object form */
  access?: RestRouteAccess;
}

export interface RouteMatch {
  route: Route;
  /** null when the route has no variable parts (as API Gateway sends it) */
  pathParameters: Record<string, string> | null;
}

// API Gateway's CreateResource rule ("Resource's path part only allow a-zA-Z0-9._- and curly
// braces at the beginning and the end"); the console and CloudFormation also take ":".
const LITERAL = "[A-Za-z0-9._:-]+";
const PARAM_NAME = "[A-Za-z0-9_]+";
const LITERAL_RE = new RegExp(`^${LITERAL}$`);
const PARAM_NAME_RE = new RegExp(`^${PARAM_NAME}$`);
const SEGMENT = `(?:${LITERAL}|\\{${PARAM_NAME}\\})`;
const GREEDY = `\\{${PARAM_NAME}\\+\\}`;
const PATH = `/(?:${SEGMENT}(?:/${SEGMENT})*(?:/${GREEDY})?|${GREEDY})?`;
/** A resource path parseResourcePath takes, but for a variable named twice (a pattern cannot see that). */
export const RESOURCE_PATH_RE = new RegExp(`^${PATH}$`);

/** "/users/{id}" -> parts; throws UsageError saying what is wrong. "/" -> []. */
export function parseResourcePath(path: string): PathPart[] {
  const bad = (why: string): never => {
    throw new UsageError(`invalid resource path "${path}": ${why}`);
  };
  if (!path.startsWith("/")) bad('it must start with "/"');
  if (path === "/") return [];
  const segments = path.slice(1).split("/");
  const parts: PathPart[] = [];
  const seen = new Set<string>();
  segments.forEach((seg, i) => {
    if (seg === "") bad(i === segments.length - 1 ? 'it must not end with "/"' : 'it has an empty part ("//")');
    let part: PathPart;
    if (seg.startsWith("{") && seg.endsWith("}")) {
      const inner = seg.slice(1, -1);
      const greedy = inner.endsWith("+");
      const name = greedy ? inner.slice(0, -1) : inner;
      if (!PARAM_NAME_RE.test(name)) bad(`"${seg}" is not a valid path variable (names use letters, digits and "_")`);
      if (greedy && i !== segments.length - 1) bad(`the greedy variable "${seg}" must be the last part`);
      if (seen.has(name)) bad(`the variable "${name}" appears twice`);
      seen.add(name);
      part = greedy ? { kind: "greedy", name } : { kind: "param", name };
    } else {
      if (!LITERAL_RE.test(seg)) {
        bad(`"${seg}" may only hold letters, digits and ._-: (or be a variable like {id}), as API Gateway requires`);
      }
      part = { kind: "literal", value: seg };
    }
    parts.push(part);
  });
  return parts;
}

export function formatPathPart(part: PathPart): string {
  switch (part.kind) {
    case "literal":
      return part.value;
    case "param":
      return `{${part.name}}`;
    case "greedy":
      return `{${part.name}+}`;
  }
}

export function formatResourcePath(parts: PathPart[]): string {
  return "/" + parts.map(formatPathPart).join("/");
}

/** "get /x" -> { method: "GET", path: "/x", parts }. */
export function parseRouteKey(key: string): { method: HttpMethod; path: string; parts: PathPart[] } {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(key);
  if (!m) throw new UsageError(`invalid route "${key}": expected "METHOD /path", e.g. "GET /users/{id}"`);
  const method = m[1]!.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(`invalid route "${key}": unknown method "${m[1]}" (use one of ${HTTP_METHODS.join(", ")})`);
  }
  let parts: PathPart[];
  try {
    parts = parseResourcePath(m[2]!);
  } catch (err) {
    throw new UsageError(`invalid route "${key}": ${(err as Error).message.replace(/^invalid resource path "[^"]*": /, "")}`);
  }
  return { method: method as HttpMethod, path: formatResourcePath(parts), parts };
}

/**
 * A route key as lgw.json writes it: "$default", or the method in capitals, one space and a
 * resource path (RESOURCE_PATH_RE). The lgw.json definition, and so its JSON Schema, uses it.
 */
export const ROUTE_KEY_RE = new RegExp(`^(?:\\$default|(?:${HTTP_METHODS.join("|")}) ${PATH})$`);

/** Why `key` is not a route key as lgw.json writes it (ROUTE_KEY_RE), in words after the field. */
export function routeKeyProblem(key: string): string {
  try {
    const { method, path } = parseRouteKey(key);
    return `is not written as lgw.json writes routes: use "${method} ${path}" (the method in capitals, one space)`;
  } catch (err) {
    return `is not a route: ${(err as Error).message.replace(/^invalid route "[^"]*": /, "")}`;
  }
}

/** Why `path` is not a resource path: 'invalid resource path "users": it must start with "/"'. */
export function resourcePathProblem(path: string): string {
  try {
    parseResourcePath(path);
    return `invalid resource path "${path}"`;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Validates a whole table: every key, every function name (when the project's names are given),
 * no method+path twice, and no two different variables under one resource.
 */
export function parseRouteTable(routes: Record<string, string>, functionNames?: string[], functionless: Set<string> = new Set()): Route[] {
  const out: Route[] = [];
  const byKey = new Map<string, string>();
  // resource path -> the variable child already seen there, with the route that introduced it
  const variableChild = new Map<string, { part: string; key: string }>();
  for (const [rawKey, functionName] of Object.entries(routes)) {
    if (rawKey.trim() === "$default") {
      if (typeof functionName !== "string" || functionName === "") throw new UsageError(`route "$default" must name a function`);
      if (functionNames && !functionNames.includes(functionName)) {
        throw new UsageError(`route "$default" names function "${functionName}", which lgw.json does not define (functions: ${functionNames.join(", ") || "none"})`);
      }
      out.push({ key: "$default", method: "ANY", path: "$default", parts: [], functionName, defaultRoute: true });
      continue;
    }
    const { method, path, parts } = parseRouteKey(rawKey);
    const key = `${method} ${path}`;
    if (typeof functionName !== "string" || (functionName === "" && !functionless.has(rawKey))) {
      throw new UsageError(`route "${rawKey}" must name a function`);
    }
    if (functionNames && functionName !== "" && !functionNames.includes(functionName)) {
      throw new UsageError(
        `route "${rawKey}" names function "${functionName}", which lgw.json does not define (functions: ${functionNames.join(", ") || "none"})`,
      );
    }
    const earlier = byKey.get(key);
    if (earlier !== undefined) throw new UsageError(`routes "${earlier}" and "${rawKey}" are the same route (${key})`);
    byKey.set(key, rawKey);
    parts.forEach((part, i) => {
      if (part.kind === "literal") return;
      const parent = formatResourcePath(parts.slice(0, i));
      const text = formatPathPart(part);
      const seen = variableChild.get(parent);
      if (!seen) variableChild.set(parent, { part: text, key: rawKey });
      else if (seen.part !== text) {
        throw new UsageError(
          `routes "${seen.key}" and "${rawKey}" put two variables (${seen.part} and ${text}) under ${parent}; API Gateway allows only one there`,
        );
      }
    });
    out.push({ key, method, path, parts, functionName });
  }
  return out;
}

/** With no table: the whole API goes to one function. */
export function defaultRoutes(functionName: string): Route[] {
  return parseRouteTable({ "ANY /": functionName, "ANY /{proxy+}": functionName }).map((r) => ({ ...r, implicit: true }));
}
