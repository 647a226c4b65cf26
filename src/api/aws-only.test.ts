// The plan's view of what AWS has and lgw.json does not (awsOnly), and api.cors.paths.
import { describe, expect, it } from "vitest";
import { parseResourcePath, parseRouteTable } from "../routes/table.js";
import { executeApiSourceArn, integrationUri, statementId } from "./arns.js";
import { corsIntegrationResponseParameters, corsSpec, restCorsSpecs, restPreflightRoutes } from "./cors.js";
import { planHttpSync } from "./http/plan.js";
import { renderHttpPlan } from "./http/render.js";
import { planSync, type SyncInput } from "./plan.js";
import { renderPlan } from "./render.js";
import type { RemoteMethod, RemoteResource } from "../aws/rest-types.js";

const REGION = "us-east-1";
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:users";
const proxy = (method: string, arn = ARN): RemoteMethod => ({ httpMethod: method, integration: { type: "AWS_PROXY", httpMethod: "POST", uri: integrationUri(REGION, arn) } });
const preflight = (): RemoteMethod => ({ httpMethod: "OPTIONS", integration: { type: "MOCK", responseParameters: { "200": corsIntegrationResponseParameters(corsSpec({}, ["GET"])) } } });
const res = (path: string, methods: Record<string, RemoteMethod> = {}): RemoteResource => ({ id: path, path, methods });

function input(over: Partial<SyncInput> = {}): SyncInput {
  return {
    apiId: "api1",
    region: REGION,
    routes: parseRouteTable({ "GET /users": "users" }, ["users"]),
    resources: [res("/"), res("/users", { GET: proxy("GET") })],
    binaryMediaTypes: { current: [], desired: [] },
    functionArns: { users: ARN },
    // GET /users's own statement, so the plans below are only about what they test
    permissions: { users: [{ sid: statementId("api1", "GET", "/users"), sourceArn: executeApiSourceArn({ region: REGION, account: "123456789012", apiId: "api1", method: "GET", parts: parseResourcePath("/users") }) }] },
    prune: false,
    ...over,
  };
}

describe("REST plan: awsOnly", () => {
  it.each<[string, RemoteResource[], { route: string; functionName?: string }[]]>([
    ["nothing extra", [res("/"), res("/users", { GET: proxy("GET") })], []],
    [
      "a method on a routed path, one on another path, one without an integration; sorted by path",
      [res("/"), res("/users", { GET: proxy("GET"), DELETE: proxy("DELETE") }), res("/old", { PUT: { httpMethod: "PUT" } }), res("/a", { ANY: proxy("ANY", "arn:aws:lambda:us-east-1:123456789012:function:legacy") })],
      [{ route: "ANY /a", functionName: "legacy" }, { route: "PUT /old" }, { route: "DELETE /users", functionName: "users" }],
    ],
    ["CORS preflights belong to api.cors, not the routes", [res("/"), res("/users", { GET: proxy("GET"), OPTIONS: preflight() })], []],
    ["an OPTIONS a function answers is a route", [res("/"), res("/users", { GET: proxy("GET"), OPTIONS: proxy("OPTIONS") })], [{ route: "OPTIONS /users", functionName: "users" }]],
  ])("%s", (_name, resources, awsOnly) => {
    const plan = planSync(input({ resources }));
    expect(plan.awsOnly).toEqual(awsOnly);
    // without --prune they are kept: no step touches them
    expect(plan.steps.filter((s) => s.action.startsWith("delete"))).toEqual([]);
  });

  it("is shown as in AWS only without --prune; with --prune they are delete steps instead", () => {
    const resources = [res("/"), res("/users", { GET: proxy("GET") }), res("/old", { PUT: proxy("PUT") })];
    const kept = planSync(input({ resources }));
    expect(renderPlan(kept)).toBe(["REST API api1: no changes (1 route up to date)", "  in AWS only (not in lgw.json; kept, --prune removes them):", "    PUT /old -> users"].join("\n"));
    const pruned = planSync(input({ resources, prune: true }));
    expect(pruned.awsOnly).toEqual([{ route: "PUT /old", functionName: "users" }]);
    const text = renderPlan(pruned, { prune: true });
    expect(text).toContain("- PUT /old");
    expect(text).not.toContain("in AWS only");
  });
});

describe("api.cors.paths", () => {
  const cors = { allowOrigins: ["https://a.example"] };
  it.each<[string, string[] | undefined, Record<string, string[]>]>([
    ["absent: every routed path, with its methods", undefined, { "/users": ["GET", "OPTIONS"], "/orders": ["POST", "OPTIONS"] }],
    ["listed: only those, an unrouted one allowing OPTIONS", ["/orders", "/health"], { "/orders": ["POST", "OPTIONS"], "/health": ["OPTIONS"] }],
  ])("%s", (_name, paths, expected) => {
    const specs = restCorsSpecs(cors, [{ path: "/users", method: "GET" }, { path: "/orders", method: "POST" }], paths);
    expect(Object.fromEntries([...specs].map(([p, s]) => [p, s.methods]))).toEqual(expected);
  });

  it("sync creates the resource an unrouted preflight path needs, and --prune keeps it", () => {
    for (const prune of [false, true]) {
      const plan = planSync(input({ cors, corsPaths: ["/health/live"], prune }));
      expect(plan.steps.map((s) => `${s.action} ${"path" in s ? s.path : ""}`)).toEqual(["create-resource /health", "create-resource /health/live", "set-cors /health/live"]);
    }
  });
});

describe("restPreflightRoutes (lgw serve)", () => {
  const routes = parseRouteTable({ "GET /users": "users", "POST /users": "users", "OPTIONS /own": "users", "GET /own": "users" }, ["users"]);
  it("one MOCK OPTIONS route per preflight path, answering what the deployed preflight answers", () => {
    const out = restPreflightRoutes({ cors: { allowOrigins: ["https://a.example"], allowHeaders: ["Authorization"] } }, routes);
    expect(out).toEqual([
      {
        key: "OPTIONS /users",
        method: "OPTIONS",
        path: "/users",
        parts: [{ kind: "literal", value: "users" }],
        functionName: "",
        integration: {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          passthroughBehavior: "WHEN_NO_MATCH",
          responses: {
            default: {
              statusCode: 200,
              headers: { "Access-Control-Allow-Headers": "'Authorization'", "Access-Control-Allow-Methods": "'GET,POST,OPTIONS'", "Access-Control-Allow-Origin": "'https://a.example'" },
            },
          },
        },
      },
    ]);
  });

  it.each<[string, { cors?: { allowOrigins?: string[] }; corsPaths?: string[] }, string[]]>([
    ["no api.cors: none", {}, []],
    ["api.cors.paths picks the paths, a route's own OPTIONS stays", { cors: {}, corsPaths: ["/own", "/health"] }, ["OPTIONS /health"]],
  ])("%s", (_name, api, keys) => {
    expect(restPreflightRoutes(api, routes).map((r) => r.key)).toEqual(keys);
  });
});

describe("HTTP plan: awsOnly", () => {
  it("lists routes lgw.json does not name, with their function, and renders them like REST", () => {
    const plan = planHttpSync({
      apiId: "h1",
      region: REGION,
      routes: [],
      payloadFormats: {},
      authorizers: [],
      remote: {
        apiId: "h1",
        routes: [{ routeId: "r1", routeKey: "GET /old", target: "integrations/i1", authorizationType: "NONE", authorizationScopes: [] }],
        integrations: [{ integrationId: "i1", integrationType: "AWS_PROXY", integrationUri: ARN, payloadFormatVersion: "2.0" }],
        authorizers: [],
      },
      functionArns: {},
      permissions: {},
      prune: false,
    });
    expect(plan.awsOnly).toEqual([{ route: "GET /old", functionName: "users" }]);
    expect(plan.steps).toEqual([]);
    expect(renderHttpPlan(plan)).toContain("  in AWS only (not in lgw.json; kept, --prune removes them):\n    GET /old -> users");
  });
});
