// The HTTP API (API Gateway v2) as lgw sees it, and what lgw.json wants it to be.
// src/aws/apigatewayv2.ts reads AWS into the Remote* shapes; plan.ts compares them with the specs.

export type PayloadFormat = "1.0" | "2.0";

export interface CorsConfig {
  allowOrigins?: string[];
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  maxAge?: number;
  allowCredentials?: boolean;
}

export interface RemoteHttpRoute {
  routeId: string;
  routeKey: string;
  /** "integrations/ID" */
  target?: string;
  authorizationType?: string;
  authorizerId?: string;
  authorizationScopes?: string[];
}

export interface RemoteIntegrationV2 {
  integrationId: string;
  integrationType?: string;
  integrationUri?: string;
  payloadFormatVersion?: string;
}

export interface RemoteAuthorizerV2 {
  authorizerId: string;
  name: string;
  /** JWT or REQUEST (a Lambda authorizer) */
  authorizerType?: string;
  identitySource: string[];
  issuer?: string;
  audience?: string[];
  authorizerUri?: string;
  payloadFormatVersion?: string;
  enableSimpleResponses?: boolean;
  ttl?: number;
}

export interface RemoteHttpApi {
  apiId: string;
  name?: string;
  protocolType?: string;
  apiEndpoint?: string;
  cors?: CorsConfig;
  routes: RemoteHttpRoute[];
  integrations: RemoteIntegrationV2[];
  authorizers: RemoteAuthorizerV2[];
}

/** One route of the table, as an HTTP API route. */
export interface HttpRouteSpec {
  /** "GET /users/{id}", "ANY /{proxy+}" or "$default" */
  routeKey: string;
  functionName: string;
  /** the authorizer's name in lgw.json */
  authorizer?: string;
  scopes?: string[];
}

export type HttpAuthorizerSpec =
  | { name: string; type: "jwt"; issuer: string; audience: string[]; identitySource: string }
  | {
      name: string;
      type: "lambda";
      functionName: string;
      payloadFormat: PayloadFormat;
      simpleResponses: boolean;
      identitySource: string[];
      /** seconds; 0 turns caching off */
      ttl: number;
    };
