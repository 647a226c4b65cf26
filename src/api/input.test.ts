import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { corsSpec, corsIntegrationResponseParameters, corsUpToDate, DEFAULT_CORS_HEADERS } from "./cors.js";
import { checkStageName, methodSettings, parseMethodArg, parsePathArg, parseStageVariables, resolveApiId } from "./input.js";

const usage = (fn: () => unknown, re: RegExp) => {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UsageError);
  expect((caught as Error).message).toMatch(re);
};

describe("refused before any AWS call", () => {
  it.each([
    ["an unknown method", () => parseMethodArg("FETCH"), /unknown method "FETCH": use one of GET, POST/],
    ["a path without /", () => parsePathArg("users"), /must start with "\/"/],
    ["{proxy+} not last", () => parsePathArg("/{proxy+}/x"), /greedy variable "\{proxy\+\}" must be the last part/],
    ["a bad path part", () => parsePathArg("/a b"), /"a b" may only hold/],
    ["an empty path part", () => parsePathArg("/a//b"), /empty part/],
    ["a stage with a dot", () => checkStageName("v1.0"), /invalid stage name "v1.0"/],
    ["an empty stage", () => checkStageName(""), /invalid stage name/],
    ["a variable without =", () => parseStageVariables(["table"]), /--variable table: expected KEY=VALUE/],
    ["a bad variable name", () => parseStageVariables(["my-var=x"]), /stage variable name "my-var"/],
    ["a bad variable value", () => parseStageVariables(["a=b c"]), /values are 1-512/],
    ["a bad lgw.json variable", () => parseStageVariables([], { "x y": "1" }), /lgw.json api.stageVariables: stage variable name "x y"/],
    ["CUSTOM without an authorizer", () => methodSettings({ authorization: "CUSTOM" }), /CUSTOM needs --authorizer-id/],
    ["COGNITO without an authorizer", () => methodSettings({ authorization: "COGNITO_USER_POOLS" }), /COGNITO_USER_POOLS needs --authorizer-id/],
    ["an authorizer with NONE", () => methodSettings({ authorizerId: "abc" }), /--authorizer-id applies only to/],
    ["an unknown authorization", () => methodSettings({ authorization: "OAUTH" }), /unknown --authorization "OAUTH"/],
    ["no API selected", () => resolveApiId(undefined, undefined), /no REST API selected: run `lgw api create <name>` or pass --id/],
    ["a malformed API id", () => resolveApiId("abc/def", undefined), /is not a REST API id/],
    ["a quote in the origin", () => corsSpec({ origin: "'x'" }, []), /--origin/],
    ["a bad CORS method", () => corsSpec({ methods: ["GRAB"] }, []), /unknown method "GRAB"/],
    ["a bad CORS header", () => corsSpec({ headers: ["X Bad"] }, []), /"X Bad" is not a header name/],
  ])("%s", (_what, fn, re) => usage(fn, re));
});

describe("accepted input", () => {
  it("upper-cases methods", () => expect(parseMethodArg("any")).toBe("ANY"));
  it("accepts the stage charset", () => expect(checkStageName("prod_2-b")).toBe("prod_2-b"));
  it("merges lgw.json's stage variables under the flags", () => {
    expect(parseStageVariables(["table=users-prod", "url=https://x.example/a?b=c"], { table: "users", region: "eu" })).toEqual({
      table: "users-prod",
      region: "eu",
      url: "https://x.example/a?b=c",
    });
  });
  it("builds method settings", () => {
    expect(methodSettings({})).toEqual({ authorizationType: "NONE", authorizerId: undefined, apiKeyRequired: false });
    expect(methodSettings({ authorization: "custom", authorizerId: "au1", apiKeyRequired: true })).toEqual({
      authorizationType: "CUSTOM",
      authorizerId: "au1",
      apiKeyRequired: true,
    });
  });
  it("prefers --id over lgw.json", () => {
    expect(resolveApiId("flag1", "file1")).toBe("flag1");
    expect(resolveApiId(undefined, "file1")).toBe("file1");
  });
});

describe("corsSpec", () => {
  it.each([
    ["the resource's methods plus OPTIONS", {}, ["POST", "GET"], ["GET", "POST", "OPTIONS"]],
    ["ANY meaning every method", {}, ["ANY"], ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]],
    ["OPTIONS alone on an empty resource", {}, [], ["OPTIONS"]],
    ["--methods over the resource's", { methods: ["put", "GET"] }, ["POST"], ["GET", "PUT", "OPTIONS"]],
  ])("allows %s", (_what, opts, existing, methods) => {
    expect(corsSpec(opts, existing).methods).toEqual(methods);
  });
  it("defaults origin and headers as the console does", () => {
    const spec = corsSpec({}, ["GET"]);
    expect(spec.origin).toBe("*");
    expect(spec.headers).toEqual(DEFAULT_CORS_HEADERS);
    expect(corsIntegrationResponseParameters(spec)).toEqual({
      "method.response.header.Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
      "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
      "method.response.header.Access-Control-Allow-Origin": "'*'",
    });
  });
  it("knows when the deployed preflight already matches", () => {
    const spec = corsSpec({ origin: "https://a.example" }, ["GET"]);
    const deployed = { type: "MOCK", responseParameters: { "200": corsIntegrationResponseParameters(spec) } };
    expect(corsUpToDate(deployed, spec)).toBe(true);
    expect(corsUpToDate(deployed, corsSpec({ origin: "https://b.example" }, ["GET"]))).toBe(false);
    expect(corsUpToDate({ ...deployed, type: "AWS_PROXY" }, spec)).toBe(false);
    expect(corsUpToDate(undefined, spec)).toBe(false);
  });
});
