// The lgw.json settings of HTTP APIs and authorizers as lgw works with them, typed from the
// definition (schema/authorizers.ts, schema/routes.ts).
import type { RestRouteAccess } from "../apigw/rest/types.js";
import type { RouteIntegration } from "./integration.js";
import type { RestAuthorizerConfig } from "./rest-access.js";
import type { ApiType } from "./limits.js";
import type { JwtAuthorizerSettings, LambdaAuthorizerSettings } from "./schema/authorizers.js";

export type { ApiType } from "./limits.js";

/** The issuer `lgw init --auth jwt` writes, to be replaced by the identity provider's before deploying. */
export const PLACEHOLDER_ISSUER = "https://issuer.example.com";

/** `T` with the fields `K`, which lgw.json may leave out, filled in (AWS's defaults). */
type Filled<T, K extends keyof T> = Omit<T, K> & Required<Pick<T, K>>;

export type AuthorizerConfig =
  | ({ name: string } & Filled<JwtAuthorizerSettings, "identitySource">)
  | ({ name: string } & Filled<LambdaAuthorizerSettings, "payloadFormat" | "simpleResponses" | "identitySource" | "ttl">)
  | RestAuthorizerConfig;

/** The authorizer, scopes and integration of an object-form route value. */
export interface RouteOptions {
  authorizer?: string;
  scopes?: string[];
  /** a non-proxy integration (REST APIs): lambda, mock or http; absent for proxy routes */
  integration?: RouteIntegration;
  /** REST API access settings (authorizer, API key, validation); absent when the route sets none */
  access?: RestRouteAccess;
}

/** The project's API type: api.type, else "http" for a v2 project and "rest" otherwise. */
export function defaultApiType(eventFormat: "v1" | "v2", type: ApiType | undefined): ApiType {
  return type ?? (eventFormat === "v2" ? "http" : "rest");
}
