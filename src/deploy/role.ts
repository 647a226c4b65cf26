// The execution role lgw creates for a function when none is given: lgw-<function>, assumable by
// Lambda, with AWSLambdaBasicExecutionRole (CloudWatch Logs) attached, and tagged so `lgw
// delete` can tell it from a role someone else made. Edge: IAM calls through src/aws only.
import { describeAwsError, awsErrorCode, type IamClients } from "../aws/index.js";
import type { Logger } from "../ui/logger.js";

/** The tag on every role lgw creates; `lgw delete` removes a role only when it carries it. */
export const CREATED_BY_TAG = { Key: "lgw:created-by", Value: "lgw" } as const;
const MANAGED_POLICY = "policy/service-role/AWSLambdaBasicExecutionRole";
export const TRUST_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/** lgw-<function>, cut to IAM's 64 characters. */
export function roleNameFor(functionName: string): string {
  return `lgw-${functionName}`.slice(0, 64);
}

/** The partition of a region (aws, aws-cn, aws-us-gov): managed policy ARNs carry it. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export interface ExistingRole {
  name: string;
  arn: string;
  createdByLgw: boolean;
}

/** GetRole, reduced to what deploy and delete need; "missing" when there is no such role. */
export async function readRole(aws: IamClients, name: string): Promise<ExistingRole | "missing"> {
  try {
    const out = await aws.iam.send(new aws.sdk.iam.GetRoleCommand({ RoleName: name }));
    const tags = out.Role?.Tags ?? [];
    return { name, arn: out.Role?.Arn ?? "", createdByLgw: tags.some((t) => t.Key === CREATED_BY_TAG.Key && t.Value === CREATED_BY_TAG.Value) };
  } catch (err) {
    if (awsErrorCode(err) === "NoSuchEntity" || awsErrorCode(err) === "NoSuchEntityException") return "missing";
    throw describeAwsError(err, { action: "GetRole", resource: `role ${name}`, endpoint: aws.endpoint });
  }
}

/** Creates the role (or, when it appeared meanwhile, reads it) and attaches the logging policy. */
export async function createExecutionRole(aws: IamClients, name: string, functionName: string, log: Logger): Promise<string> {
  const { CreateRoleCommand, AttachRolePolicyCommand } = aws.sdk.iam;
  log.step(`creating execution role ${name}…`);
  let arn: string;
  try {
    const out = await aws.iam.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY),
        Description: `Execution role of the Lambda function ${functionName}, created by lgw`,
        Tags: [CREATED_BY_TAG],
      }),
    );
    arn = out.Role?.Arn ?? "";
  } catch (err) {
    if (awsErrorCode(err) !== "EntityAlreadyExists" && awsErrorCode(err) !== "EntityAlreadyExistsException") {
      throw describeAwsError(err, { action: "CreateRole", resource: `role ${name}`, endpoint: aws.endpoint });
    }
    const existing = await readRole(aws, name);
    if (existing === "missing") throw describeAwsError(err, { action: "CreateRole", resource: `role ${name}`, endpoint: aws.endpoint });
    arn = existing.arn;
  }
  const policyArn = `arn:${partitionOf(aws.region)}:iam::aws:${MANAGED_POLICY}`;
  try {
    await aws.iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn }));
  } catch (err) {
    throw describeAwsError(err, { action: "AttachRolePolicy", resource: `role ${name}`, endpoint: aws.endpoint });
  }
  return arn;
}

/** Removes a role and what IAM requires gone first: attached and inline policies, instance profiles. */
export async function deleteRole(aws: IamClients, name: string): Promise<void> {
  const sdk = aws.sdk.iam;
  const call = async <T>(action: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw describeAwsError(err, { action, resource: `role ${name}`, endpoint: aws.endpoint });
    }
  };
  const attached = await call("ListAttachedRolePolicies", () => aws.iam.send(new sdk.ListAttachedRolePoliciesCommand({ RoleName: name })));
  for (const p of attached.AttachedPolicies ?? []) {
    await call("DetachRolePolicy", () => aws.iam.send(new sdk.DetachRolePolicyCommand({ RoleName: name, PolicyArn: p.PolicyArn })));
  }
  const inline = await call("ListRolePolicies", () => aws.iam.send(new sdk.ListRolePoliciesCommand({ RoleName: name })));
  for (const policyName of inline.PolicyNames ?? []) {
    await call("DeleteRolePolicy", () => aws.iam.send(new sdk.DeleteRolePolicyCommand({ RoleName: name, PolicyName: policyName })));
  }
  const profiles = await call("ListInstanceProfilesForRole", () => aws.iam.send(new sdk.ListInstanceProfilesForRoleCommand({ RoleName: name })));
  for (const p of profiles.InstanceProfiles ?? []) {
    await call("RemoveRoleFromInstanceProfile", () =>
      aws.iam.send(new sdk.RemoveRoleFromInstanceProfileCommand({ RoleName: name, InstanceProfileName: p.InstanceProfileName })),
    );
  }
  await call("DeleteRole", () => aws.iam.send(new sdk.DeleteRoleCommand({ RoleName: name })));
}
