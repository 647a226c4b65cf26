// `lgw api sync` for an HTTP API: reads the API and the functions it routes to (and their
// policies), then plans (pure, plan.ts); the command prints the plan before apply.ts runs it.
import { UsageError } from "../../errors.js";
import type { AwsClients } from "../../aws/clients.js";
import { readHttpApi } from "../../aws/apigatewayv2.js";
import { findFunctionArn, getPolicyStatements } from "../../aws/permissions.js";
import type { ProjectConfig } from "../../config/types.js";
import { projectRoutes } from "../../routes/project.js";
import { openApi, type ApiCommandOptions } from "../target.js";
import { planHttpSync, type HttpSyncPlan } from "./plan.js";
import { authorizerSpecs, httpRouteSpecs, httpRoutesOf, payloadFormats } from "./project.js";

export interface PreparedHttpSync {
  aws: AwsClients;
  plan: HttpSyncPlan;
  implicitRoutes: boolean;
}

export async function prepareHttpSync(input: ApiCommandOptions & { prune?: boolean }, config: ProjectConfig): Promise<PreparedHttpSync> {
  const { routes: tableRoutes, implicit } = projectRoutes(config);
  const routes = httpRouteSpecs(httpRoutesOf(tableRoutes, implicit));
  const authorizers = authorizerSpecs(config.authorizers.filter((a) => a.type === "jwt" || a.type === "lambda"));
  for (const r of routes) {
    if (r.authorizer && !authorizers.some((a) => a.name === r.authorizer)) {
      throw new UsageError(`route "${r.routeKey}" uses authorizer ${r.authorizer}, which is not an HTTP API authorizer (jwt or lambda)`);
    }
  }
  const { apiId, aws } = await openApi(input, config);
  const names = [...new Set([...routes.map((r) => r.functionName), ...authorizers.flatMap((a) => (a.type === "lambda" ? [a.functionName] : []))])];
  const policyNames = [...new Set([...names, ...config.functions.map((f) => f.name)])];
  const [remote, arns, policies] = await Promise.all([
    readHttpApi(aws, apiId),
    Promise.all(names.map((n) => findFunctionArn(aws, n))),
    Promise.all(policyNames.map((n) => getPolicyStatements(aws, n))),
  ]);
  if (remote.protocolType && remote.protocolType !== "HTTP") {
    throw new UsageError(`API ${apiId} is a ${remote.protocolType} API, not an HTTP API: check api.id in lgw.json`);
  }
  const plan = planHttpSync({
    apiId,
    region: aws.region,
    routes,
    payloadFormats: payloadFormats(config, names),
    authorizers,
    cors: config.api.cors,
    remote,
    functionArns: Object.fromEntries(names.flatMap((n, i) => (arns[i] ? [[n, arns[i]]] : []))),
    undeployed: names.filter((_, i) => !arns[i]),
    permissions: Object.fromEntries(policyNames.map((n, i) => [n, policies[i]!])),
    prune: Boolean(input.prune),
  });
  return { aws, plan, implicitRoutes: implicit };
}
