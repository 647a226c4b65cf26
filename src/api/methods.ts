// `lgw api create-resource`, `create-method` and `cors`: input is checked first (no AWS call on
// bad input), then each step converges with what the API already has.
import { UsageError } from "../errors.js";
import { readResources } from "../aws/apigateway.js";
import { getFunctionArn } from "../aws/permissions.js";
import { selectOneFunction } from "../config/parse.js";
import { functionNameProblem } from "../config/names.js";
import { functionFormat, type ProjectConfig } from "../config/types.js";
import { formatResourcePath } from "../routes/table.js";
import { executeApiSourceArn, integrationUri, parseFunctionArn, statementId } from "./arns.js";
import { addCorsPath, addRoute, type CorsEdit, type RouteEdit } from "../config/edits.js";
import { projectRoutes } from "../routes/project.js";
import { corsSpec, restCorsSpecs, type CorsSpec } from "./cors.js";
import { prepareSave, type Saved } from "./record.js";
import { ensureCors, ensureMethod, ensurePermission, ensureProxyIntegration, ensureResourcePath, type Change } from "./ensure.js";
import { methodSettings, parseMethodArg, parsePathArg } from "./input.js";
import { refuseRestFor, restOnly } from "./http/project.js";
import { indexByPath } from "./tree.js";
import { openApi, type ApiCommandOptions } from "./target.js";
import { resolveProject } from "../config/resolve.js";

type Log = { step(message: string): void; warn(message: string): void };

export interface ResourcePathResult {
  apiId: string;
  path: string;
  resourceId: string;
  created: string[];
  existing: string[];
}

export async function createResourcePath(input: ApiCommandOptions & { path: string }, log: Log): Promise<ResourcePathResult> {
  if (resolveProject(input.cwd, "optional")?.api.type === "http") throw restOnly("create-resource", "(a resource tree)");
  const parts = parsePathArg(input.path);
  const { apiId, aws } = await openApi(input);
  const byPath = indexByPath(await readResources(aws, apiId));
  const { resource, created, existing } = await ensureResourcePath(aws, apiId, byPath, parts, log);
  return { apiId, path: formatResourcePath(parts), resourceId: resource.id, created, existing };
}

export interface CreateMethodInput extends ApiCommandOptions {
  method: string;
  path: string;
  functionName?: string;
  authorization?: string;
  authorizerId?: string;
  apiKeyRequired?: boolean;
  /** false with --no-save: AWS only, lgw.json untouched */
  save?: boolean;
  /** re-point a route lgw.json gives to another function */
  force?: boolean;
}

export interface CreateMethodResult {
  apiId: string;
  method: string;
  path: string;
  functionName: string;
  functionArn: string;
  uri: string;
  resources: { created: string[]; existing: string[] };
  methodChange: Change;
  integrationChange: Change;
  permission: { statementId: string; sourceArn: string; outcome: "added" | "exists" | "replaced" };
  /** the route in lgw.json (or why it was not written) */
  config: Saved<RouteEdit>;
}

function pickFunction(config: ProjectConfig | undefined, name: string | undefined): string {
  if (config) return selectOneFunction(config, name).name;
  if (!name) throw new UsageError("no project here to take the function from: pass --function <name> (or run in a project)");
  const problem = functionNameProblem(name);
  if (problem) throw new UsageError(problem);
  return name;
}

export async function createMethod(input: CreateMethodInput, log: Log): Promise<CreateMethodResult> {
  const method = parseMethodArg(input.method);
  const parts = parsePathArg(input.path);
  const path = formatResourcePath(parts);
  const settings = methodSettings(input);
  const config = resolveProject(input.cwd, "optional");
  if (config?.api.type === "http") throw restOnly("create-method", "(a REST method with its integration)");
  const functionName = pickFunction(config, input.functionName);
  if (config && functionFormat(config, functionName) === "v2") refuseRestFor(config, [{ key: `${method} ${path}`, method, path, parts, functionName }]);
  // a conflicting route, or a table API Gateway would refuse, stops here: nothing is created
  const record = prepareSave(config, { save: input.save !== false, id: input.id }, (json) => addRoute(json, { method, path }, functionName, input.force), (after) => {
    projectRoutes(after);
  });
  const { apiId, aws } = await openApi(input, config);

  // a missing function fails before anything is created
  const functionArn = await getFunctionArn(aws, functionName);
  const arn = parseFunctionArn(functionArn);
  const uri = integrationUri(aws.region, functionArn);
  const byPath = indexByPath(await readResources(aws, apiId));
  const { resource, created, existing } = await ensureResourcePath(aws, apiId, byPath, parts, log);
  log.step(`${method} ${path} -> ${functionName}`);
  const methodChange = await ensureMethod(aws, apiId, resource, method, settings);
  const integrationChange = await ensureProxyIntegration(aws, apiId, resource, method, uri);
  const permission = {
    functionName,
    statementId: statementId(apiId, method, path),
    sourceArn: executeApiSourceArn({ partition: arn.partition, region: aws.region, account: arn.account, apiId, method, parts }),
  };
  const outcome = await ensurePermission(aws, permission, log);
  const saved = record.commit();
  if (saved.saved && settings.authorizationType !== "NONE") {
    log.warn(`lgw.json's routes name functions only: ${method} ${path}'s ${settings.authorizationType} authorization is in AWS, not in lgw.json (sync leaves it as it is until lgw.json sets authorizers or route access; then the route's \`authorizer\` key says it)`);
  }
  return {
    apiId,
    method,
    path,
    functionName,
    functionArn,
    uri,
    resources: { created, existing },
    methodChange,
    integrationChange,
    permission: { statementId: permission.statementId, sourceArn: permission.sourceArn, outcome },
    config: saved,
  };
}

export interface CorsInput extends ApiCommandOptions {
  path: string;
  origin?: string;
  methods?: string[];
  headers?: string[];
  save?: boolean;
  /** replace lgw.json's api.cors when it answers otherwise */
  force?: boolean;
}

export interface CorsResult {
  apiId: string;
  path: string;
  cors: CorsSpec;
  change: Change;
  resources: { created: string[]; existing: string[] };
  /** api.cors in lgw.json (or why it was not written) */
  config: Saved<CorsEdit>;
}

/** The paths the project routes now; none when it cannot say (several functions, no table). */
function routedPaths(config: ProjectConfig | undefined): string[] {
  try {
    return config ? [...new Set(projectRoutes(config).routes.map((r) => r.path))] : [];
  } catch {
    return [];
  }
}

export async function enableCors(input: CorsInput, log: Log): Promise<CorsResult> {
  const config = resolveProject(input.cwd, "optional");
  if (config?.api.type === "http") throw restOnly("cors", "(OPTIONS methods with MOCK integrations)");
  const parts = parsePathArg(input.path);
  const path = formatResourcePath(parts);
  const asked = corsSpec(input, []); // flags are checked before any AWS call
  const request = { path, origin: asked.origin, methods: input.methods?.length ? input.methods.map(parseMethodArg) : undefined, headers: input.headers?.length ? input.headers : undefined };
  const record = prepareSave(config, { save: input.save !== false, id: input.id }, (json) => addCorsPath(json, request, routedPaths(config), input.force), (after) => {
    if (after.api.cors) restCorsSpecs(after.api.cors, routedPaths(after).map((p) => ({ path: p, method: "GET" })), after.api.corsPaths);
  });
  const { apiId, aws } = await openApi(input, config);
  const byPath = indexByPath(await readResources(aws, apiId));
  const { resource, created, existing } = await ensureResourcePath(aws, apiId, byPath, parts, log);
  const own = Object.keys(resource.methods).filter((m) => m !== "OPTIONS");
  if (!input.methods?.length && own.length === 0) {
    log.warn(`${path} has no methods yet: allowing OPTIONS only (add methods first, or pass --methods)`);
  }
  const cors = corsSpec(input, own);
  const change = await ensureCors(aws, apiId, resource, cors);
  return { apiId, path, cors, change, resources: { created, existing }, config: record.commit() };
}
