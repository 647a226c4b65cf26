// The HTTP API side of `lgw serve`, from lgw.json: which event format each function gets behind
// the gateway, the functions Lambda authorizers run on, and the guard (CORS, JWT and Lambda
// authorizers) the server calls around each integration.
import { UsageError } from "../errors.js";
import { cachedVerifier } from "../auth/jwt.js";
import { keySetFor } from "../auth/jwks.js";
import { functionFormat, type EventFormat, type ProjectConfig } from "../config/types.js";
import type { Route } from "../routes/table.js";
import type { LambdaAuthorizerConfig } from "./authorizer-v2.js";
import { createGuard, type AuthorizerInvoke, type Guard, type JwtAuthorizerRuntime } from "./guard.js";

/** The gateway's format: --format, else v2 for an HTTP API project, else the project's. */
export function gatewayFormat(config: ProjectConfig, flag: EventFormat | undefined): EventFormat {
  return flag ?? (config.api.type === "http" ? "v2" : config.eventFormat);
}

/** Behind an HTTP API each function gets its own format (payload 1.0 or 2.0); --format forces one. */
export function formatOfFunctions(config: ProjectConfig, gateway: EventFormat, flag: EventFormat | undefined): ((fn: string) => EventFormat) | undefined {
  if (flag || gateway !== "v2") return undefined;
  return (fn) => functionFormat(config, fn);
}

/**
 * Only the HTTP API gateway (format v2) runs jwt and lambda authorizers. Serving a route that
 * names one as a REST API would skip the check that `lgw api sync` and AWS make: refused instead.
 */
export function unguardedRouteProblem(config: ProjectConfig, routes: Route[], gateway: EventFormat, flag: EventFormat | undefined): UsageError | undefined {
  if (gateway === "v2") return undefined;
  const httpOnly = new Map(config.authorizers.flatMap((a) => (a.type === "jwt" || a.type === "lambda" ? [[a.name, a.type] as const] : [])));
  const route = routes.find((r) => r.authorizer && httpOnly.has(r.authorizer));
  if (!route) return undefined;
  const what = `route "${route.key}" uses authorizer ${route.authorizer} (${httpOnly.get(route.authorizer!)}), which only an HTTP API runs`;
  if (flag === "v1" && config.api.type === "http") {
    return new UsageError(`${what}, and --format v1 serves a REST API: drop --format (a function with eventFormat "v1" gets payload 1.0 behind the HTTP API)`);
  }
  return new UsageError(`${what}, and this project's API is a REST API: set "api": {"type": "http"} in lgw.json`);
}

/** Functions that Lambda authorizers used by the routes run on (they need warm processes too). */
export function authorizerFunctions(config: ProjectConfig, routes: Route[]): string[] {
  const used = new Set(routes.flatMap((r) => (r.authorizer ? [r.authorizer] : [])));
  return config.authorizers.flatMap((a) => (a.type === "lambda" && used.has(a.name) ? [a.function] : []));
}

/** The guard for an HTTP API project, or undefined when it has neither CORS nor authorizers in use. */
export function httpApiGuard(
  config: ProjectConfig,
  routes: Route[],
  o: { invoke: AuthorizerInvoke; region: string; warn: (message: string) => void },
): Guard | undefined {
  const used = new Set(routes.flatMap((r) => (r.authorizer ? [r.authorizer] : [])));
  if (!config.api.cors && used.size === 0) return undefined;
  const jwt: Record<string, JwtAuthorizerRuntime> = {};
  const lambda: Record<string, LambdaAuthorizerConfig> = {};
  for (const a of config.authorizers) {
    if (!used.has(a.name)) continue;
    if (a.type === "jwt") {
      const keys = keySetFor({ issuer: a.issuer, name: a.name, jwks: a.jwks, root: config.root });
      jwt[a.name] = { identitySource: a.identitySource, verify: cachedVerifier({ issuer: a.issuer, audience: a.audience, keys }) };
    } else if (a.type === "lambda") {
      lambda[a.name] = { name: a.name, functionName: a.function, payloadFormat: a.payloadFormat, simpleResponses: a.simpleResponses, identitySource: a.identitySource, ttl: a.ttl };
    }
  }
  const byKey = new Map(routes.map((r) => [r.key, r]));
  return createGuard({
    cors: config.api.cors,
    routeAuth: (route) => {
      const r = byKey.get(route.key) ?? route;
      return r.authorizer ? { authorizer: r.authorizer, ...(r.scopes ? { scopes: r.scopes } : {}) } : undefined;
    },
    jwt,
    lambda,
    invoke: o.invoke,
    region: o.region,
    warn: o.warn,
  });
}
