// Edge: converging operations shared by the api commands and `lgw api sync`'s apply. Each one
// compares with what the API already has and changes only what differs, so running a command
// twice changes nothing the second time.
import { LgwError } from "../errors.js";
import type { AwsClients } from "../aws/clients.js";
import * as gw from "../aws/apigateway.js";
import { addPermission, getPolicyStatements, removePermission } from "../aws/permissions.js";
import type { PathPart } from "../routes/table.js";
import { functionNameFromUri } from "./arns.js";
import {
  CORS_REQUEST_TEMPLATES,
  CORS_STATUS,
  corsIntegrationResponseParameters,
  corsMethodResponseParameters,
  corsUpToDate,
  type CorsSpec,
} from "./cors.js";
import { missingResources, siblingConflictError, variableSiblingConflict } from "./tree.js";
import type { MethodSettings, RemoteResource } from "../aws/rest-types.js";

export type Change = "created" | "updated" | "unchanged";
type Log = { step(message: string): void };

/** `mkdir -p` for resources; records new ones in byPath. */
export async function ensureResourcePath(
  aws: AwsClients,
  apiId: string,
  byPath: Map<string, RemoteResource>,
  parts: PathPart[],
  log?: Log,
): Promise<{ resource: RemoteResource; created: string[]; existing: string[] }> {
  const missing = missingResources(byPath, parts);
  const created: string[] = [];
  for (const m of missing) {
    const clash = variableSiblingConflict(byPath.keys(), m);
    if (clash) throw siblingConflictError(clash, m.path, `use the existing name (${clash}) or remove that resource first`);
  }
  for (const m of missing) {
    const parent = byPath.get(m.parentPath);
    if (!parent) throw new LgwError(`REST API ${apiId} has no resource ${m.parentPath} (a bug in lgw: parents are created first)`);
    log?.step(`creating resource ${m.path}`);
    const resource = await gw.createResource(aws, apiId, parent.id, m.pathPart, m.path);
    byPath.set(m.path, { ...resource, path: m.path, parentId: parent.id });
    created.push(m.path);
  }
  const all = missingResources(new Set<string>(), parts).map((m) => m.path);
  const target = byPath.get(all.at(-1) ?? "/");
  if (!target) throw new LgwError(`REST API ${apiId} has no root resource "/"`);
  return { resource: target, created, existing: ["/", ...all].filter((p) => !created.includes(p)) };
}

function sameSettings(r: RemoteResource, method: string, s: MethodSettings): boolean {
  const m = r.methods[method]!;
  return (
    (m.authorizationType ?? "NONE") === s.authorizationType &&
    (s.authorizerId === undefined || m.authorizerId === s.authorizerId) &&
    Boolean(m.apiKeyRequired) === s.apiKeyRequired
  );
}

/**
 * The method with these settings. API Gateway refuses PutMethod on an existing method
 * (ConflictException), so an existing one is compared and patched, keeping its integration.
 */
export async function ensureMethod(aws: AwsClients, apiId: string, resource: RemoteResource, method: string, settings: MethodSettings): Promise<Change> {
  const what = `${method} ${resource.path}`;
  if (!resource.methods[method]) {
    if (await gw.putMethod(aws, apiId, resource.id, method, settings, what)) {
      resource.methods[method] = { httpMethod: method, ...settings };
      return "created";
    }
    // created meanwhile by someone else: fall through and make it match
    resource.methods[method] = { httpMethod: method };
  }
  if (sameSettings(resource, method, settings)) return "unchanged";
  const ops = [
    { op: "replace" as const, path: "/authorizationType", value: settings.authorizationType },
    ...(settings.authorizerId ? [{ op: "replace" as const, path: "/authorizerId", value: settings.authorizerId }] : []),
    { op: "replace" as const, path: "/apiKeyRequired", value: String(settings.apiKeyRequired) },
  ];
  await gw.updateMethod(aws, apiId, resource.id, method, ops, what);
  Object.assign(resource.methods[method]!, settings);
  return "updated";
}

/** AWS_PROXY to this function URI; replaced when it points anywhere else. */
export async function ensureProxyIntegration(aws: AwsClients, apiId: string, resource: RemoteResource, method: string, uri: string): Promise<Change> {
  const m = resource.methods[method];
  const current = m?.integration;
  if (current?.type === "AWS_PROXY" && current.uri === uri && current.httpMethod === "POST") return "unchanged";
  await gw.putProxyIntegration(aws, apiId, resource.id, method, uri, `${method} ${resource.path}`);
  if (m) m.integration = { type: "AWS_PROXY", uri, httpMethod: "POST" };
  return current?.type ? "updated" : "created";
}

/**
 * The statement letting API Gateway invoke the function from exactly sourceArn. A statement with
 * our id but another source (edited by hand) is replaced.
 */
export async function ensurePermission(
  aws: AwsClients,
  p: { functionName: string; statementId: string; sourceArn: string },
  log?: Log,
): Promise<"added" | "exists" | "replaced"> {
  const statements = await getPolicyStatements(aws, p.functionName);
  const mine = statements.find((s) => s.sid === p.statementId);
  if (mine && mine.sourceArn === p.sourceArn && mine.principal === "apigateway.amazonaws.com") return "exists";
  if (mine) await removePermission(aws, p.functionName, p.statementId, log);
  const outcome = await addPermission(aws, p, log);
  return mine ? "replaced" : outcome;
}

/** OPTIONS with a MOCK integration answering the preflight, as the console's "Enable CORS" does. */
export async function ensureCors(aws: AwsClients, apiId: string, resource: RemoteResource, spec: CorsSpec): Promise<Change> {
  const what = `OPTIONS ${resource.path}`;
  const current = resource.methods.OPTIONS;
  if (current?.integration?.type && current.integration.type !== "MOCK") {
    const fn = functionNameFromUri(current.integration.uri);
    throw new LgwError(`${what} already goes to ${fn ? `function ${fn}` : `a ${current.integration.type} integration`}, which answers preflight itself`, {
      hint: "leave CORS to that function, or remove that method (e.g. `lgw api sync --prune` without an OPTIONS route) first",
    });
  }
  if (current && corsUpToDate(current.integration, spec)) return "unchanged";
  // method and integration responses cannot be put twice: rebuild the preflight from scratch
  if (current) await gw.deleteMethod(aws, apiId, resource.id, "OPTIONS", what);
  await gw.putMethod(aws, apiId, resource.id, "OPTIONS", { authorizationType: "NONE", apiKeyRequired: false }, what);
  await gw.putMockIntegration(aws, apiId, resource.id, "OPTIONS", CORS_REQUEST_TEMPLATES, what);
  await gw.putMethodResponse(aws, apiId, resource.id, "OPTIONS", CORS_STATUS, corsMethodResponseParameters(), what);
  const params = corsIntegrationResponseParameters(spec);
  await gw.putIntegrationResponse(aws, apiId, resource.id, "OPTIONS", CORS_STATUS, params, what);
  resource.methods.OPTIONS = {
    httpMethod: "OPTIONS",
    authorizationType: "NONE",
    integration: { type: "MOCK", requestTemplates: CORS_REQUEST_TEMPLATES, responseParameters: { [CORS_STATUS]: params } },
  };
  return current ? "updated" : "created";
}
