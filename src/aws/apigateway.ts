// Edge: the API Gateway (REST, v1) calls `lgw api` makes, one thin function each,
// reading AWS into aws/rest-types.ts shapes and turning failures into one actionable line.
// Loaded only by the api commands, so the static SDK imports cost nothing elsewhere.
import {
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateMethodCommand,
  UpdateRestApiCommand,
  type Method,
  type PatchOperation,
  type Resource,
} from "@aws-sdk/client-api-gateway";
import { GetApiCommand } from "@aws-sdk/client-apigatewayv2";
import { LgwError } from "../errors.js";
import type { MethodSettings, RemoteIntegration, RemoteMethod, RemoteResource, RestApiInfo } from "./rest-types.js";
import type { AwsClients } from "./clients.js";
import { awsErrorCode, describeAwsError } from "./errors.js";

export async function call<T>(aws: AwsClients, action: string, resource: string, fn: () => Promise<T>, functionName?: string): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw describeAwsError(err, { action, resource, functionName, endpoint: aws.endpoint });
  }
}

/** Every page of a REST API Get* list (items, and position for the next page). */
export async function allPages<T>(fetch: (position?: string) => Promise<{ items?: T[]; position?: string }>): Promise<T[]> {
  const out: T[] = [];
  let position: string | undefined;
  do {
    const page = await fetch(position);
    out.push(...(page.items ?? []));
    position = page.position ?? undefined;
  } while (position);
  return out;
}

function restApiNotFound(aws: AwsClients, apiId: string, err: unknown): LgwError {
  return new LgwError(`REST API ${apiId} not found in ${aws.region}`, {
    cause: err,
    hint: "check --id / api.id in lgw.json and --region, or create one with `lgw api create <name>`",
  });
}

/** An id GetRestApi does not know may be an HTTP API's: that says so, with the way out. */
export async function apiNotFound(aws: AwsClients, apiId: string, err: unknown): Promise<LgwError> {
  let http: { Name?: string; ProtocolType?: string } | undefined;
  try {
    http = await aws.apigwv2.send(new GetApiCommand({ ApiId: apiId }));
  } catch {
    http = undefined;
  }
  if (!http) return restApiNotFound(aws, apiId, err);
  return new LgwError(`${apiId} is an ${http.ProtocolType ?? "HTTP"} API${http.Name ? ` (${http.Name})` : ""}, not a REST API, which this command needs (api.type "rest")`, {
    cause: err,
    exitCode: 2,
    hint: 'set "api": {"type": "http"} in lgw.json to work with it, or make a REST API with `lgw api create <name> --type rest --force`',
  });
}

function toMethod(httpMethod: string, m: Method | undefined): RemoteMethod {
  const integ = m?.methodIntegration;
  return {
    httpMethod,
    authorizationType: m?.authorizationType,
    authorizerId: m?.authorizerId ?? undefined,
    apiKeyRequired: m?.apiKeyRequired ?? false,
    ...(m?.authorizationScopes?.length ? { authorizationScopes: [...m.authorizationScopes] } : {}),
    ...(m?.requestModels && Object.keys(m.requestModels).length ? { requestModels: { ...m.requestModels } } : {}),
    ...(m?.requestValidatorId ? { requestValidatorId: m.requestValidatorId } : {}),
    integration: integ
      ? {
          type: integ.type,
          uri: integ.uri ?? undefined,
          httpMethod: integ.httpMethod ?? undefined,
          requestTemplates: integ.requestTemplates ?? undefined,
          responseParameters: Object.fromEntries(
            Object.entries(integ.integrationResponses ?? {}).map(([code, r]) => [code, { ...(r?.responseParameters ?? {}) }]),
          ),
          ...nonProxyParts(integ),
        }
      : undefined,
    ...(m?.requestParameters ? { requestParameters: { ...m.requestParameters } } : {}),
    methodResponses: Object.fromEntries(Object.entries(m?.methodResponses ?? {}).map(([code, r]) => [code, { ...(r?.responseParameters ?? {}) }])),
  };
}

/** What a non-proxy method's sync compares: passthrough, request parameters, selection patterns and templates. */
function nonProxyParts(integ: NonNullable<Method["methodIntegration"]>): Partial<RemoteIntegration> {
  // an empty template reads back as null (AWS and moto alike)
  const texts = (t: Record<string, string | null> | undefined) => Object.fromEntries(Object.entries(t ?? {}).map(([k, v]) => [k, v ?? ""]));
  return {
    ...(integ.passthroughBehavior ? { passthroughBehavior: integ.passthroughBehavior } : {}),
    ...(integ.requestParameters ? { requestParameters: { ...integ.requestParameters } } : {}),
    responses: Object.fromEntries(
      Object.entries(integ.integrationResponses ?? {}).map(([code, r]) => [
        code,
        { ...(r?.selectionPattern ? { selectionPattern: r.selectionPattern } : {}), responseTemplates: texts(r?.responseTemplates as Record<string, string | null> | undefined) },
      ]),
    ),
  };
}

function toResource(r: Resource): RemoteResource {
  return {
    id: r.id!,
    parentId: r.parentId ?? undefined,
    path: r.path ?? "/",
    pathPart: r.pathPart ?? undefined,
    methods: Object.fromEntries(Object.entries(r.resourceMethods ?? {}).map(([k, m]) => [k, toMethod(k, m)])),
  };
}

/** Every resource with its methods and integrations (embed=methods saves a call per method). */
export async function readResources(aws: AwsClients, apiId: string): Promise<RemoteResource[]> {
  const items = await allPages(async (position) => {
    try {
      return await aws.apigw.send(new GetResourcesCommand({ restApiId: apiId, limit: 500, embed: ["methods"], position }));
    } catch (err) {
      if (awsErrorCode(err) === "NotFoundException") throw await apiNotFound(aws, apiId, err);
      throw describeAwsError(err, { action: "GetResources", resource: `REST API ${apiId}`, endpoint: aws.endpoint });
    }
  });
  return items.map(toResource);
}

export async function getRestApi(aws: AwsClients, apiId: string): Promise<RestApiInfo> {
  try {
    const api = await aws.apigw.send(new GetRestApiCommand({ restApiId: apiId }));
    return { id: api.id ?? apiId, name: api.name ?? undefined, binaryMediaTypes: api.binaryMediaTypes ?? [], ...(api.apiKeySource ? { apiKeySource: api.apiKeySource } : {}) };
  } catch (err) {
    if (awsErrorCode(err) === "NotFoundException") throw await apiNotFound(aws, apiId, err);
    throw describeAwsError(err, { action: "GetRestApi", resource: `REST API ${apiId}`, endpoint: aws.endpoint });
  }
}

export async function createRestApi(aws: AwsClients, input: { name: string; description?: string; binaryMediaTypes?: string[] }): Promise<RestApiInfo> {
  const api = await call(aws, "CreateRestApi", input.name, () =>
    aws.apigw.send(
      new CreateRestApiCommand({
        name: input.name,
        description: input.description,
        endpointConfiguration: { types: ["REGIONAL"] },
        ...(input.binaryMediaTypes?.length ? { binaryMediaTypes: input.binaryMediaTypes } : {}),
      }),
    ),
  );
  return { id: api.id!, name: api.name ?? input.name, binaryMediaTypes: api.binaryMediaTypes ?? [] };
}

export async function createResource(aws: AwsClients, apiId: string, parentId: string, pathPart: string, path: string): Promise<RemoteResource> {
  const r = await call(aws, "CreateResource", path, () => aws.apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId, pathPart })));
  return toResource({ ...r, path: r.path ?? path, resourceMethods: {} });
}

export async function deleteResource(aws: AwsClients, apiId: string, resourceId: string, path: string): Promise<void> {
  await call(aws, "DeleteResource", path, () => aws.apigw.send(new DeleteResourceCommand({ restApiId: apiId, resourceId })));
}

/** PutMethod; false when the method already exists (ConflictException). */
export async function putMethod(aws: AwsClients, apiId: string, resourceId: string, httpMethod: string, settings: MethodSettings, what: string): Promise<boolean> {
  try {
    await aws.apigw.send(
      new PutMethodCommand({
        restApiId: apiId,
        resourceId,
        httpMethod,
        authorizationType: settings.authorizationType,
        ...(settings.authorizerId ? { authorizerId: settings.authorizerId } : {}),
        apiKeyRequired: settings.apiKeyRequired,
      }),
    );
    return true;
  } catch (err) {
    if (awsErrorCode(err) === "ConflictException") return false;
    throw describeAwsError(err, { action: "PutMethod", resource: what, endpoint: aws.endpoint });
  }
}

export async function updateMethod(aws: AwsClients, apiId: string, resourceId: string, httpMethod: string, patchOperations: PatchOperation[], what: string): Promise<void> {
  await call(aws, "UpdateMethod", what, () => aws.apigw.send(new UpdateMethodCommand({ restApiId: apiId, resourceId, httpMethod, patchOperations })));
}

export async function deleteMethod(aws: AwsClients, apiId: string, resourceId: string, httpMethod: string, what: string): Promise<void> {
  try {
    await aws.apigw.send(new DeleteMethodCommand({ restApiId: apiId, resourceId, httpMethod }));
  } catch (err) {
    if (awsErrorCode(err) === "NotFoundException") return;
    throw describeAwsError(err, { action: "DeleteMethod", resource: what, endpoint: aws.endpoint });
  }
}

/** Lambda proxy integration: PutIntegration replaces whatever integration was there. */
export async function putProxyIntegration(aws: AwsClients, apiId: string, resourceId: string, httpMethod: string, uri: string, what: string): Promise<void> {
  await call(aws, "PutIntegration", what, () =>
    aws.apigw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId, httpMethod, type: "AWS_PROXY", integrationHttpMethod: "POST", uri })),
  );
}

export async function putMockIntegration(
  aws: AwsClients,
  apiId: string,
  resourceId: string,
  httpMethod: string,
  requestTemplates: Record<string, string>,
  what: string,
): Promise<void> {
  await call(aws, "PutIntegration", what, () =>
    aws.apigw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId, httpMethod, type: "MOCK", requestTemplates, passthroughBehavior: "WHEN_NO_MATCH" })),
  );
}

export async function putMethodResponse(
  aws: AwsClients,
  apiId: string,
  resourceId: string,
  httpMethod: string,
  statusCode: string,
  responseParameters: Record<string, boolean>,
  what: string,
): Promise<void> {
  await call(aws, "PutMethodResponse", what, () =>
    aws.apigw.send(
      new PutMethodResponseCommand({ restApiId: apiId, resourceId, httpMethod, statusCode, responseParameters, responseModels: { "application/json": "Empty" } }),
    ),
  );
}

export async function putIntegrationResponse(
  aws: AwsClients,
  apiId: string,
  resourceId: string,
  httpMethod: string,
  statusCode: string,
  responseParameters: Record<string, string>,
  what: string,
): Promise<void> {
  await call(aws, "PutIntegrationResponse", what, () =>
    aws.apigw.send(
      new PutIntegrationResponseCommand({ restApiId: apiId, resourceId, httpMethod, statusCode, responseParameters, responseTemplates: { "application/json": "" } }),
    ),
  );
}

/** "image/png" -> the patch path segment; "/" is escaped as "~1" (JSON Pointer), "~" as "~0". */
const pointer = (t: string) => t.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The type goes both in the path (how AWS documents it) and in `value` (which moto reads);
 * AWS ignores the value of these operations.
 */
export async function updateBinaryMediaTypes(aws: AwsClients, apiId: string, add: string[], remove: string[]): Promise<void> {
  const patchOperations: PatchOperation[] = [
    ...remove.map((t) => ({ op: "remove" as const, path: `/binaryMediaTypes/${pointer(t)}`, value: t })),
    ...add.map((t) => ({ op: "add" as const, path: `/binaryMediaTypes/${pointer(t)}`, value: t })),
  ];
  if (patchOperations.length === 0) return;
  await call(aws, "UpdateRestApi", `REST API ${apiId}`, () => aws.apigw.send(new UpdateRestApiCommand({ restApiId: apiId, patchOperations })));
}
