// The HTTP API side of `lgw serve`, from lgw.json: which event format each function gets behind
// the gateway, the functions Lambda authorizers run on, and the guard (CORS, JWT and Lambda
// authorizers) the server calls around each integration.
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
      const keys = keySetFor({ issuer: a.issuer, jwks: a.jwks, root: config.root });
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
