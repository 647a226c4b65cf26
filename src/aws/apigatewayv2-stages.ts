// Edge: an HTTP API's stages (auto-deploying; `lgw api create --type http`, `create-stage`, `sync --stage`).
import { CreateStageCommand, GetStageCommand, UpdateStageCommand } from "@aws-sdk/client-apigatewayv2";
import type { AwsClients } from "./clients.js";
import { call } from "./apigateway.js";
import { awsErrorCode, describeAwsError } from "./errors.js";

export interface StageV2 {
  stageName: string;
  autoDeploy: boolean;
  variables: Record<string, string>;
}

export async function getStageV2(aws: AwsClients, apiId: string, stageName: string): Promise<StageV2 | undefined> {
  try {
    const s = await aws.apigwv2.send(new GetStageCommand({ ApiId: apiId, StageName: stageName }));
    return { stageName, autoDeploy: Boolean(s.AutoDeploy), variables: s.StageVariables ?? {} };
  } catch (err) {
    if (awsErrorCode(err) === "NotFoundException") return undefined;
    throw describeAwsError(err, { action: "GetStage", resource: `stage ${stageName} of HTTP API ${apiId}`, endpoint: aws.endpoint });
  }
}

export async function createStageV2(aws: AwsClients, apiId: string, input: { stageName: string; description?: string; variables?: Record<string, string> }): Promise<void> {
  await call(aws, "CreateStage", `stage ${input.stageName} of HTTP API ${apiId}`, () =>
    aws.apigwv2.send(
      new CreateStageCommand({
        ApiId: apiId,
        StageName: input.stageName,
        AutoDeploy: true,
        Description: input.description,
        ...(input.variables && Object.keys(input.variables).length ? { StageVariables: input.variables } : {}),
      }),
    ),
  );
}

export async function updateStageV2(aws: AwsClients, apiId: string, input: { stageName: string; variables?: Record<string, string> }): Promise<void> {
  await call(aws, "UpdateStage", `stage ${input.stageName} of HTTP API ${apiId}`, () =>
    aws.apigwv2.send(new UpdateStageCommand({ ApiId: apiId, StageName: input.stageName, AutoDeploy: true, StageVariables: input.variables ?? {} })),
  );
}
