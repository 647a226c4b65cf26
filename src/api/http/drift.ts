// Pure: how an HTTP API's routes, authorizers and CORS differ from what lgw.json asks. Each
// check returns what the remote has (the `was` a plan step shows), or undefined when it matches.
import { functionNameFromUri } from "../arns.js";
import { byCodeUnit } from "../plan.js";
import type { CorsConfig, HttpAuthorizerSpec, RemoteAuthorizerV2, RemoteHttpRoute } from "../../aws/http-types.js";
import type { RouteAuth } from "./plan.js";

/** The function a Lambda integration URI names: a plain function ARN or the invocations form. */
export function lambdaOfUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const plain = /^arn:[a-z-]+:lambda:[^:]+:\d{12}:function:([A-Za-z0-9_-]+)(?::[^:]+)?$/.exec(uri);
  return plain ? plain[1] : functionNameFromUri(uri);
}

const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort(byCodeUnit);
const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

export function normalizeCors(c: CorsConfig | undefined): string {
  if (!c) return "";
  return JSON.stringify({
    allowOrigins: sorted(c.allowOrigins),
    allowMethods: sorted(c.allowMethods?.map((m) => m.toUpperCase())),
    allowHeaders: sorted(c.allowHeaders?.map((h) => h.toLowerCase())),
    exposeHeaders: sorted(c.exposeHeaders?.map((h) => h.toLowerCase())),
    maxAge: c.maxAge ?? null,
    allowCredentials: Boolean(c.allowCredentials),
  });
}

export function authorizerProblem(remote: RemoteAuthorizerV2, spec: HttpAuthorizerSpec, uri: string | undefined): string | undefined {
  if (spec.type === "jwt") {
    if (remote.authorizerType !== "JWT") return `${remote.authorizerType ?? "unknown"} authorizer`;
    if (remote.issuer !== spec.issuer) return `issuer ${remote.issuer ?? "(none)"}`;
    if (!sameList(remote.audience, spec.audience)) return `audience ${JSON.stringify(remote.audience ?? [])}`;
    if (!sameList(remote.identitySource, [spec.identitySource])) return `identity source ${remote.identitySource.join(",")}`;
    return undefined;
  }
  if (remote.authorizerType !== "REQUEST") return `${remote.authorizerType ?? "unknown"} authorizer`;
  if (remote.authorizerUri !== uri) return `function ${lambdaOfUri(remote.authorizerUri) ?? remote.authorizerUri ?? "(none)"}`;
  if (remote.payloadFormatVersion !== spec.payloadFormat) return `payload format ${remote.payloadFormatVersion ?? "(none)"}`;
  if (spec.payloadFormat === "2.0" && Boolean(remote.enableSimpleResponses) !== spec.simpleResponses) return `simple responses ${Boolean(remote.enableSimpleResponses)}`;
  if (!sameList(remote.identitySource, spec.identitySource)) return `identity source ${remote.identitySource.join(",")}`;
  if ((remote.ttl ?? 0) !== spec.ttl) return `ttl ${remote.ttl ?? 0}`;
  return undefined;
}

export function routeProblem(remote: RemoteHttpRoute, fn: string, auth: RouteAuth, targetFn: string | undefined, authorizerNames: Map<string, string>): string | undefined {
  if (targetFn !== fn) return targetFn ? `function ${targetFn}` : `target ${remote.target ?? "(none)"}`;
  const type = remote.authorizationType ?? "NONE";
  if (type !== auth.type) return `authorization ${type}`;
  if (auth.type === "NONE") return undefined;
  const current = remote.authorizerId ? authorizerNames.get(remote.authorizerId) : undefined;
  if (current !== auth.authorizer) return `authorizer ${current ?? remote.authorizerId ?? "(none)"}`;
  if (auth.type === "JWT" && !sameList(remote.authorizationScopes, auth.scopes)) return `scopes ${JSON.stringify(remote.authorizationScopes ?? [])}`;
  return undefined;
}
