import { describe, expect, it } from "vitest";
import { parseResourcePath } from "../routes/table.js";
import { executeApiSourceArn, functionNameFromUri, integrationUri, invokeUrl, parseFunctionArn, sourceArnPath, statementId } from "./arns.js";

const ARN = "arn:aws:lambda:eu-west-1:123456789012:function:users";

describe("integration URI", () => {
  it("wraps the function ARN in the apigateway lambda path", () => {
    expect(integrationUri("eu-west-1", ARN)).toBe(
      "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:users/invocations",
    );
  });
  it("keeps the partition of the function", () => {
    expect(integrationUri("cn-north-1", "arn:aws-cn:lambda:cn-north-1:123456789012:function:f")).toMatch(/^arn:aws-cn:apigateway:cn-north-1:lambda:/);
  });
  it.each([
    [integrationUri("us-east-1", ARN), "users"],
    ["arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:api:live/invocations", "api"],
    ["arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:${stageVariables.fn}/invocations", "${stageVariables.fn}"],
    ["https://example.com/x", undefined],
    ["arn:aws:apigateway:us-east-1:s3:path/bucket/key", undefined],
    [undefined, undefined],
  ])("functionNameFromUri(%s) = %s", (uri, name) => {
    expect(functionNameFromUri(uri)).toBe(name);
  });
});

describe("function ARNs", () => {
  it("splits into partition, region, account and name, ignoring a qualifier", () => {
    expect(parseFunctionArn(ARN + ":live")).toEqual({ partition: "aws", region: "eu-west-1", account: "123456789012", functionName: "users" });
  });
  it("refuses something else", () => {
    expect(() => parseFunctionArn("arn:aws:iam::123456789012:role/x")).toThrow(/unexpected Lambda function ARN/);
  });
});

describe("SourceArn", () => {
  const base = { region: "eu-west-1", account: "123456789012", apiId: "a1b2c3" };
  it.each([
    ["GET", "/", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/*/GET/"],
    ["GET", "/users", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/*/GET/users"],
    ["POST", "/users/{id}/orders", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/*/POST/users/*/orders"],
    ["ANY", "/{proxy+}", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/*/*/*"],
    ["ANY", "/files/{key}/{rest+}", "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/*/*/files/*/*"],
  ])("%s %s", (method, path, expected) => {
    expect(executeApiSourceArn({ ...base, method, parts: parseResourcePath(path) })).toBe(expected);
  });
  it("drops the leading slash and wildcards variables", () => {
    expect(sourceArnPath(parseResourcePath("/a/{b}/c"))).toBe("a/*/c");
  });
});

describe("statementId", () => {
  const ids = [
    statementId("a1b2c3", "GET", "/"),
    statementId("a1b2c3", "GET", "/users/{id}"),
    statementId("a1b2c3", "ANY", "/users/{id}"),
    statementId("a1b2c3", "GET", "/a/b"),
    statementId("a1b2c3", "GET", "/a_b"),
    statementId("zzz999", "GET", "/users/{id}"),
  ];
  it("is stable for the same api, method and path", () => {
    expect(statementId("a1b2c3", "GET", "/users/{id}")).toBe(ids[1]);
  });
  it("is readable", () => {
    expect(ids[1]).toMatch(/^lgw-a1b2c3-GET-users_id-[0-9a-f]{8}$/);
    expect(ids[0]).toMatch(/^lgw-a1b2c3-GET-[0-9a-f]{8}$/);
  });
  it("differs for every api, method and path, even ones that sanitise alike", () => {
    expect(new Set(ids).size).toBe(ids.length);
  });
  it("keeps to Lambda's [A-Za-z0-9_-]{1,100}", () => {
    const long = statementId("a1b2c3", "DELETE", "/" + Array.from({ length: 30 }, (_, i) => `segment${i}`).join("/") + "/{proxy+}");
    for (const id of [...ids, long]) expect(id).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
    expect(long.length).toBe(100);
  });
});

describe("invokeUrl", () => {
  it.each([
    ["us-east-1", "https://a1b2c3.execute-api.us-east-1.amazonaws.com/prod/"],
    ["cn-north-1", "https://a1b2c3.execute-api.cn-north-1.amazonaws.com.cn/prod/"],
  ])("%s", (region, url) => expect(invokeUrl("a1b2c3", region, "prod")).toBe(url));
});
