import { describe, expect, it } from "vitest";
import { integrationRequest, lambdaResponse, mockResponse, type NonProxyIntegration, type V1EventView } from "./nonproxy.js";

const ORDERS: NonProxyIntegration = {
  type: "lambda",
  requestTemplates: {
    "application/json": '{"id": "$input.params(\'id\')", "qty": $input.path(\'$.qty\'), "stage": "$context.stage", "env": "$stageVariables.env"}',
  },
  passthroughBehavior: "WHEN_NO_TEMPLATES",
  responses: {
    default: {
      statusCode: 201,
      headers: { Location: "integration.response.body.location", "X-Powered-By": "'lgw'" },
      templates: { "application/json": "$input.json('$.body')" },
    },
    ".*NotFound.*": { statusCode: 404 },
    ".*Invalid.*": { statusCode: 400, templates: { "application/json": '{"error": "$input.path(\'$.errorMessage\')"}' } },
  },
};

function event(over: Partial<V1EventView> = {}): V1EventView {
  return {
    body: '{"qty": 3}',
    isBase64Encoded: false,
    headers: { "Content-Type": "application/json" },
    queryStringParameters: null,
    pathParameters: { id: "9" },
    stageVariables: { env: "dev" },
    requestContext: { stage: "prod", requestId: "r-1" },
    ...over,
  };
}

const header = (pairs: [string, string][], name: string) => pairs.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

describe("integrationRequest", () => {
  it("renders the request template for the content type", () => {
    const step = integrationRequest(ORDERS, event());
    expect(step.ok && JSON.parse(step.payload.toString())).toEqual({ id: "9", qty: 3, stage: "prod", env: "dev" });
  });

  it("refuses a content type with no template under WHEN_NO_TEMPLATES with 415", () => {
    const step = integrationRequest(ORDERS, event({ headers: { "content-type": "text/plain" } }));
    expect(step.ok).toBe(false);
    if (!step.ok) {
      expect(step.response.statusCode).toBe(415);
      expect(JSON.parse(step.response.body.toString())).toEqual({ message: "Unsupported Media Type" });
    }
  });

  it("passes the body through when no template matches under WHEN_NO_MATCH", () => {
    const step = integrationRequest({ ...ORDERS, passthroughBehavior: "WHEN_NO_MATCH" }, event({ body: "raw", headers: { "content-type": "text/plain" } }));
    expect(step.ok && step.payload.toString()).toBe("raw");
  });

  it("decodes a base64 body before mapping it", () => {
    const step = integrationRequest(ORDERS, event({ body: Buffer.from('{"qty": 5}').toString("base64"), isBase64Encoded: true }));
    expect(step.ok && JSON.parse(step.payload.toString()).qty).toBe(5);
  });

  it("a template that fails to parse answers 500 with the reason", () => {
    const step = integrationRequest({ ...ORDERS, requestTemplates: { "application/json": "#if(" } }, event());
    expect(step.ok).toBe(false);
    if (!step.ok) {
      expect(step.response.statusCode).toBe(500);
      expect(step.reason).toMatch(/does not parse/);
    }
  });
});

describe("lambdaResponse", () => {
  it("a result takes the default response: status, mapped headers, rendered body", () => {
    const payload = Buffer.from(JSON.stringify({ location: "/orders/9", body: { id: 9 } }));
    const step = lambdaResponse(ORDERS, { kind: "result", payload }, event());
    expect(step.pattern).toBe("default");
    expect(step.response.statusCode).toBe(201);
    expect(header(step.response.headers, "Location")).toBe("/orders/9");
    expect(header(step.response.headers, "X-Powered-By")).toBe("lgw");
    expect(header(step.response.headers, "Content-Type")).toBe("application/json");
    expect(JSON.parse(step.response.body.toString())).toEqual({ id: 9 });
  });

  it("an error whose message matches a pattern takes that response, with the error object as the body", () => {
    const error = { errorMessage: "Order NotFound: 9", errorType: "errorString" };
    const step = lambdaResponse(ORDERS, { kind: "functionError", error }, event());
    expect(step.pattern).toBe(".*NotFound.*");
    expect(step.response.statusCode).toBe(404);
    expect(JSON.parse(step.response.body.toString())).toEqual(error);
  });

  it("an error response renders its own template over the error object", () => {
    const step = lambdaResponse(ORDERS, { kind: "functionError", error: { errorMessage: "Invalid qty", errorType: "errorString" } }, event());
    expect(step.response.statusCode).toBe(400);
    expect(JSON.parse(step.response.body.toString())).toEqual({ error: "Invalid qty" });
  });

  it("an error that matches no pattern takes default, as AWS does (the error body under the default status)", () => {
    const step = lambdaResponse(ORDERS, { kind: "functionError", error: { errorMessage: "boom", errorType: "errorString" } }, event());
    expect(step.pattern).toBe("default");
    expect(step.response.statusCode).toBe(201);
    expect(header(step.response.headers, "Location")).toBeUndefined();
  });

  it("with no templates the result passes through as JSON", () => {
    const integ: NonProxyIntegration = { ...ORDERS, responses: { default: { statusCode: 200 } } };
    const step = lambdaResponse(integ, { kind: "result", payload: Buffer.from('{"ok":true}') }, event());
    expect(step.response.body.toString()).toBe('{"ok":true}');
  });
});

describe("mockResponse", () => {
  const mock: NonProxyIntegration = {
    type: "mock",
    requestTemplates: { "application/json": '{"statusCode": #if($input.params(\'fail\') == "1")500#{else}200#end}' },
    passthroughBehavior: "WHEN_NO_MATCH",
    responses: {
      default: { statusCode: 200, templates: { "application/json": '{"pong": "$context.requestId"}' }, headers: { "Access-Control-Allow-Origin": "'*'" } },
      "5\\d\\d": { statusCode: 503, templates: { "application/json": '{"message": "down"}' } },
    },
  };
  it("answers from its templates without a function; the request template's statusCode selects the response", () => {
    const ok = integrationRequest(mock, event({ body: null }));
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const step = mockResponse(mock, ok.payload, event());
    expect(step.response.statusCode).toBe(200);
    expect(JSON.parse(step.response.body.toString())).toEqual({ pong: "r-1" });
    expect(header(step.response.headers, "Access-Control-Allow-Origin")).toBe("*");

    const failing = event({ queryStringParameters: { fail: "1" } });
    const req = integrationRequest(mock, failing);
    expect(req.ok && mockResponse(mock, req.payload, failing).response.statusCode).toBe(503);
  });
});
