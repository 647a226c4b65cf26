import { describe, expect, it } from "vitest";
import { parseRouteTable } from "../../routes/table.js";
import { matchRoute } from "../../routes/match.js";
import type { EventOptions, HttpRequestInfo } from "../request.js";
import { gatewayError } from "../responses.js";
import { decide, methodArnOf, precheck, readRestAnswer, readRestError, requestEvent, restAuthorizerContext, restIdentityValue, tokenEvent } from "./authorizer.js";
import { applyGatewayResponse } from "./gateway-responses.js";
import { compileModels, missingParameters, modelFor, validateRequest } from "./validate.js";
import type { RestAuthorizer } from "./types.js";

const req = (over: Partial<HttpRequestInfo> = {}): HttpRequestInfo => ({
  method: "GET",
  path: "/pets/7",
  rawQuery: "key=q1&name=Ada",
  headers: [["Host", "api.example.com"], ["Authorization", "Bearer abc.def"], ["X-Tenant", "t1"]],
  body: Buffer.alloc(0),
  sourceIp: "10.0.0.1",
  protocol: "HTTP/1.1",
  host: "api.example.com",
  receivedAt: new Date(Date.UTC(2026, 0, 1)),
  ...over,
});
const opts: EventOptions = { stage: "prod", stageVariables: { env: "dev" }, binaryMediaTypes: [], requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", apiId: "api1", accountId: "123456789012" };
const match = matchRoute(parseRouteTable({ "GET /pets/{id}": "pets" }), "GET", "/pets/7")!;
const ARN = "arn:aws:execute-api:us-east-1:123456789012:api1/prod/GET/pets/7";
const token: RestAuthorizer = { name: "tok", type: "token", functionName: "auth", identitySource: "method.request.header.Authorization", validationExpression: "^Bearer [-0-9a-zA-Z._]+$", ttl: 300 };
const request: RestAuthorizer = { name: "rq", type: "request", functionName: "auth", identitySource: ["method.request.header.X-Tenant", "method.request.querystring.key"], ttl: 300 };
const policy = (effect: string, resource: string | string[]) => ({ Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }] });

describe("REST identity sources", () => {
  it.each([
    ["method.request.header.authorization", "Bearer abc.def"],
    ["method.request.header.X-Missing", undefined],
    ["method.request.querystring.key", "q1"],
    ["method.request.querystring.nope", undefined],
    ["method.request.path.id", "7"],
    ["stageVariables.env", "dev"],
    ["context.stage", "prod"],
    ["context.identity.sourceIp", "10.0.0.1"],
    ["$request.header.Authorization", undefined],
  ])("%s -> %s", (source, want) => expect(restIdentityValue(source, req(), opts, { id: "7" })).toBe(want));

  it("an empty header counts as missing", () => expect(restIdentityValue("method.request.header.A", req({ headers: [["A", ""]] }), opts)).toBeUndefined());
});

describe("precheck (before the authorizer is called)", () => {
  it.each([
    ["a token matching the expression", token, req(), true],
    ["no Authorization header", token, req({ headers: [] }), false],
    ["a token failing the expression", token, req({ headers: [["Authorization", "Basic xyz"]] }), false],
    ["the expression must match the whole token", { ...token, validationExpression: "Bearer" }, req(), false],
    ["a token authorizer without an expression takes any token", { ...token, validationExpression: undefined }, req({ headers: [["Authorization", "anything"]] }), true],
    ["request: every source present", request, req(), true],
    ["request: one source missing", request, req({ rawQuery: "" }), false],
    ["request: no sources (caching off) calls the authorizer", { ...request, identitySource: [] as string[], ttl: 0 } as RestAuthorizer, req({ headers: [], rawQuery: "" }), true],
  ] as [string, RestAuthorizer, HttpRequestInfo, boolean][])("%s: %s", (_n, a, r, ok) => expect(precheck(a, r, opts, { id: "7" }).ok).toBe(ok));

  it("returns the identity values (the cache key)", () => expect(precheck(request, req(), opts)).toEqual({ ok: true, identity: ["t1", "q1"] }));
});

describe("authorizer events", () => {
  it("method ARN names region, account, API, stage, method and the request path", () => expect(methodArnOf(req(), { ...opts, region: "us-east-1" })).toBe(ARN));
  it("TOKEN", () => expect(tokenEvent("Bearer x", ARN)).toEqual({ type: "TOKEN", authorizationToken: "Bearer x", methodArn: ARN }));
  it("REQUEST carries the proxy event's request fields, no body", () => {
    const e = requestEvent(req(), match, opts, ARN);
    expect(Object.keys(e)).toEqual([
      "type", "methodArn", "resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
      "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext",
    ]);
    expect(e).toMatchObject({ type: "REQUEST", resource: "/pets/{id}", path: "/pets/7", pathParameters: { id: "7" }, queryStringParameters: { key: "q1", name: "Ada" }, stageVariables: { env: "dev" } });
    expect(e.requestContext).not.toHaveProperty("authorizer");
  });
});

describe("authorizer answers", () => {
  const answer = (v: unknown) => readRestAnswer(JSON.stringify(v));
  it.each([
    ["Allow on the method", { principalId: "u1", policyDocument: policy("Allow", ARN) }, "allow"],
    ["Allow by wildcard", { principalId: "u1", policyDocument: policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:api1/*/GET/*") }, "allow"],
    ["? matches one character", { principalId: "u1", policyDocument: policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:api1/prod/GET/pets/?") }, "allow"],
    ["Allow elsewhere only", { principalId: "u1", policyDocument: policy("Allow", "arn:aws:execute-api:us-east-1:123456789012:api1/prod/POST/*") }, "implicit"],
    ["Deny wins over Allow", { principalId: "u1", policyDocument: { Version: "2012-10-17", Statement: [policy("Allow", "*").Statement[0], policy("Deny", ARN).Statement[0]] } }, "explicit"],
  ])("%s", (_n, out, want) => {
    const d = decide(answer(out), ARN);
    expect(d.kind === "allow" ? "allow" : d.kind === "deny" ? (d.explicit ? "explicit" : "implicit") : d.kind).toBe(want);
  });

  it.each([
    ["not JSON", "nope"],
    ["no principalId", JSON.stringify({ policyDocument: policy("Allow", "*") })],
    ["no policyDocument", JSON.stringify({ principalId: "u" })],
    ["a context value that is an object", JSON.stringify({ principalId: "u", policyDocument: policy("Allow", "*"), context: { o: { a: 1 } } })],
    ["a context value that is an array", JSON.stringify({ principalId: "u", policyDocument: policy("Allow", "*"), context: { a: [1] } })],
  ])("malformed: %s", (_n, text) => expect(readRestAnswer(text).kind).toBe("error"));

  it("keeps string, number and boolean context values and usageIdentifierKey", () => {
    const d = decide(answer({ principalId: "u1", policyDocument: policy("Allow", "*"), context: { s: "x", n: 1, b: true }, usageIdentifierKey: "key-1" }), ARN);
    expect(d).toEqual({ kind: "allow", principalId: "u1", context: { s: "x", n: 1, b: true }, usageIdentifierKey: "key-1" });
    // as AWS hands them to the integration: stringified, null kept, with integrationLatency
    if (d.kind === "allow") expect(restAuthorizerContext({ ...d, context: { ...d.context, z: null } }, 12)).toEqual({ s: "x", n: "1", b: "true", z: null, principalId: "u1", integrationLatency: 12 });
  });

  it.each([
    ["Unauthorized", "unauthorized"],
    ["unauthorized", "error"],
    ["boom", "error"],
    [undefined, "error"],
  ])("a function error %j is %s", (message, kind) => expect(readRestError(message).kind).toBe(kind));
});

describe("request validation", () => {
  it.each([
    [["querystring.name", "header.X-Id", "path.id"], ["X-Id"]],
    [["querystring.missing", "header.x-tenant"], ["missing"]],
    [["path.nope", "querystring.key"], ["nope"]],
  ])("required %j: missing %j", (required, missing) => expect(missingParameters(required, req(), { id: "7" })).toEqual(missing));

  it.each([
    ["application/json", "Pet"],
    ["application/json; charset=utf-8", "Pet"],
    ["APPLICATION/JSON", "Pet"],
    ["text/plain", "Any"],
    [undefined, "Any"],
  ])("model for %s: %s", (ct, want) => expect(modelFor({ "application/json": "Pet", $default: "Any" }, ct)).toBe(want));

  it("checks parameters first, then the body against the model (draft 4)", async () => {
    const validators = await compileModels({
      Pet: { $schema: "http://json-schema.org/draft-04/schema#", type: "object", required: ["name"], properties: { name: { type: "string" }, age: { type: "integer", minimum: 0, exclusiveMinimum: true } } },
    });
    const access = { requestValidator: "all" as const, requiredParameters: ["querystring.name"], requestModels: { "application/json": "Pet" } };
    const post = (body: string, query = "name=x") => req({ method: "POST", rawQuery: query, headers: [["Content-Type", "application/json"]], body: Buffer.from(body) });
    expect(validateRequest(access, post('{"name":"Rex"}'), {}, validators)).toEqual({ ok: true });
    expect(validateRequest(access, post('{"name":"Rex"}', ""), {}, validators)).toMatchObject({ ok: false, message: "Missing required request parameters: [name]" });
    expect(validateRequest(access, post("{}"), {}, validators)).toMatchObject({ ok: false, message: "Invalid request body" });
    expect(validateRequest(access, post("not json"), {}, validators)).toMatchObject({ ok: false, message: "Invalid request body" });
    // draft 4's boolean exclusiveMinimum: 0 itself is out
    expect(validateRequest(access, post('{"name":"Rex","age":0}'), {}, validators)).toMatchObject({ ok: false, kind: "body" });
    expect(validateRequest({ ...access, requestValidator: "params" }, post("{}"), {}, validators)).toEqual({ ok: true });
    expect(validateRequest({ ...access, requestValidator: "body" }, post('{"name":"Rex"}', ""), {}, validators)).toEqual({ ok: true });
    expect(validateRequest({ ...access, requestValidator: undefined }, post("{}", ""), {}, validators)).toEqual({ ok: true });
  });
});

describe("gateway responses", () => {
  const noRoute = gatewayError("v1", "noRoute");
  it("a type's own override: status, headers (quoted values unquoted) and body", () => {
    const r = applyGatewayResponse(noRoute, { MISSING_AUTHENTICATION_TOKEN: { statusCode: 404, headers: { "Access-Control-Allow-Origin": "'*'" }, body: '{"error":"no such route"}' } });
    expect(r.statusCode).toBe(404);
    expect(r.headers).toContainEqual(["Access-Control-Allow-Origin", "*"]);
    expect(r.body.toString()).toBe('{"error":"no such route"}');
  });
  it("DEFAULT_4XX stands in for a 4xx type without its own; DEFAULT_5XX does not touch it", () => {
    const r = applyGatewayResponse(noRoute, { DEFAULT_4XX: { headers: { "X-Cors": "yes" } }, DEFAULT_5XX: { statusCode: 599 } });
    expect(r.statusCode).toBe(403);
    expect(r.headers).toContainEqual(["X-Cors", "yes"]);
    expect(r.body.toString()).toBe('{"message":"Missing Authentication Token"}');
  });
  it("an answer from the function (no gateway type) is never changed", () => {
    const fromFunction = { statusCode: 404, headers: [] as [string, string][], body: Buffer.from("mine") };
    expect(applyGatewayResponse(fromFunction, { DEFAULT_4XX: { statusCode: 400 } })).toBe(fromFunction);
  });
});
