// Edge: the API Gateway (REST) calls for gateway responses, models and request validators that
// `lgw api sync` makes. One thin function each; failures become one actionable line.
import {
  CreateModelCommand,
  CreateRequestValidatorCommand,
  DeleteGatewayResponseCommand,
  DeleteModelCommand,
  DeleteRequestValidatorCommand,
  GetGatewayResponsesCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  PutGatewayResponseCommand,
  UpdateModelCommand,
  UpdateRestApiCommand,
  UpdateRequestValidatorCommand,
  type GatewayResponseType,
} from "@aws-sdk/client-api-gateway";
import type { GatewayResponseSpec } from "./rest-types.js";
import type { AwsClients } from "./clients.js";
import { allPages, call } from "./apigateway.js";
import { awsErrorCode } from "./errors.js";

export interface RemoteGatewayResponse {
  type: string;
  /** true for API Gateway's own (not customised) */
  defaultResponse: boolean;
  statusCode?: string;
  responseParameters: Record<string, string>;
  responseTemplates: Record<string, string>;
}

export interface RemoteModel {
  name: string;
  schema?: string;
}

export interface RemoteValidator {
  id: string;
  name: string;
  body: boolean;
  params: boolean;
}

export async function readGatewayResponses(aws: AwsClients, apiId: string): Promise<RemoteGatewayResponse[]> {
  const items = await allPages((position) => call(aws, "GetGatewayResponses", `REST API ${apiId}`, () => aws.apigw.send(new GetGatewayResponsesCommand({ restApiId: apiId, limit: 500, position }))));
  return items.map((r) => ({
    type: r.responseType ?? "",
    defaultResponse: r.defaultResponse ?? false,
    ...(r.statusCode ? { statusCode: String(r.statusCode) } : {}),
    responseParameters: { ...(r.responseParameters ?? {}) },
    responseTemplates: { ...(r.responseTemplates ?? {}) },
  }));
}

export async function putGatewayResponse(aws: AwsClients, apiId: string, s: GatewayResponseSpec): Promise<void> {
  await call(aws, "PutGatewayResponse", `gateway response ${s.type}`, () =>
    aws.apigw.send(
      new PutGatewayResponseCommand({
        restApiId: apiId,
        responseType: s.type as GatewayResponseType,
        ...(s.statusCode ? { statusCode: s.statusCode } : {}),
        responseParameters: s.parameters,
        responseTemplates: s.templates,
      }),
    ),
  );
}

export async function deleteGatewayResponse(aws: AwsClients, apiId: string, type: string): Promise<void> {
  await call(aws, "DeleteGatewayResponse", `gateway response ${type}`, () => aws.apigw.send(new DeleteGatewayResponseCommand({ restApiId: apiId, responseType: type as GatewayResponseType })));
}

export async function readModels(aws: AwsClients, apiId: string): Promise<RemoteModel[]> {
  const items = await allPages((position) => call(aws, "GetModels", `REST API ${apiId}`, () => aws.apigw.send(new GetModelsCommand({ restApiId: apiId, limit: 500, position }))));
  return items.map((m) => ({ name: m.name ?? "", ...(m.schema ? { schema: m.schema } : {}) }));
}

export async function createModel(aws: AwsClients, apiId: string, name: string, schema: string): Promise<void> {
  await call(aws, "CreateModel", `model ${name}`, () => aws.apigw.send(new CreateModelCommand({ restApiId: apiId, name, contentType: "application/json", schema })));
}

export async function deleteModel(aws: AwsClients, apiId: string, name: string): Promise<void> {
  await call(aws, "DeleteModel", `model ${name}`, () => aws.apigw.send(new DeleteModelCommand({ restApiId: apiId, modelName: name })));
}

/**
 * A model with another schema. moto has no UpdateModel, so it is deleted and created again; AWS
 * refuses to delete a model a method names, and then UpdateModel replaces its schema.
 */
export async function replaceModel(aws: AwsClients, apiId: string, name: string, schema: string): Promise<void> {
  try {
    await aws.apigw.send(new DeleteModelCommand({ restApiId: apiId, modelName: name }));
  } catch (err) {
    const code = awsErrorCode(err);
    if (code !== "BadRequestException" && code !== "ConflictException") throw err;
    await call(aws, "UpdateModel", `model ${name}`, () =>
      aws.apigw.send(new UpdateModelCommand({ restApiId: apiId, modelName: name, patchOperations: [{ op: "replace", path: "/schema", value: schema }] })),
    );
    return;
  }
  await createModel(aws, apiId, name, schema);
}

export async function readValidators(aws: AwsClients, apiId: string): Promise<RemoteValidator[]> {
  const items = await allPages((position) => call(aws, "GetRequestValidators", `REST API ${apiId}`, () => aws.apigw.send(new GetRequestValidatorsCommand({ restApiId: apiId, limit: 500, position }))));
  return items.map((v) => ({ id: v.id!, name: v.name ?? "", body: Boolean(v.validateRequestBody), params: Boolean(v.validateRequestParameters) }));
}

export async function createValidator(aws: AwsClients, apiId: string, name: string, body: boolean, params: boolean): Promise<string> {
  const v = await call(aws, "CreateRequestValidator", `request validator ${name}`, () =>
    aws.apigw.send(new CreateRequestValidatorCommand({ restApiId: apiId, name, validateRequestBody: body, validateRequestParameters: params })),
  );
  return v.id!;
}

export async function updateValidator(aws: AwsClients, apiId: string, id: string, name: string, body: boolean, params: boolean): Promise<void> {
  await call(aws, "UpdateRequestValidator", `request validator ${name}`, () =>
    aws.apigw.send(
      new UpdateRequestValidatorCommand({
        restApiId: apiId,
        requestValidatorId: id,
        patchOperations: [
          { op: "replace", path: "/validateRequestBody", value: String(body) },
          { op: "replace", path: "/validateRequestParameters", value: String(params) },
        ],
      }),
    ),
  );
}

export async function deleteValidator(aws: AwsClients, apiId: string, id: string, name: string): Promise<void> {
  await call(aws, "DeleteRequestValidator", `request validator ${name}`, () => aws.apigw.send(new DeleteRequestValidatorCommand({ restApiId: apiId, requestValidatorId: id })));
}

export async function setApiKeySource(aws: AwsClients, apiId: string, value: string): Promise<void> {
  await call(aws, "UpdateRestApi", `REST API ${apiId}`, () => aws.apigw.send(new UpdateRestApiCommand({ restApiId: apiId, patchOperations: [{ op: "replace", path: "/apiKeySource", value }] })));
}
