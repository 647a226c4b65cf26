// Pure: what a project's lgw.json asks of its API, in the shapes the HTTP plan takes; and the
// refusals that keep a REST API from being built for functions it cannot serve (checked before
// any AWS call).
import { UsageError } from "../../errors.js";
import type { AuthorizerConfig } from "../../config/http.js";
import { functionFormat, type ProjectConfig } from "../../config/types.js";
import { projectRoutes } from "../../routes/project.js";
import type { Route } from "../../routes/table.js";
import type { HttpAuthorizerSpec, HttpRouteSpec, PayloadFormat } from "../../aws/http-types.js";

export function httpRouteSpecs(routes: Route[]): HttpRouteSpec[] {
  return routes.map((r) => ({
    // a one-function project without a table: its implicit ANY / and ANY /{proxy+} become $default
    routeKey: r.defaultRoute ? "$default" : r.key,
    functionName: r.functionName,
    ...(r.authorizer ? { authorizer: r.authorizer } : {}),
    ...(r.scopes ? { scopes: r.scopes } : {}),
  }));
}

/** An HTTP API for a project without routes is one $default route, not ANY / plus ANY /{proxy+}. */
export function httpRoutesOf(routes: Route[], implicit: boolean): Route[] {
  if (!implicit) return routes;
  const fn = routes[0]!.functionName;
  return [{ key: "$default", method: "ANY", path: "$default", parts: [], functionName: fn, defaultRoute: true, implicit: true }];
}

/** The HTTP API's authorizers (jwt, lambda); REST authorizer types are not an HTTP API's. */
export function authorizerSpecs(authorizers: AuthorizerConfig[]): HttpAuthorizerSpec[] {
  return authorizers.flatMap((a): HttpAuthorizerSpec[] =>
    a.type === "jwt"
      ? [{ name: a.name, type: "jwt", issuer: a.issuer, audience: a.audience, identitySource: a.identitySource }]
      : a.type === "lambda"
        ? [{ name: a.name, type: "lambda", functionName: a.function, payloadFormat: a.payloadFormat, simpleResponses: a.simpleResponses, identitySource: a.identitySource, ttl: a.ttl }]
        : [],
  );
}

/** function -> the payload format its HTTP API integration uses: 2.0 for v2 functions, 1.0 for v1. */
export function payloadFormats(config: ProjectConfig, functionNames: string[]): Record<string, PayloadFormat> {
  return Object.fromEntries(functionNames.map((fn) => [fn, functionFormat(config, fn) === "v2" ? "2.0" : "1.0"]));
}

/**
 * A REST API sends payload 1.0 (v1 events) only: a v2 function behind it would answer every
 * request with its own 404. Refused, with the fix, before any AWS call.
 */
export function refuseRestFor(config: ProjectConfig, routes: Route[]): void {
  const v2 = [...new Set(routes.map((r) => r.functionName))].filter((fn) => functionFormat(config, fn) === "v2");
  if (v2.length) {
    const which = v2.length === 1 ? `function ${v2[0]} is` : `functions ${v2.join(", ")} are`;
    throw new UsageError(
      `${which} written for HTTP API events (eventFormat "v2"), which a REST API cannot send: set "api": {"type": "http"} in lgw.json to use an HTTP API, or set eventFormat "v1" on ${v2.length === 1 ? "it" : "them"}`,
    );
  }
  const dflt = routes.find((r) => r.defaultRoute && !r.implicit);
  if (dflt) throw new UsageError(`route "$default" exists only in HTTP APIs: use "ANY /{proxy+}" for a REST API, or set "api": {"type": "http"}`);
  const httpOnly = new Set(config.authorizers.filter((a) => a.type === "jwt" || a.type === "lambda").map((a) => a.name));
  const guarded = routes.find((r) => r.authorizer && httpOnly.has(r.authorizer));
  if (guarded) {
    throw new UsageError(`route "${guarded.key}" uses authorizer ${guarded.authorizer}, an HTTP API authorizer (jwt or lambda): set "api": {"type": "http"}, or give the REST API a REST authorizer`);
  }
}

/** The one line for REST-only subcommands run on an HTTP API project. */
export function restOnly(command: string, what: string): UsageError {
  return new UsageError(`\`lgw api ${command}\` ${what} exists only in REST APIs; this project's API is an HTTP API (api.type "http"): lgw.json's routes${command === "cors" ? " and api.cors" : ""} go there with \`lgw api sync\``);
}

/** The project's routes for a check, or none when lgw.json cannot name them yet (no table). */
export function routesIfAny(config: ProjectConfig): Route[] {
  try {
    return projectRoutes(config).routes;
  } catch {
    return [];
  }
}
