// Pure: the invoke permissions of an HTTP API, in the form AWS documents for HTTP APIs:
// a route "GET /pets/{id}" is `API_ID/*/GET/pets/*` (any stage; a variable is a wildcard), ANY is
// `*`, the `$default` route is `API_ID/*/$default`, and a Lambda authorizer is
// `API_ID/authorizers/AUTHORIZER_ID`.
import { createHash } from "node:crypto";
import { parseRouteKey } from "../../routes/table.js";
import { sourceArnPath, statementId } from "../arns.js";

export interface ArnScope {
  partition: string;
  region: string;
  account: string;
  apiId: string;
}

export function routeSourceArn(s: ArnScope, routeKey: string): string {
  const base = `arn:${s.partition}:execute-api:${s.region}:${s.account}:${s.apiId}`;
  if (routeKey === "$default") return `${base}/*/$default`;
  const { method, parts } = parseRouteKey(routeKey);
  return `${base}/*/${method === "ANY" ? "*" : method}/${sourceArnPath(parts)}`;
}

export function authorizerSourceArn(s: ArnScope, authorizerId: string): string {
  return `arn:${s.partition}:execute-api:${s.region}:${s.account}:${s.apiId}/authorizers/${authorizerId}`;
}

/** Stable per API + route, like the REST statement ids (same function, so a route keeps its id). */
export function routeStatementId(apiId: string, routeKey: string): string {
  if (routeKey === "$default") return statementId(apiId, "default", "/");
  const { method, path } = parseRouteKey(routeKey);
  return statementId(apiId, method, path);
}

export function authorizerStatementId(apiId: string, name: string): string {
  const hash = createHash("sha256").update(`${apiId} authorizer ${name}`).digest("hex").slice(0, 8);
  return `${`lgw-${apiId}-authorizer-${name.replace(/[^A-Za-z0-9_-]+/g, "_")}`.slice(0, 100 - 9)}-${hash}`;
}

/** https://ID.execute-api.REGION.amazonaws.com/ for $default, else .../STAGE/ */
export function httpInvokeUrl(apiId: string, region: string, stage: string): string {
  const domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `https://${apiId}.execute-api.${region}.${domain}/${stage === "$default" ? "" : `${stage}/`}`;
}
