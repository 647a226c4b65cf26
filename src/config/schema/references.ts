// The rules of lgw.json no JSON Schema can hold, so the loader alone checks them (the shipped
// schema accepts such files): those across the file (a route or a Lambda authorizer names a
// function lgw.json defines, a route names a defined authorizer, scopes need a jwt one, the
// route table is one API Gateway accepts, an http uri's {variables} are the route's,
// authorizationScopes need a cognito authorizer, a requestModel names one of api.models) and a
// few within a value (a path variable named twice, a selection pattern or validationExpression
// that is no regular expression, two patterns for one status code). Each
// problem is "field problem", as in issues.ts.
import { parseResourcePath, parseRouteTable } from "../../routes/table.js";
import type { LgwJson } from "./project.js";
import type { RouteSettings } from "./routes.js";

const asObject = (v: string | RouteSettings): RouteSettings => (typeof v === "string" ? { function: v } : v);

function authorizerProblem(json: LgwJson, names: string[]): string | undefined {
  for (const [name, a] of Object.entries(json.authorizers ?? {})) {
    if ("function" in a && !names.includes(a.function)) return `authorizers.${name}.function must name a function of lgw.json (defined: ${names.join(", ")})`;
    if (a.type === "token" && a.validationExpression !== undefined) {
      try {
        new RegExp(a.validationExpression);
      } catch (err) {
        return `authorizers.${name}.validationExpression is not a valid regular expression: ${(err as Error).message}`;
      }
    }
  }
  return undefined;
}

/** REST access keys that name other parts of the file: a cognito authorizer, api.models. */
function accessProblem(json: LgwJson, field: string, route: RouteSettings): string | undefined {
  const type = route.authorizer === undefined ? undefined : json.authorizers?.[route.authorizer]?.type;
  if (route.authorizationScopes && type !== "cognito") return `${field}.authorizationScopes needs a cognito authorizer on the route (for a jwt authorizer use scopes)`;
  const models = json.api?.models ?? {};
  const named = typeof route.requestModel === "string" ? { "application/json": route.requestModel } : (route.requestModel ?? {});
  for (const [contentType, model] of Object.entries(named)) {
    if (!(model in models)) return `${field}.requestModel names "${model}" for ${contentType}, which api.models does not define (defined: ${Object.keys(models).join(", ") || "none"})`;
  }
  return undefined;
}

function responsesProblem(field: string, route: RouteSettings): string | undefined {
  const byStatus = new Map<number, string>();
  for (const [pattern, r] of Object.entries(route.responses ?? {})) {
    const at = `${field}.responses["${pattern}"]`;
    if (pattern !== "default") {
      try {
        new RegExp(pattern);
      } catch (err) {
        return `${at} is not a valid selection pattern (a regular expression): ${(err as Error).message}`;
      }
    }
    const status = r.statusCode ?? 200;
    const other = byStatus.get(status);
    // API Gateway keys integration responses by status code: one selection pattern each
    if (other !== undefined) return `${at} answers ${status} like "${other}"; API Gateway keeps one selection pattern per status code: join them with |`;
    byStatus.set(status, pattern);
  }
  return undefined;
}

const VARIABLE_RE = /\{([A-Za-z0-9_]+)\+?\}/g;

/** Each {name} of an http uri must be a path variable of the route, which fills it in. */
function uriProblem(key: string, uri: string): string | undefined {
  const vars = [...key.matchAll(VARIABLE_RE)].map((m) => m[1]!);
  const missing = [...uri.matchAll(VARIABLE_RE)].find((m) => !vars.includes(m[1]!));
  return missing && `uses {${missing[1]}}, which is not a path variable of the route (variables: ${vars.join(", ") || "none"})`;
}

function routeProblem(json: LgwJson, names: string[]): string | undefined {
  const authorizers = json.authorizers ?? {};
  for (const [key, value] of Object.entries(json.routes ?? {})) {
    const field = `routes["${key}"]`;
    const route = asObject(value);
    if (route.function !== undefined && !names.includes(route.function)) {
      return `${field} names function "${route.function}", which lgw.json does not define (defined: ${names.join(", ")})`;
    }
    const authorizer = route.authorizer === undefined ? undefined : authorizers[route.authorizer];
    if (route.authorizer !== undefined && !authorizer) {
      return `${field}.authorizer names "${route.authorizer}", which authorizers does not define (defined: ${Object.keys(authorizers).join(", ") || "none"})`;
    }
    if (route.scopes && authorizer?.type !== "jwt") return `${field}.scopes needs a jwt authorizer on the route (scopes are checked against the token)`;
    const responses = responsesProblem(field, route) ?? accessProblem(json, field, route);
    if (responses) return responses;
    const uri = route.uri === undefined ? undefined : uriProblem(key, route.uri);
    if (uri) return `${field}.uri ${uri}`;
  }
  return undefined;
}

function tableProblem(json: LgwJson, names: string[]): string | undefined {
  try {
    const table = Object.entries(json.routes ?? {}).map(([k, v]) => [k, asObject(v).function ?? ""]);
    const functionless = new Set(table.filter(([, fn]) => fn === "").map(([k]) => k!));
    parseRouteTable(Object.fromEntries(table), names, functionless);
  } catch (err) {
    return (err as Error).message;
  }
  for (const p of json.api?.cors?.paths ?? []) {
    try {
      parseResourcePath(p);
    } catch (err) {
      return `api.cors.paths has ${(err as Error).message}`;
    }
  }
  return undefined;
}

/** The first such problem of a file the schema accepts, or undefined. */
export function referenceProblem(json: LgwJson): string | undefined {
  const names = Object.keys(json.functions);
  return authorizerProblem(json, names) ?? routeProblem(json, names) ?? tableProblem(json, names);
}
