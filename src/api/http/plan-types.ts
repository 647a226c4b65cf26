// The shapes of an HTTP API sync plan (plan.ts makes it, apply.ts runs it, render.ts shows it).
import type { AwsOnlyRoute, PermissionSpec } from "../plan.js";
import type { PolicyStatement } from "../../aws/rest-types.js";
import type { ArnScope } from "./arns.js";
import type { CorsConfig, HttpAuthorizerSpec, HttpRouteSpec, PayloadFormat, RemoteHttpApi } from "../../aws/http-types.js";

export type RouteAuth = { type: "NONE" } | { type: "JWT"; authorizer: string; scopes: string[] } | { type: "CUSTOM"; authorizer: string };

export type Pending = { needsDeploy?: true };
export type HttpSyncStep =
  | ({ action: "create-integration"; functionName: string; uri: string; payloadFormat: PayloadFormat } & Pending)
  | ({ action: "update-integration"; integrationId: string; functionName: string; uri: string; payloadFormat: PayloadFormat; was: string } & Pending)
  | ({ action: "create-authorizer"; name: string; spec: HttpAuthorizerSpec; uri?: string; permission?: { functionName: string; statementId: string } } & Pending)
  | ({ action: "update-authorizer"; authorizerId: string; name: string; spec: HttpAuthorizerSpec; uri?: string; was: string } & Pending)
  | ({ action: "create-route"; routeKey: string; functionName: string; auth: RouteAuth; permission: PermissionSpec } & Pending)
  | ({ action: "update-route"; routeId: string; routeKey: string; functionName: string; auth: RouteAuth; was: string; permission: PermissionSpec } & Pending)
  | ({ action: "add-permission"; what: string; permission: PermissionSpec } & Pending)
  | { action: "remove-permission"; what: string; functionName: string; statementId: string }
  /** a statement id held more than once (two runs at once against moto): every copy goes, and the route's own is added back */
  | { action: "remove-duplicate-permission"; functionName: string; statementId: string; count: number }
  | { action: "delete-route"; routeId: string; routeKey: string; removePermission?: { functionName: string; statementId: string } }
  | { action: "delete-authorizer"; authorizerId: string; name: string }
  | { action: "delete-integration"; integrationId: string; functionName?: string }
  | { action: "set-cors"; cors: CorsConfig }
  | { action: "delete-cors" };

export interface HttpSyncPlan {
  kind: "http";
  apiId: string;
  steps: HttpSyncStep[];
  unchanged: string[];
  undeployed: string[];
  notes: string[];
  /** routes the API has and lgw.json does not name: kept without --prune, deleted with it */
  awsOnly: AwsOnlyRoute[];
  /** ids already in AWS, by function and by authorizer name (apply adds the ones it creates) */
  integrationIds: Record<string, string>;
  authorizerIds: Record<string, string>;
  scope: ArnScope;
}

export interface HttpSyncInput {
  apiId: string;
  region: string;
  routes: HttpRouteSpec[];
  /** function name -> the payload format its integration uses */
  payloadFormats: Record<string, PayloadFormat>;
  authorizers: HttpAuthorizerSpec[];
  cors?: CorsConfig;
  remote: RemoteHttpApi;
  functionArns: Record<string, string>;
  undeployed?: string[];
  permissions: Record<string, PolicyStatement[]>;
  prune: boolean;
}
