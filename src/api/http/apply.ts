// Edge: executes an HTTP API sync plan step by step, in its order, through src/aws/apigatewayv2.ts.
import { LgwError } from "../../errors.js";
import type { AwsClients } from "../../aws/clients.js";
import * as v2 from "../../aws/apigatewayv2.js";
import { removePermission } from "../../aws/permissions.js";
import { undeployedError } from "../apply.js";
import { ensurePermission } from "../ensure.js";
import { authorizerSourceArn } from "./arns.js";
import type { HttpSyncPlan, HttpSyncStep, RouteAuth } from "./plan.js";
import { runSteps } from "../steps.js";
import { describeHttpStep } from "./render.js";

type Log = { step(message: string): void };

interface State {
  integrationIds: Record<string, string>;
  authorizerIds: Record<string, string>;
}

function idOf(map: Record<string, string>, key: string, what: string): string {
  const id = map[key];
  if (!id) throw new LgwError(`no ${what} ${key} in the API (it changed while lgw was syncing? run \`lgw api sync\` again)`);
  return id;
}

function routeSettings(state: State, functionName: string, auth: RouteAuth): v2.RouteSettingsV2 {
  const target = `integrations/${idOf(state.integrationIds, functionName, "integration for function")}`;
  if (auth.type === "NONE") return { target, authorizationType: "NONE" };
  const authorizerId = idOf(state.authorizerIds, auth.authorizer, "authorizer");
  return auth.type === "JWT" ? { target, authorizationType: "JWT", authorizerId, scopes: auth.scopes } : { target, authorizationType: "CUSTOM", authorizerId };
}

async function applyStep(aws: AwsClients, plan: HttpSyncPlan, state: State, step: HttpSyncStep, log: Log): Promise<void> {
  const apiId = plan.apiId;
  switch (step.action) {
    case "create-integration":
      state.integrationIds[step.functionName] = await v2.createLambdaIntegration(aws, apiId, step.uri, step.payloadFormat, `integration for ${step.functionName}`);
      return;
    case "update-integration":
      await v2.updateLambdaIntegration(aws, apiId, step.integrationId, step.uri, step.payloadFormat, `integration for ${step.functionName}`);
      return;
    case "create-authorizer": {
      const id = await v2.createAuthorizer(aws, apiId, step.spec, step.uri);
      state.authorizerIds[step.name] = id;
      if (step.permission) await ensurePermission(aws, { ...step.permission, sourceArn: authorizerSourceArn(plan.scope, id) }, log);
      return;
    }
    case "update-authorizer":
      await v2.updateAuthorizer(aws, apiId, step.authorizerId, step.spec, step.uri);
      return;
    case "create-route":
      await v2.createRoute(aws, apiId, step.routeKey, routeSettings(state, step.functionName, step.auth));
      await ensurePermission(aws, step.permission, log);
      return;
    case "update-route":
      await v2.updateRoute(aws, apiId, step.routeId, step.routeKey, routeSettings(state, step.functionName, step.auth));
      await ensurePermission(aws, step.permission, log);
      return;
    case "add-permission":
      await ensurePermission(aws, step.permission, log);
      return;
    case "remove-permission":
      await removePermission(aws, step.functionName, step.statementId, log);
      return;
    case "remove-duplicate-permission":
      // one statement per call (moto removes the first copy it finds)
      for (let i = 0; i < step.count; i++) if (!(await removePermission(aws, step.functionName, step.statementId, log))) break;
      return;
    case "delete-route":
      await v2.deleteRoute(aws, apiId, step.routeId, step.routeKey);
      if (step.removePermission) await removePermission(aws, step.removePermission.functionName, step.removePermission.statementId, log);
      return;
    case "delete-authorizer":
      await v2.deleteAuthorizer(aws, apiId, step.authorizerId, step.name);
      return;
    case "delete-integration":
      await v2.deleteIntegration(aws, apiId, step.integrationId, `integration ${step.integrationId}`);
      return;
    case "set-cors":
      await v2.setCors(aws, apiId, step.cors);
      return;
    case "delete-cors":
      await v2.deleteCors(aws, apiId);
      return;
  }
}

export async function applyHttpPlan(aws: AwsClients, plan: HttpSyncPlan, log: Log, signal?: AbortSignal): Promise<number> {
  if (plan.undeployed.length) throw undeployedError(plan.undeployed);
  const state: State = { integrationIds: { ...plan.integrationIds }, authorizerIds: { ...plan.authorizerIds } };
  return runSteps(plan.steps, describeHttpStep, (step) => applyStep(aws, plan, state, step, log), log, signal);
}
