// Pure: `lgw api sync` for a REST API's access control (issue 9). lgw.json's REST authorizers
// become API Gateway authorizers (TOKEN, REQUEST, COGNITO_USER_POOLS) with the invoke permission
// on the authorizer function; a route's access settings become its method's authorization type,
// authorizer, scopes, API key requirement, request models, validator and required parameters.
// Authorizers and validators are named in steps and resolved to ids at apply (a new one has none
// yet). Once lgw.json uses REST access control at all (an authorizer, or a route's access
// settings), it is the truth for every route's method; before that, sync leaves a method's
// authorization as it is (`lgw api create-method --authorization` set it by hand).
import type { RestAuthorizerConfig } from "../config/rest-access.js";
import type { AuthorizerFields, RemoteAuthorizer } from "../aws/apigateway-access.js";
import type { Route } from "../routes/table.js";
import { functionNameFromUri, statementId } from "./arns.js";
import type { RemoteMethod } from "../aws/rest-types.js";

export type ValidatorKind = "body" | "params" | "all";

/** What a route's method should say about access, by name. */
export interface MethodAccess {
  authorizationType: "NONE" | "CUSTOM" | "COGNITO_USER_POOLS";
  authorizer?: string;
  authorizationScopes?: string[];
  apiKeyRequired: boolean;
  requestModels?: Record<string, string>;
  validator?: ValidatorKind;
  /** method.request.querystring.NAME -> true */
  requestParameters: Record<string, boolean>;
}

/** Name -> id of what the API has (and, at apply, what the sync created). */
export interface AccessIds {
  authorizers: Record<string, string>;
  validators: Record<string, string>;
  /** API keys and usage plans (usage-plans.ts) */
  keys: Record<string, string>;
  plans: Record<string, string>;
}

export interface AuthorizerPermission {
  functionName: string;
  statementId: string;
  /** arn:...:execute-api:REGION:ACCOUNT:API/authorizers/ : the id is appended at apply */
  sourceArnPrefix: string;
}

export type AccessStep =
  | { action: "create-authorizer"; fields: AuthorizerFields; permission?: AuthorizerPermission; needsDeploy?: true }
  | { action: "update-authorizer"; name: string; id: string; was: string; patch: { op: "replace"; path: string; value: string }[]; needsDeploy?: true }
  | { action: "add-authorizer-permission"; name: string; id: string; permission: AuthorizerPermission; needsDeploy?: true }
  | { action: "delete-authorizer"; name: string; id: string; removePermission?: { functionName: string; statementId: string } };

// every action of a AccessStep, once: the compiler keeps this in step with the type, and the sync's
// apply and render dispatch on it instead of listing the actions again
const ACCESSSTEP_ACTIONS: Record<AccessStep["action"], true> = {
  "create-authorizer": true,
  "update-authorizer": true,
  "add-authorizer-permission": true,
  "delete-authorizer": true,
};

export function isAccessStep(step: { action: string }): step is AccessStep {
  return Object.hasOwn(ACCESSSTEP_ACTIONS, step.action);
}

export const validatorName = (kind: ValidatorKind): string => `lgw-${kind}`;

export function authorizerStatementId(apiId: string, name: string): string {
  return statementId(apiId, "AUTHORIZER", name);
}

/** The method a route should have; undefined when sync leaves the method's access alone. */
export function methodAccessOf(route: Route, authorizers: RestAuthorizerConfig[], manage: boolean): MethodAccess | undefined {
  const a = route.access;
  if (!a && !manage) return undefined;
  const auth = a?.authorizer ? authorizers.find((x) => x.name === a.authorizer) : undefined;
  return {
    authorizationType: !auth ? "NONE" : auth.type === "cognito" ? "COGNITO_USER_POOLS" : "CUSTOM",
    ...(auth ? { authorizer: auth.name } : {}),
    ...(a?.authorizationScopes?.length ? { authorizationScopes: a.authorizationScopes } : {}),
    apiKeyRequired: Boolean(a?.apiKeyRequired),
    ...(a?.requestModels ? { requestModels: a.requestModels } : {}),
    ...(a?.requestValidator ? { validator: a.requestValidator } : {}),
    requestParameters: Object.fromEntries((a?.requiredParameters ?? []).map((p) => [`method.request.${p}`, true])),
  };
}

const sameList = (a: string[] | undefined, b: string[] | undefined) => [...(a ?? [])].sort().join("\n") === [...(b ?? [])].sort().join("\n");
function sameMap(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => (b ?? {})[k] === (a ?? {})[k]);
}

/** What the deployed method does differently about access, or undefined. Parameters are compared only when `params`. */
export function accessDifference(current: RemoteMethod, want: MethodAccess, ids: AccessIds, params: boolean): string | undefined {
  const type = current.authorizationType ?? "NONE";
  if (type !== want.authorizationType) return `authorization ${type}`;
  const authorizerId = want.authorizer ? ids.authorizers[want.authorizer] : undefined;
  if (want.authorizer && (!authorizerId || current.authorizerId !== authorizerId)) return `another authorizer than ${want.authorizer}`;
  if (!sameList(current.authorizationScopes, want.authorizationScopes)) return `scopes ${(current.authorizationScopes ?? []).join(" ") || "none"}`;
  if (Boolean(current.apiKeyRequired) !== want.apiKeyRequired) return `apiKeyRequired ${Boolean(current.apiKeyRequired)}`;
  if (!sameMap(current.requestModels, want.requestModels)) return "other request models";
  const validatorId = want.validator ? ids.validators[validatorName(want.validator)] : undefined;
  if ((want.validator && !validatorId) || (current.requestValidatorId ?? undefined) !== validatorId) return "another request validator";
  if (params && !sameMap(current.requestParameters, want.requestParameters)) return "other required parameters";
  return undefined;
}

export interface AuthorizerContext {
  apiId: string;
  region: string;
  prune: boolean;
  remote: RemoteAuthorizer[];
  /** function name -> invocation URI, ARN parts, and whether it is deployed */
  fn: (name: string) => { uri: string; partition: string; account: string; pending: { needsDeploy?: true } };
  /** function name -> its resource policy's (sid, sourceArn) */
  hasStatement: (functionName: string, sid: string, sourceArn: string) => boolean;
}

export function authorizerFields(a: RestAuthorizerConfig, uriOf: (fn: string) => string): AuthorizerFields {
  if (a.type === "cognito") return { name: a.name, type: "COGNITO_USER_POOLS", identitySource: a.identitySource, ttl: a.ttl, providerARNs: [...a.userPoolArns] };
  const base = { name: a.name, authorizerUri: uriOf(a.function), ttl: a.ttl };
  if (a.type === "token") return { ...base, type: "TOKEN", identitySource: a.identitySource, ...(a.validationExpression ? { identityValidationExpression: a.validationExpression } : {}) };
  return { ...base, type: "REQUEST", ...(a.identitySource.length ? { identitySource: a.identitySource.join(",") } : {}) };
}

function authorizerPatch(have: RemoteAuthorizer, want: AuthorizerFields): { op: "replace"; path: string; value: string }[] {
  const ops: { op: "replace"; path: string; value: string }[] = [];
  const put = (path: string, a: string | undefined, b: string | undefined) => {
    if ((a ?? "") !== (b ?? "")) ops.push({ op: "replace", path, value: b ?? "" });
  };
  put("/type", have.type, want.type);
  put("/authorizerUri", have.authorizerUri, want.authorizerUri);
  put("/identitySource", have.identitySource, want.identitySource);
  put("/identityValidationExpression", have.identityValidationExpression, want.identityValidationExpression);
  put("/authorizerResultTtlInSeconds", String(have.ttl ?? 300), String(want.ttl));
  return ops;
}

/** Creates and updates of lgw.json's REST authorizers (before the methods), deletes (after them, --prune). */
export function planAuthorizers(configs: RestAuthorizerConfig[], ctx: AuthorizerContext): { before: AccessStep[]; after: AccessStep[]; notes: string[]; ids: Record<string, string> } {
  const before: AccessStep[] = [];
  const after: AccessStep[] = [];
  const notes: string[] = [];
  const byName = new Map(ctx.remote.map((a) => [a.name, a]));
  for (const c of configs) {
    const fn = c.type === "cognito" ? undefined : ctx.fn(c.function);
    const fields = authorizerFields(c, () => fn!.uri);
    const pending = fn?.pending ?? {};
    const permission = c.type === "cognito" ? undefined : {
      functionName: c.function,
      statementId: authorizerStatementId(ctx.apiId, c.name),
      sourceArnPrefix: `arn:${fn!.partition}:execute-api:${ctx.region}:${fn!.account}:${ctx.apiId}/authorizers/`,
    };
    const have = byName.get(c.name);
    if (!have) {
      before.push({ action: "create-authorizer", fields, ...(permission ? { permission } : {}), ...pending });
      continue;
    }
    if (!sameList(have.providerARNs, fields.providerARNs)) notes.push(`authorizer ${c.name} has other user pools than lgw.json lists: sync cannot change them; rename the authorizer in lgw.json to make a new one`);
    const patch = authorizerPatch(have, fields);
    if (patch.length) before.push({ action: "update-authorizer", name: c.name, id: have.id, was: patch.map((p) => p.path.slice(1)).join(", "), patch, ...pending });
    if (permission && !ctx.hasStatement(permission.functionName, permission.statementId, permission.sourceArnPrefix + have.id)) {
      before.push({ action: "add-authorizer-permission", name: c.name, id: have.id, permission, ...pending });
    }
  }
  const wanted = new Set(configs.map((c) => c.name));
  for (const a of ctx.remote.filter((r) => !wanted.has(r.name))) {
    if (!ctx.prune) {
      notes.push(`authorizer ${a.name} is not in lgw.json (kept; --prune removes it)`);
      continue;
    }
    const fn = functionNameFromUri(a.authorizerUri);
    after.push({ action: "delete-authorizer", name: a.name, id: a.id, ...(fn ? { removePermission: { functionName: fn, statementId: authorizerStatementId(ctx.apiId, a.name) } } : {}) });
  }
  return { before, after, notes, ids: Object.fromEntries(ctx.remote.map((a) => [a.name, a.id])) };
}

export function describeAccessStep(step: AccessStep): string {
  switch (step.action) {
    case "create-authorizer":
      return `+ authorizer ${step.fields.name} (${step.fields.type}${step.permission ? ` -> ${step.permission.functionName}` : ""})`;
    case "update-authorizer":
      return `~ authorizer ${step.name} (${step.was})`;
    case "add-authorizer-permission":
      return `+ permission for authorizer ${step.name} on ${step.permission.functionName}`;
    case "delete-authorizer":
      return `- authorizer ${step.name}`;
  }
}
