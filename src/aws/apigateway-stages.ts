// Edge: a REST API's deployments and stages (`lgw api create-stage`, `lgw api sync --stage`).
import { CreateDeploymentCommand, GetStageCommand } from "@aws-sdk/client-api-gateway";
import { LgwError } from "../errors.js";
import { apiNotFound } from "./apigateway.js";
import type { AwsClients } from "./clients.js";
import { awsErrorCode, describeAwsError } from "./errors.js";

export async function createDeployment(
  aws: AwsClients,
  apiId: string,
  input: { stageName: string; description?: string; variables?: Record<string, string> },
): Promise<{ deploymentId: string }> {
  try {
    const d = await aws.apigw.send(
      new CreateDeploymentCommand({
        restApiId: apiId,
        stageName: input.stageName,
        description: input.description,
        ...(input.variables && Object.keys(input.variables).length ? { variables: input.variables } : {}),
      }),
    );
    return { deploymentId: d.id! };
  } catch (err) {
    const code = awsErrorCode(err);
    if (code === "NotFoundException") throw await apiNotFound(aws, apiId, err);
    const message = (err as Error).message ?? "";
    if (code === "BadRequestException" && /method|integration/i.test(message)) {
      throw new LgwError(`cannot deploy REST API ${apiId}: ${message}`, {
        cause: err,
        hint: "add routes first: `lgw api sync` or `lgw api create-method <METHOD> <path>`",
      });
    }
    throw describeAwsError(err, { action: "CreateDeployment", resource: `REST API ${apiId}`, endpoint: aws.endpoint });
  }
}

/** The stage, or undefined when the API has none of that name. */
export async function findStage(aws: AwsClients, apiId: string, stageName: string): Promise<{ deploymentId?: string; variables: Record<string, string> } | undefined> {
  try {
    const s = await aws.apigw.send(new GetStageCommand({ restApiId: apiId, stageName }));
    return { deploymentId: s.deploymentId ?? undefined, variables: s.variables ?? {} };
  } catch (err) {
    if (awsErrorCode(err) === "NotFoundException") return undefined;
    throw describeAwsError(err, { action: "GetStage", resource: `stage ${stageName} of REST API ${apiId}`, endpoint: aws.endpoint });
  }
}
