// `lgw api sync`: reads the REST API and the routed functions, plans (pure, plan.ts), and the
// command prints the plan before apply.ts executes it.
import { UsageError } from "../errors.js";
import type { AwsClients } from "../aws/clients.js";
import { getRestApi, readResources } from "../aws/apigateway.js";
import { findFunctionArn, getPolicyStatements } from "../aws/permissions.js";
import { readAuthorizers } from "../aws/apigateway-access.js";
import { readGatewayResponses, readModels, readValidators } from "../aws/apigateway-extras.js";
import { readApiKeys, readStageNames, readUsagePlans } from "../aws/apigateway-usage.js";
import { envName } from "../apigw/rest/keys-store.js";
import { lgwMark } from "./usage-plans.js";
import type { RestAuthorizerConfig } from "../config/rest-access.js";
import { projectRoutes } from "../routes/project.js";
import { restCorsSpecs } from "./cors.js";
import { refuseRestFor } from "./http/project.js";
import { planSync, type SyncPlan } from "./plan.js";
import { openApi, type ApiCommandOptions } from "./target.js";
import type { RemoteResource } from "../aws/rest-types.js";
import { resolveProject } from "../config/resolve.js";

export interface PreparedSync {
  aws: AwsClients;
  plan: SyncPlan;
  resources: RemoteResource[];
  implicitRoutes: boolean;
}

export async function prepareSync(input: ApiCommandOptions & { prune?: boolean }): Promise<PreparedSync> {
  const config = resolveProject(input.cwd, "optional");
  if (!config) throw new UsageError("no lgw.json here: `lgw api sync` applies its routes; run it in a project (or -C <dir>)");
  const { routes, implicit } = projectRoutes(config);
  refuseRestFor(config, routes);
  if (config.api.cors) restCorsSpecs(config.api.cors, routes, config.api.corsPaths); // a bad api.cors fails before any AWS call
  const { apiId, aws } = await openApi(input, config);
  // MOCK and HTTP routes ("" for a function) call none
  const authorizers = config.authorizers.filter((a): a is RestAuthorizerConfig => a.type === "token" || a.type === "request" || a.type === "cognito");
  const authorizerFns = authorizers.flatMap((a) => (a.type === "cognito" ? [] : [a.function]));
  const names = [...new Set([...routes.map((r) => r.functionName), ...authorizerFns].filter(Boolean))];
  // policies of every project function (none for one not deployed), to find statements a
  // re-pointed route left behind
  const policyNames = [...new Set([...names, ...config.functions.map((f) => f.name)])];
  const plans = config.api.rest?.usagePlans ?? [];
  // access control is read alongside, but an unknown API (or an HTTP API's id) is reported by
  // GetResources/GetRestApi, whose messages say what to do
  const accessReads = readAccess(aws, apiId, plans.length > 0 || Boolean(input.prune));
  accessReads.catch(() => undefined);
  const [resources, api, arns, policies] = await Promise.all([
    readResources(aws, apiId),
    getRestApi(aws, apiId),
    Promise.all(names.map((n) => findFunctionArn(aws, n))),
    Promise.all(policyNames.map((n) => getPolicyStatements(aws, n))),
  ]);
  const remote = await accessReads;
  const keyNames = plans.flatMap((p) => p.keys);
  const givenKeyValues = Object.fromEntries(keyNames.filter((k) => process.env[envName(k)]).map((k) => [k, envName(k)]));
  const plan = planSync({
    apiId,
    region: aws.region,
    routes,
    resources,
    binaryMediaTypes: { current: api.binaryMediaTypes, desired: config.api.binaryMediaTypes },
    functionArns: Object.fromEntries(names.flatMap((n, i) => (arns[i] ? [[n, arns[i]]] : []))),
    undeployed: names.filter((_, i) => !arns[i]),
    permissions: Object.fromEntries(policyNames.map((n, i) => [n, policies[i]!])),
    prune: Boolean(input.prune),
    cors: config.api.cors,
    corsPaths: config.api.corsPaths,
    access: { authorizers, settings: config.api.rest, apiKeySource: api.apiKeySource, givenKeyValues, remote },
  });
  return { aws, plan, resources, implicitRoutes: implicit };
}

/** What the API has of access control (and, when `usage`, the API keys and usage plans). */
async function readAccess(aws: AwsClients, apiId: string, usage: boolean) {
  const [authorizers, gatewayResponses, models, validators, keysAndPlans] = await Promise.all([
    readAuthorizers(aws, apiId),
    readGatewayResponses(aws, apiId),
    readModels(aws, apiId),
    readValidators(aws, apiId),
    usage ? readUsage(aws, apiId) : undefined,
  ]);
  return { authorizers, gatewayResponses, models, validators, usage: keysAndPlans };
}

/** The account's API keys and lgw's usage plans for this API, and the API's stages. */
async function readUsage(aws: AwsClients, apiId: string) {
  const mark = lgwMark(apiId);
  const [keys, plans, stages] = await Promise.all([readApiKeys(aws), readUsagePlans(aws, (d) => d === mark), readStageNames(aws, apiId)]);
  return { keys, plans, stages };
}
