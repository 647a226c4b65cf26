// Edge: the API Gateway (REST) calls for access control that `lgw api sync` makes: authorizers,
// gateway responses, models and request validators, and PutMethod with a method's authorization
// and request validation settings. One thin function each; failures become one actionable line.
import {
  CreateAuthorizerCommand,
  DeleteAuthorizerCommand,
  GetAuthorizersCommand,
  PutMethodCommand,
  UpdateAuthorizerCommand,
  type PatchOperation,
} from "@aws-sdk/client-api-gateway";
import type { AwsClients } from "./clients.js";
import { allPages, call } from "./apigateway.js";

export interface RemoteAuthorizer {
  id: string;
  name: string;
  type: string;
  authorizerUri?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  ttl?: number;
  providerARNs?: string[];
}

/** What CreateAuthorizer gets (and UpdateAuthorizer compares). */
export interface AuthorizerFields {
  name: string;
  type: "TOKEN" | "REQUEST" | "COGNITO_USER_POOLS";
  authorizerUri?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  ttl: number;
  providerARNs?: string[];
}

/** The PutMethod fields of a method's access control, ids resolved. */
export interface MethodAccessFields {
  authorizationType: string;
  authorizerId?: string;
  authorizationScopes?: string[];
  apiKeyRequired: boolean;
  requestModels?: Record<string, string>;
  requestValidatorId?: string;
  requestParameters?: Record<string, boolean>;
}

export async function readAuthorizers(aws: AwsClients, apiId: string): Promise<RemoteAuthorizer[]> {
  const items = await allPages((position) => call(aws, "GetAuthorizers", `REST API ${apiId}`, () => aws.apigw.send(new GetAuthorizersCommand({ restApiId: apiId, limit: 500, position }))));
  return items.map((a) => ({
    id: a.id!,
    name: a.name ?? "",
    type: a.type ?? "",
    ...(a.authorizerUri ? { authorizerUri: a.authorizerUri } : {}),
    ...(a.identitySource ? { identitySource: a.identitySource } : {}),
    ...(a.identityValidationExpression ? { identityValidationExpression: a.identityValidationExpression } : {}),
    ...(a.authorizerResultTtlInSeconds !== undefined ? { ttl: a.authorizerResultTtlInSeconds } : {}),
    ...(a.providerARNs?.length ? { providerARNs: [...a.providerARNs] } : {}),
  }));
}

export async function createAuthorizer(aws: AwsClients, apiId: string, f: AuthorizerFields): Promise<RemoteAuthorizer> {
  const a = await call(aws, "CreateAuthorizer", `authorizer ${f.name}`, () =>
    aws.apigw.send(
      new CreateAuthorizerCommand({
        restApiId: apiId,
        name: f.name,
        type: f.type,
        authorizerUri: f.authorizerUri,
        identitySource: f.identitySource,
        identityValidationExpression: f.identityValidationExpression,
        authorizerResultTtlInSeconds: f.ttl,
        providerARNs: f.providerARNs,
      }),
    ),
  );
  return { id: a.id!, name: f.name, type: f.type, ...(a.identityValidationExpression ? { identityValidationExpression: a.identityValidationExpression } : {}) };
}

export async function updateAuthorizer(aws: AwsClients, apiId: string, id: string, name: string, patchOperations: PatchOperation[]): Promise<void> {
  await call(aws, "UpdateAuthorizer", `authorizer ${name}`, () => aws.apigw.send(new UpdateAuthorizerCommand({ restApiId: apiId, authorizerId: id, patchOperations })));
}

export async function deleteAuthorizer(aws: AwsClients, apiId: string, id: string, name: string): Promise<void> {
  await call(aws, "DeleteAuthorizer", `authorizer ${name}`, () => aws.apigw.send(new DeleteAuthorizerCommand({ restApiId: apiId, authorizerId: id })));
}

/** PutMethod with the method's authorization, API key and request validation settings. */
export async function putMethodWithAccess(aws: AwsClients, m: { apiId: string; resourceId: string; httpMethod: string; what: string }, f: MethodAccessFields): Promise<void> {
  await call(aws, "PutMethod", m.what, () =>
    aws.apigw.send(
      new PutMethodCommand({
        restApiId: m.apiId,
        resourceId: m.resourceId,
        httpMethod: m.httpMethod,
        authorizationType: f.authorizationType,
        apiKeyRequired: f.apiKeyRequired,
        ...(f.authorizerId ? { authorizerId: f.authorizerId } : {}),
        ...(f.authorizationScopes?.length ? { authorizationScopes: f.authorizationScopes } : {}),
        ...(f.requestModels && Object.keys(f.requestModels).length ? { requestModels: f.requestModels } : {}),
        ...(f.requestValidatorId ? { requestValidatorId: f.requestValidatorId } : {}),
        ...(f.requestParameters && Object.keys(f.requestParameters).length ? { requestParameters: f.requestParameters } : {}),
      }),
    ),
  );
}
