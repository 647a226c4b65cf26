// `lgw api create-stage` (and `lgw api sync --stage`): a deployment into a stage, created with
// it or replacing the one it serves ("redeployed"), and the URL it answers on.
import type { AwsClients } from "../aws/clients.js";
import { createDeployment, findStage } from "../aws/apigateway-stages.js";
import { invokeUrl } from "./arns.js";
import { refuseRestFor, routesIfAny } from "./http/project.js";
import { checkStageName, parseStageVariables } from "./input.js";
import { openApi, type ApiCommandOptions } from "./target.js";
import { resolveProject } from "../config/resolve.js";

export interface CreateStageResult {
  apiId: string;
  stage: string;
  /** created: the stage is new; redeployed: it existed and now serves a new deployment */
  change: "created" | "redeployed";
  deploymentId: string;
  /** redeployed: the deployment the stage served before */
  previousDeploymentId?: string;
  variables: Record<string, string>;
  url: string;
}

export async function createStage(
  input: ApiCommandOptions & { stage: string; description?: string; variables?: string[] },
  log: { step(message: string): void },
): Promise<CreateStageResult> {
  const stage = checkStageName(input.stage);
  const config = resolveProject(input.cwd, "optional");
  // a REST API in front of v2 functions would answer every route with their 404s
  if (config) refuseRestFor(config, routesIfAny(config));
  const variables = parseStageVariables(input.variables ?? [], config?.api.stageVariables);
  const { apiId, aws } = await openApi(input, config);
  return deployToStage(aws, apiId, { stage, description: input.description, variables }, log);
}

/** A new deployment of the API as it is now, into `stage` (made if missing). */
export async function deployToStage(
  aws: AwsClients,
  apiId: string,
  input: { stage: string; description?: string; variables: Record<string, string> },
  log: { step(message: string): void },
): Promise<CreateStageResult> {
  const { stage, variables } = input;
  const before = await findStage(aws, apiId, stage);
  log.step(`${before ? "redeploying" : "deploying"} REST API ${apiId} to stage ${stage}`);
  const { deploymentId } = await createDeployment(aws, apiId, { stageName: stage, description: input.description, variables });
  return {
    apiId,
    stage,
    change: before ? "redeployed" : "created",
    deploymentId,
    ...(before?.deploymentId ? { previousDeploymentId: before.deploymentId } : {}),
    variables,
    url: invokeUrl(apiId, aws.region, stage),
  };
}
