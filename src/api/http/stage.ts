// `lgw api create-stage` for an HTTP API: a stage with auto-deploy on (changes go live as `lgw
// api sync` makes them), its stage variables from lgw.json and --variable, and its URL.
import type { AwsClients } from "../../aws/clients.js";
import { UsageError } from "../../errors.js";
import { findHttpApi, missingHttpApi } from "../../aws/apigatewayv2.js";
import { createStageV2, getStageV2, updateStageV2 } from "../../aws/apigatewayv2-stages.js";
import type { ProjectConfig } from "../../config/types.js";
import { parseStageVariables } from "../input.js";
import { openApi, type ApiCommandOptions } from "../target.js";
import { httpInvokeUrl } from "./arns.js";

export interface HttpStageResult {
  apiId: string;
  stage: string;
  autoDeploy: true;
  change: "created" | "updated" | "unchanged";
  variables: Record<string, string>;
  url: string;
}

/** HTTP API stage names: "$default", or 1-128 of letters, digits, - and _. */
export function checkHttpStageName(stage: string): string {
  if (stage === "$default" || /^[A-Za-z0-9_-]{1,128}$/.test(stage)) return stage;
  throw new UsageError(`invalid stage name "${stage}": use $default, or 1-128 letters, digits, "-" and "_" (e.g. prod)`);
}

const sameVars = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export async function createHttpStage(
  input: ApiCommandOptions & { stage: string; description?: string; variables?: string[] },
  config: ProjectConfig,
  log: { step(message: string): void },
): Promise<HttpStageResult> {
  const stage = checkHttpStageName(input.stage);
  const variables = parseStageVariables(input.variables ?? [], config.api.stageVariables);
  const { apiId, aws } = await openApi(input, config);
  // GetStage answers NotFound for a missing API too: tell the two apart before creating
  if (!(await findHttpApi(aws, apiId))) throw await missingHttpApi(aws, apiId, undefined);
  return ensureHttpStage(aws, apiId, { stage, description: input.description, variables }, log);
}

/**
 * An auto-deploying stage: made if missing, switched to auto-deploy (and its variables set) if
 * not. Such a stage takes no explicit deployments; it serves every change as it is made.
 */
export async function ensureHttpStage(
  aws: AwsClients,
  apiId: string,
  input: { stage: string; description?: string; variables: Record<string, string> },
  log: { step(message: string): void },
): Promise<HttpStageResult> {
  const { stage, variables } = input;
  const current = await getStageV2(aws, apiId, stage);
  let change: HttpStageResult["change"] = "unchanged";
  if (!current) {
    log.step(`creating stage ${stage} of HTTP API ${apiId} (auto-deploy)`);
    await createStageV2(aws, apiId, { stageName: stage, description: input.description, variables });
    change = "created";
  } else if (!current.autoDeploy || !sameVars(current.variables, variables)) {
    log.step(`updating stage ${stage} of HTTP API ${apiId}`);
    await updateStageV2(aws, apiId, { stageName: stage, variables });
    change = "updated";
  }
  return { apiId, stage, autoDeploy: true, change, variables, url: httpInvokeUrl(apiId, aws.region, stage) };
}
