// The REST API as lgw sees it: resources by path, each with its methods and their integrations.
// src/aws reads AWS into these shapes and owns them; everything in src/api works on them.

export interface RemoteIntegration {
  /** AWS_PROXY, MOCK, HTTP, HTTP_PROXY, AWS */
  type?: string;
  uri?: string;
  /** the method API Gateway uses towards the backend (POST for Lambda) */
  httpMethod?: string;
  requestTemplates?: Record<string, string>;
  /** status code -> the header mappings of that integration response */
  responseParameters?: Record<string, Record<string, string>>;
  passthroughBehavior?: string;
  /** integration.request.path.X -> method.request.path.X (HTTP_PROXY path variables) */
  requestParameters?: Record<string, string>;
  /** status code -> the integration response's selection pattern and templates (non-proxy methods) */
  responses?: Record<string, { selectionPattern?: string; responseTemplates: Record<string, string> }>;
}

export interface RemoteMethod {
  httpMethod: string;
  authorizationType?: string;
  authorizerId?: string;
  apiKeyRequired?: boolean;
  authorizationScopes?: string[];
  /** content type -> model name */
  requestModels?: Record<string, string>;
  requestValidatorId?: string;
  integration?: RemoteIntegration;
  /** method.request.path.X -> required */
  requestParameters?: Record<string, boolean>;
  /** status code -> the header parameters its method response declares */
  methodResponses?: Record<string, Record<string, boolean>>;
}

export interface RemoteResource {
  id: string;
  parentId?: string;
  /** "/" for the root, "/users/{id}" below it */
  path: string;
  pathPart?: string;
  /** keyed by HTTP method (GET, ANY, OPTIONS, ...) */
  methods: Record<string, RemoteMethod>;
}

export interface RestApiInfo {
  id: string;
  name?: string;
  binaryMediaTypes: string[];
  /** HEADER (x-api-key) or AUTHORIZER (the authorizer's usageIdentifierKey) */
  apiKeySource?: string;
}

export type Authorization = "NONE" | "AWS_IAM" | "CUSTOM" | "COGNITO_USER_POOLS";

export interface MethodSettings {
  authorizationType: Authorization;
  authorizerId?: string;
  apiKeyRequired: boolean;
}

/** A statement of a function's resource policy, reduced to what lgw compares. */
export interface PolicyStatement {
  sid: string;
  principal?: string;
  action?: string;
  sourceArn?: string;
}

// What the api/ plans ask src/aws to make (gateway responses, non-proxy integrations) and the
// account-wide API keys and usage plans as read back.
export interface GatewayResponseSpec {
  type: string;
  statusCode?: string;
  /** gatewayresponse.header.NAME -> 'value' */
  parameters: Record<string, string>;
  /** application/json -> body (absent: API Gateway's default template) */
  templates: Record<string, string>;
}

export interface ResponseSpec {
  statusCode: string;
  /** absent for the default response */
  selectionPattern?: string;
  /** method.response.header.NAME -> mapping expression */
  parameters: Record<string, string>;
  /** content type -> template */
  templates: Record<string, string>;
}

export interface NonProxySpec {
  type: "AWS" | "MOCK" | "HTTP_PROXY";
  uri?: string;
  integrationHttpMethod?: string;
  requestTemplates: Record<string, string>;
  passthroughBehavior?: string;
  /** integration.request.path.X -> method.request.path.X */
  requestParameters: Record<string, string>;
  /** method.request.path.X -> required */
  methodRequestParameters: Record<string, boolean>;
  /** by status code */
  responses: ResponseSpec[];
}

export interface RemoteApiKey {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  value?: string;
}

export interface RemoteUsagePlan {
  id: string;
  name: string;
  description?: string;
  throttle?: { rateLimit?: number; burstLimit?: number };
  quota?: { limit?: number; period?: string };
  apiStages: { apiId: string; stage: string }[];
  /** ids of its API keys */
  keyIds: string[];
}
