// Edge: the Lambda side of `lgw api`: a function's ARN and its resource policy, which lets API
// Gateway invoke it from one method and path.
import { AddPermissionCommand, GetFunctionCommand, GetPolicyCommand, RemovePermissionCommand } from "@aws-sdk/client-lambda";
import { LgwError } from "../errors.js";
import type { PolicyStatement } from "./rest-types.js";
import type { AwsClients } from "./clients.js";
import { call } from "./apigateway.js";
import { awsErrorCode, describeAwsError, withConflictRetry } from "./errors.js";

type Log = { step(message: string): void };

export async function getFunctionArn(aws: AwsClients, functionName: string): Promise<string> {
  const out = await call(aws, "GetFunction", functionName, () => aws.lambda.send(new GetFunctionCommand({ FunctionName: functionName })), functionName);
  const arn = out.Configuration?.FunctionArn;
  if (!arn) throw new LgwError(`GetFunction ${functionName} returned no ARN`);
  return arn;
}

/** The function's ARN, or undefined when there is no such function (not deployed yet). */
export async function findFunctionArn(aws: AwsClients, functionName: string): Promise<string | undefined> {
  try {
    const out = await aws.lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
    const arn = out.Configuration?.FunctionArn;
    if (!arn) throw new LgwError(`GetFunction ${functionName} returned no ARN`);
    return arn;
  } catch (err) {
    if (err instanceof LgwError) throw err;
    if (awsErrorCode(err) === "ResourceNotFoundException") return undefined;
    throw describeAwsError(err, { action: "GetFunction", resource: functionName, functionName, endpoint: aws.endpoint });
  }
}

function statementOf(raw: Record<string, unknown>): PolicyStatement {
  const principal = raw.Principal as string | { Service?: string } | undefined;
  const condition = raw.Condition as Record<string, Record<string, string>> | undefined;
  const sourceArn = condition?.ArnLike?.["AWS:SourceArn"] ?? condition?.ArnEquals?.["AWS:SourceArn"];
  return {
    sid: String(raw.Sid ?? ""),
    principal: typeof principal === "string" ? principal : principal?.Service,
    action: typeof raw.Action === "string" ? raw.Action : undefined,
    sourceArn,
  };
}

/** The function's resource policy statements; none when it has no policy yet. */
export async function getPolicyStatements(aws: AwsClients, functionName: string): Promise<PolicyStatement[]> {
  try {
    const out = await aws.lambda.send(new GetPolicyCommand({ FunctionName: functionName }));
    const policy = JSON.parse(out.Policy ?? "{}") as { Statement?: Record<string, unknown>[] | Record<string, unknown> };
    const list = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement ? [policy.Statement] : [];
    return list.map(statementOf);
  } catch (err) {
    if (awsErrorCode(err) === "ResourceNotFoundException") return [];
    throw describeAwsError(err, { action: "GetPolicy", resource: functionName, endpoint: aws.endpoint });
  }
}

/**
 * Lets API Gateway invoke the function from sourceArn. "exists" when the statement id is
 * already there: Lambda answers a repeated id with a 409 ResourceConflictException, which is
 * also what it says while an update is in progress, so only the latter is retried.
 */
export async function addPermission(
  aws: AwsClients,
  input: { functionName: string; statementId: string; sourceArn: string },
  log?: Log,
): Promise<"added" | "exists"> {
  try {
    return await withConflictRetry(
      async () => {
        try {
          await aws.lambda.send(
            new AddPermissionCommand({
              FunctionName: input.functionName,
              StatementId: input.statementId,
              Action: "lambda:InvokeFunction",
              Principal: "apigateway.amazonaws.com",
              SourceArn: input.sourceArn,
            }),
          );
          return "added" as const;
        } catch (err) {
          if (awsErrorCode(err) !== "ResourceConflictException") throw err;
          if (/already exists/i.test((err as Error).message ?? "")) return "exists" as const;
          // the wording is not a contract: the policy itself says whether the id is taken
          const statements = await getPolicyStatements(aws, input.functionName);
          if (statements.some((s) => s.sid === input.statementId)) return "exists" as const;
          throw err;
        }
      },
      { log, what: `AddPermission on ${input.functionName}` },
    );
  } catch (err) {
    throw describeAwsError(err, { action: "AddPermission", resource: input.functionName, functionName: input.functionName, endpoint: aws.endpoint });
  }
}

/** Removes a statement; false when there was none. */
export async function removePermission(aws: AwsClients, functionName: string, statementId: string, log?: Log): Promise<boolean> {
  try {
    await withConflictRetry(() => aws.lambda.send(new RemovePermissionCommand({ FunctionName: functionName, StatementId: statementId })), {
      log,
      what: `RemovePermission on ${functionName}`,
    });
    return true;
  } catch (err) {
    if (awsErrorCode(err) === "ResourceNotFoundException") return false;
    throw describeAwsError(err, { action: "RemovePermission", resource: functionName, endpoint: aws.endpoint });
  }
}
