// What `lgw serve` needs to enforce a REST API's access control, as plain data. lgw.json's
// authorizers.NAME (token, request, cognito), route settings, api.models, api.usagePlans and
// api.gatewayResponses are read into these by src/config; the cores in this folder never read
// files or the network.

export type RestAuthorizer =
  | { name: string; type: "token"; functionName: string; identitySource: string; validationExpression?: string; ttl: number }
  | { name: string; type: "request"; functionName: string; identitySource: string[]; ttl: number }
  | { name: string; type: "cognito"; userPoolArns: string[]; identitySource: string; ttl: number };

/** A route's access settings (REST). */
export interface RestRouteAccess {
  authorizer?: string;
  /** Cognito: the token must hold one of these scopes (an access token then, not an ID token) */
  authorizationScopes?: string[];
  apiKeyRequired?: boolean;
  /** content type -> model name */
  requestModels?: Record<string, string>;
  requestValidator?: "body" | "params" | "all";
  /** "querystring.name", "header.X-Id", "path.id" */
  requiredParameters?: string[];
}

export interface UsagePlan {
  name: string;
  throttle?: { rateLimit: number; burstLimit: number };
  quota?: { limit: number; period: "DAY" | "WEEK" | "MONTH" };
  /** API key names */
  keys: string[];
}

/** An API key as lgw serve knows it: its name, local id and secret value. */
export interface ApiKey {
  name: string;
  id: string;
  value: string;
}

export interface GatewayResponseOverride {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: string;
}
