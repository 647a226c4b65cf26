// Edge: the AWS calls `lgw delete` makes: read what exists, then remove functions and APIs.
// Each remover answers false when the thing was already gone, so a rerun after an interruption
// finishes the job instead of failing on the first missing piece.
import { DeleteFunctionCommand, GetFunctionConfigurationCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { DeleteRestApiCommand, GetRestApiCommand } from "@aws-sdk/client-api-gateway";
import { DeleteApiCommand } from "@aws-sdk/client-apigatewayv2";
import type { AwsClients } from "./clients.js";
import { awsErrorCode, describeAwsError, withConflictRetry } from "./errors.js";
import { findHttpApi } from "./apigatewayv2.js";

export interface DeployedFunction {
  name: string;
  arn: string;
  /** the execution role's ARN */
  role?: string;
}

const NOT_FOUND = new Set(["ResourceNotFoundException", "NotFoundException"]);

async function orMissing<T>(aws: AwsClients, action: string, resource: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (NOT_FOUND.has(awsErrorCode(err) ?? "")) return undefined;
    throw describeAwsError(err, { action, resource, endpoint: aws.endpoint });
  }
}

/** The deployed function, or undefined when there is none by that name. */
export async function readDeployedFunction(aws: AwsClients, name: string): Promise<DeployedFunction | undefined> {
  const out = await orMissing(aws, "GetFunctionConfiguration", name, () => aws.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name })));
  if (!out) return undefined;
  return { name, arn: out.FunctionArn ?? "", role: out.Role ?? undefined };
}

/** Every function of the account and region with the role it runs as (ListFunctions, paged). */
export async function listFunctionRoles(aws: AwsClients): Promise<{ name: string; role?: string }[]> {
  const all: { name: string; role?: string }[] = [];
  let marker: string | undefined;
  do {
    const page = await orMissing(aws, "ListFunctions", "functions", () => aws.lambda.send(new ListFunctionsCommand({ Marker: marker })));
    for (const f of page?.Functions ?? []) all.push({ name: f.FunctionName ?? "", role: f.Role ?? undefined });
    marker = page?.NextMarker ?? undefined;
  } while (marker);
  return all;
}

export async function deleteFunction(aws: AwsClients, name: string): Promise<boolean> {
  const out = await orMissing(aws, "DeleteFunction", name, () =>
    withConflictRetry(() => aws.lambda.send(new DeleteFunctionCommand({ FunctionName: name })), { what: `DeleteFunction ${name}` }),
  );
  return out !== undefined;
}

export type ApiKind = "rest" | "http";

/** Which kind of API the id names (REST first, then HTTP), or undefined when neither exists. */
export async function findApi(aws: AwsClients, id: string, kind?: ApiKind): Promise<{ kind: ApiKind; name?: string } | undefined> {
  if (kind !== "http") {
    const rest = await orMissing(aws, "GetRestApi", `REST API ${id}`, () => aws.apigw.send(new GetRestApiCommand({ restApiId: id })));
    if (rest) return { kind: "rest", name: rest.name ?? undefined };
    if (kind === "rest") return undefined;
  }
  const http = await findHttpApi(aws, id);
  return http ? { kind: "http", name: http.name } : undefined;
}

export async function deleteApi(aws: AwsClients, id: string, kind: ApiKind): Promise<boolean> {
  if (kind === "rest") {
    // DeleteRestApi is throttled hard (one call per 30 s per account): the SDK retries TooManyRequests
    const out = await orMissing(aws, "DeleteRestApi", `REST API ${id}`, () => aws.apigw.send(new DeleteRestApiCommand({ restApiId: id })));
    return out !== undefined;
  }
  const out = await orMissing(aws, "DeleteApi", `HTTP API ${id}`, () => aws.apigwv2.send(new DeleteApiCommand({ ApiId: id })));
  return out !== undefined;
}
