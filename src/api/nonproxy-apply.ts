// Edge: applies nonproxy.ts's steps. A method that exists is deleted and rebuilt whole (API
// Gateway refuses a second PutMethod and keeps stale responses otherwise); a deployed stage is a
// snapshot, so it keeps serving the old method until the next deployment.
import type { AwsClients } from "../aws/clients.js";
import * as gw from "../aws/apigateway.js";
import { deleteResponse, putNonProxyIntegration, putResponse } from "../aws/apigateway-nonproxy.js";
import { removePermission } from "../aws/permissions.js";
import { putMethodWithAccess, type MethodAccessFields } from "../aws/apigateway-access.js";
import { ensurePermission } from "./ensure.js";
import type { NonProxyStep } from "./nonproxy.js";
import type { RemoteResource } from "../aws/rest-types.js";

type Log = { step(message: string): void };

/** A method with no access settings: no authorization, no API key. */
const OPEN: MethodAccessFields = { authorizationType: "NONE", apiKeyRequired: false };

/** `access`: the method's access settings, resolved (absent: no authorization, no API key). */
export async function applyNonProxyStep(aws: AwsClients, apiId: string, resource: RemoteResource, step: NonProxyStep, log: Log, access?: MethodAccessFields): Promise<void> {
  const ref = { apiId, resourceId: resource.id, httpMethod: step.method, what: `${step.method} ${step.path}` };
  if (step.action === "delete-integration-response") {
    await deleteResponse(aws, ref, step.statusCode);
    return;
  }
  if (resource.methods[step.method]) {
    await gw.deleteMethod(aws, apiId, resource.id, step.method, ref.what);
    delete resource.methods[step.method];
  }
  await putMethodWithAccess(aws, ref, { ...(access ?? OPEN), requestParameters: step.spec.methodRequestParameters });
  resource.methods[step.method] = { httpMethod: step.method };
  await putNonProxyIntegration(aws, ref, step.spec);
  for (const r of step.spec.responses) await putResponse(aws, ref, r);
  if (step.permission) await ensurePermission(aws, step.permission, log);
  if (step.removePermission) await removePermission(aws, step.removePermission.functionName, step.removePermission.statementId, log);
}
