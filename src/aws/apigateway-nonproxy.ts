// Edge: the API Gateway calls that build a REST method with a non-proxy integration (Lambda
// custom, MOCK, HTTP_PROXY): the integration with its templates and passthrough behaviour, and
// one method response + integration response per status code (the method itself, with its
// request parameters, is putMethodWithAccess's). Kept apart from apigateway.ts, which serves
// proxy routes and CORS.
import {
  DeleteIntegrationResponseCommand,
  DeleteMethodResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodResponseCommand,
} from "@aws-sdk/client-api-gateway";
import type { NonProxySpec, ResponseSpec } from "./rest-types.js";
import type { AwsClients } from "./clients.js";
import { call } from "./apigateway.js";
import { awsErrorCode, describeAwsError } from "./errors.js";

interface MethodRef {
  apiId: string;
  resourceId: string;
  httpMethod: string;
  /** "POST /orders", for messages */
  what: string;
}

export async function putNonProxyIntegration(aws: AwsClients, m: MethodRef, spec: NonProxySpec): Promise<void> {
  await call(aws, "PutIntegration", m.what, () =>
    aws.apigw.send(
      new PutIntegrationCommand({
        restApiId: m.apiId,
        resourceId: m.resourceId,
        httpMethod: m.httpMethod,
        type: spec.type,
        ...(spec.uri ? { uri: spec.uri } : {}),
        ...(spec.integrationHttpMethod ? { integrationHttpMethod: spec.integrationHttpMethod } : {}),
        ...(Object.keys(spec.requestTemplates).length ? { requestTemplates: spec.requestTemplates } : {}),
        ...(spec.passthroughBehavior ? { passthroughBehavior: spec.passthroughBehavior } : {}),
        ...(Object.keys(spec.requestParameters).length ? { requestParameters: spec.requestParameters } : {}),
      }),
    ),
  );
}

/** The method response (declaring its headers) and the integration response for one status code. */
export async function putResponse(aws: AwsClients, m: MethodRef, r: ResponseSpec): Promise<void> {
  const declared = Object.fromEntries(Object.keys(r.parameters).map((k) => [k, false]));
  await call(aws, "PutMethodResponse", `${m.what} ${r.statusCode}`, () =>
    aws.apigw.send(new PutMethodResponseCommand({ restApiId: m.apiId, resourceId: m.resourceId, httpMethod: m.httpMethod, statusCode: r.statusCode, responseParameters: declared })),
  );
  await call(aws, "PutIntegrationResponse", `${m.what} ${r.statusCode}`, () =>
    aws.apigw.send(
      new PutIntegrationResponseCommand({
        restApiId: m.apiId,
        resourceId: m.resourceId,
        httpMethod: m.httpMethod,
        statusCode: r.statusCode,
        ...(r.selectionPattern !== undefined ? { selectionPattern: r.selectionPattern } : {}),
        responseParameters: r.parameters,
        responseTemplates: r.templates,
      }),
    ),
  );
}

/** Removes one status code's integration response and method response; gone already is fine. */
export async function deleteResponse(aws: AwsClients, m: MethodRef, statusCode: string): Promise<void> {
  const ref = { restApiId: m.apiId, resourceId: m.resourceId, httpMethod: m.httpMethod, statusCode };
  for (const [action, send] of [
    ["DeleteIntegrationResponse", () => aws.apigw.send(new DeleteIntegrationResponseCommand(ref))],
    ["DeleteMethodResponse", () => aws.apigw.send(new DeleteMethodResponseCommand(ref))],
  ] as const) {
    try {
      await send();
    } catch (err) {
      if (awsErrorCode(err) === "NotFoundException") continue;
      throw describeAwsError(err, { action, resource: `${m.what} ${statusCode}`, endpoint: aws.endpoint });
    }
  }
}
