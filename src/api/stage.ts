// `lgw api create-stage`: a deployment into a stage, and the URL it answers on.
import { createDeployment } from "../aws/apigateway.js";
import { invokeUrl } from "./arns.js";
import { refuseRestFor, routesIfAny } from "./http/project.js";
import { checkStageName, parseStageVariables } from "./input.js";
import { loadProjectIfAny, openApi, type ApiCommandOptions } from "./target.js";

export interface CreateStageResult {
  apiId: string;
  stage: string;
  deploymentId: string;
  variables: Record<string, string>;
  url: string;
}

export async function createStage(
  input: ApiCommandOptions & { stage: string; description?: string; variables?: string[] },
  log: { step(message: string): void },
): Promise<CreateStageResult> {
  const stage = checkStageName(input.stage);
  const config = loadProjectIfAny(input.cwd);
  // a REST API in front of v2 functions would answer every route with their 404s
  if (config) refuseRestFor(config, routesIfAny(config));
  const variables = parseStageVariables(input.variables ?? [], config?.api.stageVariables);
  const { apiId, aws } = await openApi(input, config);
  log.step(`deploying REST API ${apiId} to stage ${stage}`);
  const { deploymentId } = await createDeployment(aws, apiId, { stageName: stage, description: input.description, variables });
  return { apiId, stage, deploymentId, variables, url: invokeUrl(apiId, aws.region, stage) };
}
