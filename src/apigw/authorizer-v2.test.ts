import { describe, expect, it } from "vitest";
import { parseRouteTable } from "../routes/table.js";
import { matchRoute } from "../routes/match.js";
import { authorizerEvent, identityValue, identityValues, lambdaAuthorizerContext, readAuthorizerResult, routeArnOf, type LambdaAuthorizerConfig } from "./authorizer-v2.js";
import type { EventOptions, HttpRequestInfo } from "./request.js";

const req: HttpRequestInfo = {
  method: "GET",
  path: "/pets/7",
  rawQuery: "token=q1&token=q2",
  headers: [["Host", "api.example.com"], ["X-Key", "k1"], ["x-key", "k2"], ["User-Agent", "curl"]],
  body: Buffer.from("ignored"),
  sourceIp: "10.0.0.1",
  protocol: "HTTP/1.1",
  host: "api.example.com",
  receivedAt: new Date(Date.UTC(2026, 0, 1)),
};
const opts: EventOptions = { stage: "$default", stageVariables: { env: "dev" }, binaryMediaTypes: [], requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", apiId: "api1", accountId: "123456789012" };
const match = matchRoute(parseRouteTable({ "GET /pets/{id}": "pets" }), "GET", "/pets/7")!;
const base: LambdaAuthorizerConfig = { name: "gate", functionName: "auth", payloadFormat: "2.0", simpleResponses: true, identitySource: ["$request.header.X-Key"], ttl: 0 };
const ARN = routeArnOf(req, { ...opts, region: "us-east-1" });

describe("HTTP API Lambda authorizers", () => {
  it("reads identity sources from headers (joined), the query string, stage variables and the context", () => {
    expect(identityValue("$request.header.x-key", req, opts)).toBe("k1,k2");
    expect(identityValue("$request.querystring.token", req, opts)).toBe("q1,q2");
    expect(identityValue("$stageVariables.env", req, opts)).toBe("dev");
    expect(identityValue("$context.http.sourceIp", req, opts, { http: { sourceIp: "10.0.0.1" } })).toBe("10.0.0.1");
    expect(identityValues(["$request.header.X-Key", "$request.header.Missing"], req, opts)).toBeUndefined();
  });

  it("the route ARN names the stage, method and path", () => expect(ARN).toBe("arn:aws:execute-api:us-east-1:123456789012:api1/$default/GET/pets/7"));

  it("payload 2.0: the request event without a body, plus type, routeArn and identitySource", () => {
    const e = authorizerEvent(base, req, match, opts, ["k1,k2"], ARN);
    expect(e).toMatchObject({ version: "2.0", type: "REQUEST", routeArn: ARN, identitySource: ["k1,k2"], routeKey: "GET /pets/{id}", rawPath: "/pets/7", pathParameters: { id: "7" } });
    expect(e).not.toHaveProperty("body");
    expect(Object.keys(e).slice(0, 4)).toEqual(["version", "type", "routeArn", "identitySource"]);
  });

  it("payload 1.0: the REST-style REQUEST event with methodArn, identitySource and authorizationToken", () => {
    const e = authorizerEvent({ ...base, payloadFormat: "1.0", simpleResponses: false }, req, match, opts, ["k1", "q1"], ARN);
    expect(e).toMatchObject({ version: "1.0", type: "REQUEST", methodArn: ARN, identitySource: "k1,q1", authorizationToken: "k1,q1", resource: "/pets/{id}", path: "/pets/7", httpMethod: "GET" });
    expect(e).not.toHaveProperty("body");
    expect((e.requestContext as Record<string, unknown>).authorizer).toBeUndefined();
  });

  it.each([
    ["simple allow", base, { isAuthorized: true, context: { u: "1" } }, { kind: "allow", context: { u: "1" } }],
    ["simple deny", base, { isAuthorized: false }, { kind: "deny" }],
    ["simple without isAuthorized", base, { context: {} }, { kind: "error" }],
    ["a policy on a simple-responses authorizer is malformed", base, { policyDocument: {} }, { kind: "error" }],
    ["policy allow", { ...base, simpleResponses: false }, { principalId: "p", policyDocument: { Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:*:*:api1/*" }] }, context: { a: 1 } }, { kind: "allow", principalId: "p", context: { a: 1 } }],
    ["policy for another route", { ...base, simpleResponses: false }, { policyDocument: { Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:*:*:api1/*/POST/*" }] } }, { kind: "deny" }],
    ["no policyDocument", { ...base, simpleResponses: false }, { isAuthorized: true }, { kind: "error" }],
    ["context not an object", base, { isAuthorized: true, context: "x" }, { kind: "error" }],
  ])("%s", (_name, config, answer, want) => {
    expect(readAuthorizerResult(config as LambdaAuthorizerConfig, JSON.stringify(answer), ARN)).toMatchObject(want);
  });

  it("not JSON is an error", () => expect(readAuthorizerResult(base, "nope", ARN).kind).toBe("error"));

  it("the function sees the context as authorizer.lambda (v2) or flat with principalId (v1)", () => {
    expect(lambdaAuthorizerContext("v2", { context: { a: 1 }, principalId: "p" })).toEqual({ lambda: { a: 1 } });
    expect(lambdaAuthorizerContext("v1", { context: { a: 1 }, principalId: "p" })).toEqual({ a: 1, principalId: "p" });
  });
});
