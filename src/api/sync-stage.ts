// `lgw api sync --stage NAME`: after the sync, the stage serves the API as it now is. A REST API
// gets a new deployment into the stage (made if missing); an HTTP API gets an auto-deploying
// stage, made if missing, which serves every change as sync makes it.
import type { AwsClients } from "../aws/clients.js";
import type { ProjectConfig } from "../config/types.js";
import { checkHttpStageName, ensureHttpStage, type HttpStageResult } from "./http/stage.js";
import { checkStageName, parseStageVariables } from "./input.js";
import { deployToStage, type CreateStageResult } from "./stage.js";

export type SyncStageResult = ({ kind: "rest" } & CreateStageResult) | ({ kind: "http" } & HttpStageResult);

/** The --stage value checked for the project's API type (before any AWS call), or undefined. */
export function checkSyncStage(stage: unknown, http: boolean): string | undefined {
  if (stage === undefined || stage === false) return undefined;
  const name = String(stage);
  return http ? checkHttpStageName(name) : checkStageName(name);
}

export async function deployAfterSync(
  aws: AwsClients,
  apiId: string,
  stage: string,
  config: ProjectConfig,
  log: { step(message: string): void },
): Promise<SyncStageResult> {
  const variables = parseStageVariables([], config.api.stageVariables);
  const description = "lgw api sync";
  if (config.api.type === "http") return { kind: "http", ...(await ensureHttpStage(aws, apiId, { stage, description, variables }, log)) };
  return { kind: "rest", ...(await deployToStage(aws, apiId, { stage, description, variables }, log)) };
}

/** One line (and the URL) saying what the stage does now. */
export function describeStageResult(r: SyncStageResult): string {
  if (r.kind === "http") {
    const what = r.change === "unchanged" ? "is already there (auto-deploy: it serves each change as it is made)" : `${r.change} (auto-deploy)`;
    return `✔ stage ${r.stage} of HTTP API ${r.apiId} ${what}\n${r.url}`;
  }
  return r.change === "redeployed"
    ? `✔ redeployed REST API ${r.apiId} to stage ${r.stage} (deployment ${r.deploymentId}${r.previousDeploymentId ? `, replacing ${r.previousDeploymentId}` : ""})\n${r.url}`
    : `✔ deployed REST API ${r.apiId} to new stage ${r.stage} (deployment ${r.deploymentId})\n${r.url}`;
}
