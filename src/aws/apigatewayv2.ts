// Edge: the API Gateway v2 (HTTP API) calls `lgw api` makes, one thin function each, reading
// AWS into src/api/http/types.ts shapes and turning failures into one actionable line.
import {
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  DeleteAuthorizerCommand,
  DeleteCorsConfigurationCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  GetApiCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  UpdateApiCommand,
  UpdateAuthorizerCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  type Authorizer,
  type Cors,
} from "@aws-sdk/client-apigatewayv2";
import { GetRestApiCommand } from "@aws-sdk/client-api-gateway";
import { LgwError } from "../errors.js";
import type { CorsConfig, HttpAuthorizerSpec, PayloadFormat, RemoteAuthorizerV2, RemoteHttpApi } from "./http-types.js";
import type { AwsClients } from "./clients.js";
import { call } from "./apigateway.js";
import { awsErrorCode, describeAwsError } from "./errors.js";

function httpApiNotFound(aws: AwsClients, apiId: string, err: unknown): LgwError {
  return new LgwError(`HTTP API ${apiId} not found in ${aws.region}`, {
    cause: err,
    hint: "check --id / api.id in lgw.json and --region, or create one with `lgw api create <name> --type http`",
  });
}

/**
 * An id GetApi does not know may be a REST API's (a v2 project synced as REST before api.type
 * existed): that says so, with the way out, instead of "not found".
 */
export async function missingHttpApi(aws: AwsClients, apiId: string, err: unknown): Promise<LgwError> {
  let rest: { name?: string } | undefined;
  try {
    rest = await aws.apigw.send(new GetRestApiCommand({ restApiId: apiId }));
  } catch {
    rest = undefined;
  }
  if (!rest) return httpApiNotFound(aws, apiId, err);
  return new LgwError(`${apiId} is a REST API${rest.name ? ` (${rest.name})` : ""}, not an HTTP API, which this command needs (api.type "http")`, {
    cause: err,
    exitCode: 2,
    hint: 'make an HTTP API with `lgw api create <name> --type http --force` (it replaces api.id in lgw.json), or set "api": {"type": "rest"} for v1 functions',
  });
}

async function read<T>(aws: AwsClients, apiId: string, action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (awsErrorCode(err) === "NotFoundException") throw await missingHttpApi(aws, apiId, err);
    throw describeAwsError(err, { action, resource: `HTTP API ${apiId}`, endpoint: aws.endpoint });
  }
}

/** Every page of a v2 list call. */
async function all<T>(page: (token?: string) => Promise<{ Items?: T[]; NextToken?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...(p.Items ?? []));
    token = p.NextToken ?? undefined;
  } while (token);
  return out;
}

export function toCorsConfig(c: Cors | undefined): CorsConfig | undefined {
  if (!c) return undefined;
  const out: CorsConfig = {};
  if (c.AllowOrigins?.length) out.allowOrigins = c.AllowOrigins;
  if (c.AllowMethods?.length) out.allowMethods = c.AllowMethods;
  if (c.AllowHeaders?.length) out.allowHeaders = c.AllowHeaders;
  if (c.ExposeHeaders?.length) out.exposeHeaders = c.ExposeHeaders;
  if (c.MaxAge !== undefined && c.MaxAge !== null) out.maxAge = c.MaxAge;
  if (c.AllowCredentials) out.allowCredentials = true;
  return Object.keys(out).length ? out : undefined;
}

function toCors(c: CorsConfig): Cors {
  return {
    AllowOrigins: c.allowOrigins,
    AllowMethods: c.allowMethods,
    AllowHeaders: c.allowHeaders,
    ExposeHeaders: c.exposeHeaders,
    MaxAge: c.maxAge,
    AllowCredentials: c.allowCredentials,
  };
}

function toAuthorizer(a: Authorizer): RemoteAuthorizerV2 {
  return {
    authorizerId: a.AuthorizerId!,
    name: a.Name ?? "",
    authorizerType: a.AuthorizerType,
    identitySource: a.IdentitySource ?? [],
    issuer: a.JwtConfiguration?.Issuer ?? undefined,
    audience: a.JwtConfiguration?.Audience ?? undefined,
    authorizerUri: a.AuthorizerUri ?? undefined,
    payloadFormatVersion: a.AuthorizerPayloadFormatVersion ?? undefined,
    enableSimpleResponses: a.EnableSimpleResponses ?? undefined,
    ttl: a.AuthorizerResultTtlInSeconds ?? undefined,
  };
}

/** The API with its routes, integrations and authorizers. */
export async function readHttpApi(aws: AwsClients, apiId: string): Promise<RemoteHttpApi> {
  const c = aws.apigwv2;
  const api = await read(aws, apiId, "GetApi", () => c.send(new GetApiCommand({ ApiId: apiId })));
  const [routes, integrations] = await Promise.all([
    read(aws, apiId, "GetRoutes", () => all((NextToken) => c.send(new GetRoutesCommand({ ApiId: apiId, NextToken, MaxResults: "500" })))),
    read(aws, apiId, "GetIntegrations", () => all((NextToken) => c.send(new GetIntegrationsCommand({ ApiId: apiId, NextToken, MaxResults: "500" })))),
  ]);
  const authorizers = await readAuthorizers(aws, apiId, [...new Set(routes.flatMap((r) => (r.AuthorizerId ? [r.AuthorizerId] : [])))]);
  return {
    apiId,
    name: api.Name ?? undefined,
    protocolType: api.ProtocolType ?? undefined,
    apiEndpoint: api.ApiEndpoint ?? undefined,
    cors: toCorsConfig(api.CorsConfiguration),
    routes: routes.map((r) => ({
      routeId: r.RouteId!,
      routeKey: r.RouteKey ?? "",
      target: r.Target ?? undefined,
      authorizationType: r.AuthorizationType ?? undefined,
      authorizerId: r.AuthorizerId ?? undefined,
      authorizationScopes: r.AuthorizationScopes ?? undefined,
    })),
    integrations: integrations.map((i) => ({
      integrationId: i.IntegrationId!,
      integrationType: i.IntegrationType ?? undefined,
      integrationUri: i.IntegrationUri ?? undefined,
      payloadFormatVersion: i.PayloadFormatVersion ?? undefined,
    })),
    authorizers: authorizers.map(toAuthorizer),
  };
}

/**
 * Every authorizer of the API. An endpoint without GetAuthorizers (moto answers it with a 500)
 * still shows the ones routes use, one GetAuthorizer each.
 */
async function readAuthorizers(aws: AwsClients, apiId: string, usedIds: string[]): Promise<Authorizer[]> {
  const c = aws.apigwv2;
  try {
    return await all((NextToken) => c.send(new GetAuthorizersCommand({ ApiId: apiId, NextToken, MaxResults: "500" })));
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (awsErrorCode(err) === "NotFoundException") throw httpApiNotFound(aws, apiId, err);
    if (!(status && status >= 500)) throw describeAwsError(err, { action: "GetAuthorizers", resource: `HTTP API ${apiId}`, endpoint: aws.endpoint });
  }
  return Promise.all(usedIds.map((id) => read(aws, apiId, "GetAuthorizer", () => c.send(new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: id }))) as Promise<Authorizer>));
}

/** The API's protocol, to tell an HTTP API id from a REST API id (which GetApi does not know). */
export async function findHttpApi(aws: AwsClients, apiId: string): Promise<{ name?: string; protocolType?: string; apiEndpoint?: string } | undefined> {
  try {
    const api = await aws.apigwv2.send(new GetApiCommand({ ApiId: apiId }));
    return { name: api.Name ?? undefined, protocolType: api.ProtocolType ?? undefined, apiEndpoint: api.ApiEndpoint ?? undefined };
  } catch (err) {
    if (awsErrorCode(err) === "NotFoundException") return undefined;
    throw describeAwsError(err, { action: "GetApi", resource: `HTTP API ${apiId}`, endpoint: aws.endpoint });
  }
}

export async function createHttpApi(aws: AwsClients, input: { name: string; description?: string; cors?: CorsConfig }): Promise<{ id: string; name: string; apiEndpoint?: string }> {
  const api = await call(aws, "CreateApi", input.name, () =>
    aws.apigwv2.send(
      new CreateApiCommand({ Name: input.name, ProtocolType: "HTTP", Description: input.description, ...(input.cors ? { CorsConfiguration: toCors(input.cors) } : {}) }),
    ),
  );
  return { id: api.ApiId!, name: api.Name ?? input.name, apiEndpoint: api.ApiEndpoint ?? undefined };
}

export async function createLambdaIntegration(aws: AwsClients, apiId: string, uri: string, payloadFormat: PayloadFormat, what: string): Promise<string> {
  const out = await call(aws, "CreateIntegration", what, () =>
    aws.apigwv2.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: "AWS_PROXY", IntegrationMethod: "POST", IntegrationUri: uri, PayloadFormatVersion: payloadFormat }),
    ),
  );
  return out.IntegrationId!;
}

export async function updateLambdaIntegration(aws: AwsClients, apiId: string, integrationId: string, uri: string, payloadFormat: PayloadFormat, what: string): Promise<void> {
  await call(aws, "UpdateIntegration", what, () =>
    aws.apigwv2.send(new UpdateIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId, IntegrationUri: uri, PayloadFormatVersion: payloadFormat })),
  );
}

export async function deleteIntegration(aws: AwsClients, apiId: string, integrationId: string, what: string): Promise<void> {
  await call(aws, "DeleteIntegration", what, () => aws.apigwv2.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: integrationId })));
}

export interface RouteSettingsV2 {
  target: string;
  authorizationType: "NONE" | "JWT" | "CUSTOM";
  authorizerId?: string;
  scopes?: string[];
}

function routeFields(s: RouteSettingsV2) {
  return {
    Target: s.target,
    AuthorizationType: s.authorizationType,
    // scopes only mean something on a JWT route; an empty list clears earlier ones
    AuthorizationScopes: s.authorizationType === "JWT" ? (s.scopes ?? []) : [],
    ...(s.authorizerId ? { AuthorizerId: s.authorizerId } : {}),
  };
}

export async function createRoute(aws: AwsClients, apiId: string, routeKey: string, s: RouteSettingsV2): Promise<string> {
  const out = await call(aws, "CreateRoute", routeKey, () => aws.apigwv2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey, ...routeFields(s) })));
  return out.RouteId!;
}

export async function updateRoute(aws: AwsClients, apiId: string, routeId: string, routeKey: string, s: RouteSettingsV2): Promise<void> {
  await call(aws, "UpdateRoute", routeKey, () => aws.apigwv2.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: routeId, ...routeFields(s) })));
}

export async function deleteRoute(aws: AwsClients, apiId: string, routeId: string, routeKey: string): Promise<void> {
  await call(aws, "DeleteRoute", routeKey, () => aws.apigwv2.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: routeId })));
}

function authorizerFields(spec: HttpAuthorizerSpec, lambdaUri?: string) {
  if (spec.type === "jwt") {
    return { AuthorizerType: "JWT" as const, IdentitySource: [spec.identitySource], JwtConfiguration: { Issuer: spec.issuer, Audience: spec.audience } };
  }
  return {
    AuthorizerType: "REQUEST" as const,
    IdentitySource: spec.identitySource,
    AuthorizerUri: lambdaUri,
    AuthorizerPayloadFormatVersion: spec.payloadFormat,
    EnableSimpleResponses: spec.payloadFormat === "2.0" ? spec.simpleResponses : undefined,
    AuthorizerResultTtlInSeconds: spec.ttl,
  };
}

export async function createAuthorizer(aws: AwsClients, apiId: string, spec: HttpAuthorizerSpec, lambdaUri?: string): Promise<string> {
  const out = await call(aws, "CreateAuthorizer", `authorizer ${spec.name}`, () =>
    aws.apigwv2.send(new CreateAuthorizerCommand({ ApiId: apiId, Name: spec.name, ...authorizerFields(spec, lambdaUri) })),
  );
  return out.AuthorizerId!;
}

export async function updateAuthorizer(aws: AwsClients, apiId: string, authorizerId: string, spec: HttpAuthorizerSpec, lambdaUri?: string): Promise<void> {
  await call(aws, "UpdateAuthorizer", `authorizer ${spec.name}`, () =>
    aws.apigwv2.send(new UpdateAuthorizerCommand({ ApiId: apiId, AuthorizerId: authorizerId, Name: spec.name, ...authorizerFields(spec, lambdaUri) })),
  );
}

export async function deleteAuthorizer(aws: AwsClients, apiId: string, authorizerId: string, name: string): Promise<void> {
  await call(aws, "DeleteAuthorizer", `authorizer ${name}`, () => aws.apigwv2.send(new DeleteAuthorizerCommand({ ApiId: apiId, AuthorizerId: authorizerId })));
}

export async function setCors(aws: AwsClients, apiId: string, cors: CorsConfig): Promise<void> {
  await call(aws, "UpdateApi", `HTTP API ${apiId}`, () => aws.apigwv2.send(new UpdateApiCommand({ ApiId: apiId, CorsConfiguration: toCors(cors) })));
}

export async function deleteCors(aws: AwsClients, apiId: string): Promise<void> {
  await call(aws, "DeleteCorsConfiguration", `HTTP API ${apiId}`, () => aws.apigwv2.send(new DeleteCorsConfigurationCommand({ ApiId: apiId })));
}
