// What moto cannot show (CONTRACTS.md §5), with aws-sdk-client-mock: the 409 on a repeated
// statement id, UpdateMethod on an existing method, pagination of GetResources.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import {
  APIGatewayClient,
  GetResourcesCommand,
  PutMethodCommand,
  UpdateMethodCommand,
  UpdateRestApiCommand,
} from "@aws-sdk/client-api-gateway";
import { AddPermissionCommand, GetPolicyCommand, LambdaClient, RemovePermissionCommand } from "@aws-sdk/client-lambda";
import { createAwsClients, type AwsClients } from "../aws/clients.js";
import { readResources, updateBinaryMediaTypes } from "../aws/apigateway.js";
import { ensureMethod, ensurePermission } from "./ensure.js";
import type { RemoteResource } from "../aws/rest-types.js";

const apigw = mockClient(APIGatewayClient);
const lambda = mockClient(LambdaClient);
let aws: AwsClients;

beforeAll(async () => {
  aws = await createAwsClients({ region: "us-east-1", endpointUrl: "http://127.0.0.1:9" });
});
afterEach(() => {
  apigw.reset();
  lambda.reset();
});

function awsError(name: string, message: string, status = 409): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

const PERMISSION = {
  functionName: "users",
  statementId: "lgw-api123-GET-users-0123abcd",
  sourceArn: "arn:aws:execute-api:us-east-1:123456789012:api123/*/GET/users",
};
const noPolicy = awsError("ResourceNotFoundException", "The resource you requested does not exist.", 404);

describe("ensurePermission", () => {
  it("treats the 409 for a statement id that already exists as success", async () => {
    lambda.on(GetPolicyCommand).rejects(noPolicy);
    lambda
      .on(AddPermissionCommand)
      .rejects(awsError("ResourceConflictException", `The statement id (${PERMISSION.statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`));
    expect(await ensurePermission(aws, PERMISSION)).toBe("exists");
    expect(lambda.commandCalls(AddPermissionCommand)).toHaveLength(1);
  });

  it("checks the policy when a 409 is worded differently", async () => {
    const statement = { Sid: PERMISSION.statementId, Principal: { Service: "apigateway.amazonaws.com" }, Condition: { ArnLike: { "AWS:SourceArn": "x" } } };
    lambda
      .on(GetPolicyCommand)
      .rejectsOnce(noPolicy)
      .resolves({ Policy: JSON.stringify({ Statement: [statement] }) });
    lambda.on(AddPermissionCommand).rejects(awsError("ResourceConflictException", "Conflict"));
    expect(await ensurePermission(aws, PERMISSION)).toBe("exists");
  });

  it("retries while an update is in progress, then adds", async () => {
    lambda.on(GetPolicyCommand).rejects(noPolicy);
    lambda
      .on(AddPermissionCommand)
      .rejectsOnce(awsError("ResourceConflictException", "The operation cannot be performed at this time. An update is in progress for resource: users"))
      .resolves({ Statement: "{}" });
    const steps: string[] = [];
    expect(await ensurePermission(aws, PERMISSION, { step: (m) => steps.push(m) })).toBe("added");
    expect(lambda.commandCalls(AddPermissionCommand)).toHaveLength(2);
    expect(steps.join("\n")).toMatch(/an update is in progress, retrying/);
  });

  it("sends principal, action and SourceArn, and adds nothing when the statement is there", async () => {
    lambda.on(GetPolicyCommand).rejects(noPolicy);
    lambda.on(AddPermissionCommand).resolves({});
    await ensurePermission(aws, PERMISSION);
    expect(lambda.commandCalls(AddPermissionCommand)[0]!.args[0].input).toEqual({
      FunctionName: "users",
      StatementId: PERMISSION.statementId,
      Action: "lambda:InvokeFunction",
      Principal: "apigateway.amazonaws.com",
      SourceArn: PERMISSION.sourceArn,
    });
    lambda.reset();
    const statement = { Sid: PERMISSION.statementId, Principal: { Service: "apigateway.amazonaws.com" }, Condition: { ArnLike: { "AWS:SourceArn": PERMISSION.sourceArn } } };
    lambda.on(GetPolicyCommand).resolves({ Policy: JSON.stringify({ Statement: [statement] }) });
    expect(await ensurePermission(aws, PERMISSION)).toBe("exists");
    expect(lambda.commandCalls(AddPermissionCommand)).toHaveLength(0);
  });

  it("replaces a statement with our id but another SourceArn", async () => {
    const statement = { Sid: PERMISSION.statementId, Principal: { Service: "apigateway.amazonaws.com" }, Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:execute-api:us-east-1:123456789012:old/*/GET/users" } } };
    lambda.on(GetPolicyCommand).resolves({ Policy: JSON.stringify({ Statement: [statement] }) });
    lambda.on(RemovePermissionCommand).resolves({});
    lambda.on(AddPermissionCommand).resolves({});
    expect(await ensurePermission(aws, PERMISSION)).toBe("replaced");
    expect(lambda.commandCalls(RemovePermissionCommand)).toHaveLength(1);
  });
});

describe("ensureMethod", () => {
  const resource = (): RemoteResource => ({
    id: "res1",
    path: "/users",
    methods: { GET: { httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: false, integration: { type: "AWS_PROXY", uri: "u" } } },
  });

  it("keeps an existing method with the same settings", async () => {
    expect(await ensureMethod(aws, "api123", resource(), "GET", { authorizationType: "NONE", apiKeyRequired: false })).toBe("unchanged");
    expect(apigw.calls()).toHaveLength(0);
  });

  it("patches an existing method with other settings (PutMethod would conflict)", async () => {
    apigw.on(UpdateMethodCommand).resolves({});
    const r = resource();
    expect(await ensureMethod(aws, "api123", r, "GET", { authorizationType: "CUSTOM", authorizerId: "au1", apiKeyRequired: true })).toBe("updated");
    expect(apigw.commandCalls(PutMethodCommand)).toHaveLength(0);
    expect(apigw.commandCalls(UpdateMethodCommand)[0]!.args[0].input).toEqual({
      restApiId: "api123",
      resourceId: "res1",
      httpMethod: "GET",
      patchOperations: [
        { op: "replace", path: "/authorizationType", value: "CUSTOM" },
        { op: "replace", path: "/authorizerId", value: "au1" },
        { op: "replace", path: "/apiKeyRequired", value: "true" },
      ],
    });
    expect(r.methods.GET!.integration?.type).toBe("AWS_PROXY");
  });

  it("turns a ConflictException on PutMethod into an update", async () => {
    apigw.on(PutMethodCommand).rejects(awsError("ConflictException", "Method already exists for this resource"));
    apigw.on(UpdateMethodCommand).resolves({});
    const r: RemoteResource = { id: "res1", path: "/users", methods: {} };
    expect(await ensureMethod(aws, "api123", r, "POST", { authorizationType: "AWS_IAM", apiKeyRequired: false })).toBe("updated");
    expect(apigw.commandCalls(UpdateMethodCommand)).toHaveLength(1);
  });
});

describe("src/aws/apigateway.ts", () => {
  it("reads every page of resources", async () => {
    apigw
      .on(GetResourcesCommand)
      .resolvesOnce({ items: [{ id: "root", path: "/" }], position: "p2" })
      .resolvesOnce({
        items: [{ id: "u", parentId: "root", pathPart: "users", path: "/users", resourceMethods: { GET: { httpMethod: "GET", methodIntegration: { type: "AWS_PROXY", uri: "x", httpMethod: "POST" } } } }],
      });
    const resources = await readResources(aws, "api123");
    expect(resources.map((r) => r.path)).toEqual(["/", "/users"]);
    expect(resources[1]!.methods.GET!.integration).toMatchObject({ type: "AWS_PROXY", uri: "x", httpMethod: "POST" });
    expect(apigw.commandCalls(GetResourcesCommand)[1]!.args[0].input).toMatchObject({ position: "p2", embed: ["methods"] });
  });

  it("says how to pick an API when the id is unknown", async () => {
    apigw.on(GetResourcesCommand).rejects(awsError("NotFoundException", "Invalid API identifier specified", 404));
    await expect(readResources(aws, "nope1")).rejects.toThrow(/REST API nope1 not found in us-east-1/);
  });

  it("patches binary media types as JSON pointers", async () => {
    apigw.on(UpdateRestApiCommand).resolves({});
    await updateBinaryMediaTypes(aws, "api123", ["image/png"], ["text/csv"]);
    expect(apigw.commandCalls(UpdateRestApiCommand)[0]!.args[0].input.patchOperations).toEqual([
      { op: "remove", path: "/binaryMediaTypes/text~1csv", value: "text/csv" },
      { op: "add", path: "/binaryMediaTypes/image~1png", value: "image/png" },
    ]);
  });
});
