import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse.js";
import { projectRoutes } from "../routes/project.js";
import type { Route } from "../routes/table.js";
import { nonProxyDifference, nonProxySpec, planNonProxyRoute, staleResponses } from "./nonproxy.js";
import type { NonProxySpec } from "../aws/rest-types.js";
import type { SyncStep } from "./plan.js";
import type { RemoteMethod } from "../aws/rest-types.js";

const URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations";

function route(key: string, value: unknown): Route {
  const config = parseConfig(JSON.stringify({ functions: { orders: {} }, routes: { [key]: value } }), "lgw.json", "/p");
  return projectRoutes(config).routes[0]!;
}

const ORDERS = route("POST /orders/{id}", {
  function: "orders",
  integration: "lambda",
  requestTemplates: { "application/json": "{}" },
  responses: {
    default: { statusCode: 201, headers: { Location: "integration.response.body.location" }, templates: { "application/json": "$input.json('$.body')" } },
    ".*NotFound.*": { statusCode: 404 },
  },
});

/** The method API Gateway holds after lgw built it from `spec`. */
function deployed(spec: NonProxySpec): RemoteMethod {
  return {
    httpMethod: "POST",
    requestParameters: Object.keys(spec.methodRequestParameters).length ? spec.methodRequestParameters : undefined,
    methodResponses: Object.fromEntries(spec.responses.map((r) => [r.statusCode, Object.fromEntries(Object.keys(r.parameters).map((k) => [k, false]))])),
    integration: {
      type: spec.type,
      uri: spec.uri,
      httpMethod: spec.integrationHttpMethod,
      requestTemplates: spec.requestTemplates,
      passthroughBehavior: spec.passthroughBehavior,
      requestParameters: spec.requestParameters,
      responseParameters: Object.fromEntries(spec.responses.map((r) => [r.statusCode, r.parameters])),
      responses: Object.fromEntries(spec.responses.map((r) => [r.statusCode, { ...(r.selectionPattern ? { selectionPattern: r.selectionPattern } : {}), responseTemplates: r.templates }])),
    },
  };
}

describe("nonProxySpec", () => {
  it("a lambda route: AWS, POST to the function, templates, passthrough and one response per status", () => {
    expect(nonProxySpec(ORDERS, URI)).toEqual({
      type: "AWS",
      uri: URI,
      integrationHttpMethod: "POST",
      requestTemplates: { "application/json": "{}" },
      passthroughBehavior: "WHEN_NO_MATCH",
      requestParameters: {},
      methodRequestParameters: {},
      responses: [
        { statusCode: "201", parameters: { "method.response.header.Location": "integration.response.body.location" }, templates: { "application/json": "$input.json('$.body')" } },
        { statusCode: "404", selectionPattern: ".*NotFound.*", parameters: {}, templates: {} },
      ],
    });
  });

  it("a mock route: MOCK with no uri", () => {
    const spec = nonProxySpec(route("GET /health", { integration: "mock" }), undefined);
    expect(spec).toMatchObject({ type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' }, responses: [{ statusCode: "200" }] });
    expect(spec.uri).toBeUndefined();
  });

  it("an http route: HTTP_PROXY with the route's method, {proxy+} as {proxy} and its path parameter mapped", () => {
    expect(nonProxySpec(route("ANY /ext/{proxy+}", { integration: "http", uri: "https://example.com/{proxy+}" }), undefined)).toEqual({
      type: "HTTP_PROXY",
      uri: "https://example.com/{proxy}",
      integrationHttpMethod: "ANY",
      requestTemplates: {},
      requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" },
      methodRequestParameters: { "method.request.path.proxy": true },
      responses: [],
    });
  });
});

describe("nonProxyDifference", () => {
  const spec = nonProxySpec(ORDERS, URI);
  const base = deployed(spec);
  const edit = (f: (m: RemoteMethod) => void): RemoteMethod => {
    const m = structuredClone(base);
    f(m);
    return m;
  };
  it.each<[string, RemoteMethod, string | undefined]>([
    ["what lgw built", base, undefined],
    ["a proxy integration", edit((m) => (m.integration!.type = "AWS_PROXY")), "AWS_PROXY integration"],
    ["no integration", edit((m) => delete m.integration), "no integration"],
    ["another function", edit((m) => (m.integration!.uri = URI.replace(":orders/", ":users/"))), "function users"],
    ["other request templates", edit((m) => (m.integration!.requestTemplates = { "application/json": "{ }" })), "other request templates"],
    ["another passthrough", edit((m) => (m.integration!.passthroughBehavior = "NEVER")), "passthrough NEVER"],
    ["a missing response", edit((m) => delete m.integration!.responses!["404"]), "no 404 integration response"],
    ["another selection pattern", edit((m) => (m.integration!.responses!["404"]!.selectionPattern = ".*Missing.*")), '404 selected by ".*Missing.*"'],
    ["other header mappings", edit((m) => (m.integration!.responseParameters!["201"] = {})), "other 201 header mappings"],
    ["other response templates", edit((m) => (m.integration!.responses!["201"]!.responseTemplates = {})), "other 201 response templates"],
    ["no method response", edit((m) => delete m.methodResponses!["201"]), "no 201 method response"],
    ["an extra response only", edit((m) => (m.integration!.responses!["500"] = { responseTemplates: {} })), undefined],
  ])("%s: %s", (_, current, want) => {
    expect(nonProxyDifference(current, spec)).toBe(want);
  });

  it("lists status codes the method answers that lgw.json does not", () => {
    const m = edit((x) => {
      x.integration!.responses!["500"] = { responseTemplates: {} };
      x.methodResponses!["502"] = {};
    });
    expect(staleResponses(m, spec)).toEqual(["500", "502"]);
  });
});

describe("planNonProxyRoute", () => {
  const spec = nonProxySpec(ORDERS, URI);
  const permission = { functionName: "orders", statementId: "lgw-abc", sourceArn: "arn:aws:execute-api:us-east-1:123456789012:abc/*/POST/orders/*" };
  const statement = { sid: "lgw-abc", sourceArn: permission.sourceArn, principal: "apigateway.amazonaws.com" };
  const plan = (current: RemoteMethod | undefined, opts: { prune?: boolean; statements?: (typeof statement)[] } = {}) => {
    const out = { steps: [] as SyncStep[], unchanged: [] as string[], notes: [] as string[] };
    planNonProxyRoute(ORDERS, { apiId: "abc", current, uri: URI, permission, permissions: { orders: opts.statements ?? [statement] }, pending: {}, prune: Boolean(opts.prune) }, out);
    return out;
  };

  it.each<[string, RemoteMethod | undefined, { prune?: boolean; statements?: (typeof statement)[] }, string[], number]>([
    ["a new method", undefined, {}, ["put-integration"], 0],
    ["the same method", deployed(spec), {}, [], 1],
    ["the same method without its permission", deployed(spec), { statements: [] }, ["add-permission"], 0],
    ["a proxy method of another function", { httpMethod: "POST", integration: { type: "AWS_PROXY", uri: URI.replace(":orders/", ":users/"), httpMethod: "POST" } }, {}, ["put-integration"], 0],
  ])("%s", (_, current, opts, actions, unchanged) => {
    const out = plan(current, opts);
    expect(out.steps.map((s) => s.action)).toEqual(actions);
    expect(out.unchanged).toHaveLength(unchanged);
  });

  it("re-pointing from another function removes that function's statement", () => {
    const out = plan({ httpMethod: "POST", integration: { type: "AWS_PROXY", uri: URI.replace(":orders/", ":users/"), httpMethod: "POST" } });
    expect(out.steps[0]).toMatchObject({ was: "AWS_PROXY integration", removePermission: { functionName: "users" } });
  });

  it("an extra response is a note without --prune and a delete step with it", () => {
    const extra = deployed(spec);
    extra.integration!.responses!["500"] = { responseTemplates: {} };
    expect(plan(extra).notes).toEqual(["POST /orders/{id} has responses lgw.json does not list: 500 (kept; --prune removes them)"]);
    expect(plan(extra, { prune: true }).steps).toEqual([{ action: "delete-integration-response", method: "POST", path: "/orders/{id}", statusCode: "500" }]);
  });
});
