// The REST API side of `lgw serve`, from lgw.json: the authorizer functions that need warm
// processes, the local API keys, and the guard (API keys, TOKEN/REQUEST/Cognito authorizers,
// validation, gateway responses) the server calls around each integration.
import { decodeJwt } from "jose";
import { UsageError } from "../errors.js";
import { cachedVerifier, jwtFailure, type JwtOutcome } from "../auth/jwt.js";
import { keySetFor } from "../auth/jwks.js";
import type { ProjectConfig } from "../config/types.js";
import { userPoolIssuer, type RestAuthorizerConfig } from "../config/rest-access.js";
import type { Route } from "../routes/table.js";
import type { AuthorizerInvoke, Guard } from "./guard.js";
import { createRestGuard } from "./rest/guard.js";
import { localApiKeys } from "./rest/keys-store.js";
import type { RestAuthorizer } from "./rest/types.js";
import { UsageMeter } from "./rest/usage.js";
import { compileModels } from "./rest/validate.js";

const REST_TYPES = new Set(["token", "request", "cognito"]);

function restAuthorizers(config: ProjectConfig): RestAuthorizerConfig[] {
  return config.authorizers.filter((a): a is RestAuthorizerConfig => REST_TYPES.has(a.type));
}

/** A TOKEN/REQUEST/Cognito authorizer only runs in front of a REST API: refused behind an HTTP API. */
export function restOnlyRouteProblem(config: ProjectConfig, routes: Route[], gateway: "v1" | "v2"): UsageError | undefined {
  if (gateway === "v1") return undefined;
  const rest = new Map(restAuthorizers(config).map((a) => [a.name, a.type]));
  const route = routes.find((r) => r.authorizer && rest.has(r.authorizer));
  if (!route) return undefined;
  return new UsageError(`route "${route.key}" uses authorizer ${route.authorizer} (${rest.get(route.authorizer!)}), which only a REST API runs, and this project's API is an HTTP API: use a jwt or lambda authorizer, or set "api": {"type": "rest"}`);
}

/** Functions the routes' TOKEN and REQUEST authorizers run on. */
export function restAuthorizerFunctions(config: ProjectConfig, routes: Route[]): string[] {
  const used = new Set(routes.flatMap((r) => (r.access?.authorizer ? [r.access.authorizer] : [])));
  return restAuthorizers(config).flatMap((a) => (a.type !== "cognito" && used.has(a.name) ? [a.function] : []));
}

/** Verifies a Cognito token against the user pool that issued it (one of the authorizer's pools). */
function cognitoVerifier(a: Extract<RestAuthorizerConfig, { type: "cognito" }>, root: string): (token: string | undefined) => Promise<JwtOutcome> {
  const pools = new Map(
    a.userPoolArns.map((arn) => {
      const issuer = userPoolIssuer(arn);
      return [issuer, cachedVerifier({ issuer, audience: [], keys: keySetFor({ issuer, name: a.name, jwks: a.jwks, root }) })] as const;
    }),
  );
  return async (token) => {
    if (!token) return jwtFailure("missing");
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      return jwtFailure("malformed");
    }
    const verify = pools.get(String(iss)) ?? [...pools.values()][0]!;
    return verify(token);
  };
}

export interface RestGuardSetup {
  guard?: Guard;
  /** API keys lgw serve accepts, for the banner; `created` were just made */
  keys: { name: string; value: string }[];
  createdKeys: string[];
  keysFile?: string;
}

/** The guard for a REST API project, or none when no route sets access control or gateway responses exist. */
export async function restApiGuard(
  config: ProjectConfig,
  routes: Route[],
  o: { invoke: AuthorizerInvoke; region: string; warn: (message: string) => void; noAuth?: boolean },
): Promise<RestGuardSetup> {
  const rest = config.api.rest;
  const anyAccess = routes.some((r) => r.access);
  const overrides = rest?.gatewayResponses ?? {};
  if (!anyAccess && Object.keys(overrides).length === 0) return { keys: [], createdKeys: [] };
  const authorizers: Record<string, RestAuthorizer> = {};
  const cognito: Record<string, (token: string | undefined) => Promise<JwtOutcome>> = {};
  for (const a of restAuthorizers(config)) {
    if (a.type === "cognito") {
      authorizers[a.name] = { name: a.name, type: "cognito", userPoolArns: a.userPoolArns, identitySource: a.identitySource, ttl: a.ttl };
      cognito[a.name] = cognitoVerifier(a, config.root);
    } else if (a.type === "token") {
      authorizers[a.name] = { name: a.name, type: "token", functionName: a.function, identitySource: a.identitySource, ttl: a.ttl, ...(a.validationExpression ? { validationExpression: a.validationExpression } : {}) };
    } else authorizers[a.name] = { name: a.name, type: "request", functionName: a.function, identitySource: a.identitySource, ttl: a.ttl };
  }
  const plans = rest?.usagePlans ?? [];
  const keyed = routes.some((r) => r.access?.apiKeyRequired) && !o.noAuth;
  const local = keyed ? localApiKeys(config.root, plans.flatMap((p) => p.keys)) : { keys: [], created: [], file: undefined };
  const usedModels = new Set(routes.flatMap((r) => Object.values(r.access?.requestModels ?? {})));
  const models = Object.fromEntries(Object.entries(rest?.models ?? {}).filter(([name]) => usedModels.has(name)));
  const byKey = new Map(routes.map((r) => [r.key, r]));
  const guard = createRestGuard({
    authorizers,
    routeAccess: (route) => (byKey.get(route.key) ?? route).access,
    invoke: o.invoke,
    region: o.region,
    cognito,
    meter: keyed ? new UsageMeter(local.keys, plans) : undefined,
    apiKeySource: rest?.apiKeySource ?? "HEADER",
    validators: await compileModels(models),
    gatewayResponses: overrides,
    noAuth: o.noAuth,
    warn: o.warn,
  });
  return { guard, keys: local.keys.map((k) => ({ name: k.name, value: k.value })), createdKeys: local.created, keysFile: local.file };
}
