// Edge: applies access.ts's steps, and puts a method with its access settings. Names become ids
// here: an authorizer or validator the sync creates gets its id on the way, and later steps
// (the methods naming it) read it from `ids`.
import { LgwError } from "../errors.js";
import type { AwsClients } from "../aws/clients.js";
import * as gw from "../aws/apigateway.js";
import { createAuthorizer, deleteAuthorizer, putMethodWithAccess, updateAuthorizer, type MethodAccessFields } from "../aws/apigateway-access.js";
import { removePermission } from "../aws/permissions.js";
import { validatorName, type AccessIds, type AccessStep, type MethodAccess } from "./access.js";
import { ensurePermission } from "./ensure.js";
import * as extras from "../aws/apigateway-extras.js";
import type { ExtraStep } from "./extras.js";
import type { RemoteResource } from "../aws/rest-types.js";

type Log = { step(message: string): void };

/** The PutMethod fields of a method's access settings, with the ids of what it names. */
export function resolveAccess(access: MethodAccess, ids: AccessIds): MethodAccessFields {
  const id = (kind: string, name: string, table: Record<string, string>) => {
    const v = table[name];
    if (!v) throw new LgwError(`REST API has no ${kind} ${name} (it changed while lgw was syncing? run \`lgw api sync\` again)`);
    return v;
  };
  return {
    authorizationType: access.authorizationType,
    apiKeyRequired: access.apiKeyRequired,
    ...(access.authorizer ? { authorizerId: id("authorizer", access.authorizer, ids.authorizers) } : {}),
    ...(access.authorizationScopes ? { authorizationScopes: access.authorizationScopes } : {}),
    ...(access.requestModels ? { requestModels: access.requestModels } : {}),
    ...(access.validator ? { requestValidatorId: id("request validator", validatorName(access.validator), ids.validators) } : {}),
    requestParameters: access.requestParameters,
  };
}

/** A Lambda proxy method with its access settings: an existing one is deleted and put again (there is no UpdateMethod in moto). */
export async function putProxyMethod(
  aws: AwsClients,
  apiId: string,
  r: RemoteResource,
  step: { method: string; path: string; uri: string; access?: MethodAccess },
  ids: AccessIds,
): Promise<void> {
  const what = `${step.method} ${step.path}`;
  const fields = resolveAccess(step.access!, ids);
  if (r.methods[step.method]) await gw.deleteMethod(aws, apiId, r.id, step.method, what);
  await putMethodWithAccess(aws, { apiId, resourceId: r.id, httpMethod: step.method, what }, fields);
  await gw.putProxyIntegration(aws, apiId, r.id, step.method, step.uri, what);
  r.methods[step.method] = { httpMethod: step.method, authorizationType: fields.authorizationType, integration: { type: "AWS_PROXY", uri: step.uri, httpMethod: "POST" } };
}

export async function applyAccessStep(aws: AwsClients, apiId: string, step: AccessStep, ids: AccessIds, log: Log): Promise<void> {
  switch (step.action) {
    case "create-authorizer": {
      const created = await createAuthorizer(aws, apiId, step.fields);
      ids.authorizers[step.fields.name] = created.id;
      // moto drops identityValidationExpression on create; UpdateAuthorizer keeps it (a no-op on AWS)
      const expr = step.fields.identityValidationExpression;
      if (expr && created.identityValidationExpression !== expr) {
        await updateAuthorizer(aws, apiId, created.id, step.fields.name, [{ op: "replace", path: "/identityValidationExpression", value: expr }]);
      }
      if (step.permission) {
        const p = step.permission;
        await ensurePermission(aws, { functionName: p.functionName, statementId: p.statementId, sourceArn: p.sourceArnPrefix + created.id }, log);
      }
      return;
    }
    case "update-authorizer":
      await updateAuthorizer(aws, apiId, step.id, step.name, step.patch);
      return;
    case "add-authorizer-permission": {
      const p = step.permission;
      await ensurePermission(aws, { functionName: p.functionName, statementId: p.statementId, sourceArn: p.sourceArnPrefix + step.id }, log);
      return;
    }
    case "delete-authorizer":
      await deleteAuthorizer(aws, apiId, step.id, step.name);
      delete ids.authorizers[step.name];
      if (step.removePermission) await removePermission(aws, step.removePermission.functionName, step.removePermission.statementId, log);
      return;
  }
}

export async function applyExtraStep(aws: AwsClients, apiId: string, step: ExtraStep, ids: AccessIds): Promise<void> {
  switch (step.action) {
    case "put-gateway-response":
      return extras.putGatewayResponse(aws, apiId, step.spec);
    case "delete-gateway-response":
      return extras.deleteGatewayResponse(aws, apiId, step.type);
    case "create-model":
      return step.replace ? extras.replaceModel(aws, apiId, step.name, step.schema) : extras.createModel(aws, apiId, step.name, step.schema);
    case "delete-model":
      return extras.deleteModel(aws, apiId, step.name);
    case "create-validator":
      ids.validators[step.name] = await extras.createValidator(aws, apiId, step.name, step.body, step.params);
      return;
    case "update-validator":
      return extras.updateValidator(aws, apiId, step.id, step.name, step.body, step.params);
    case "delete-validator":
      await extras.deleteValidator(aws, apiId, step.id, step.name);
      delete ids.validators[step.name];
      return;
    case "set-api-key-source":
      return extras.setApiKeySource(aws, apiId, step.value);
  }
}
