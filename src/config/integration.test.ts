import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir, writeAt } from "../../test/helpers/files.js";
import { loadConfig } from "./load.js";
import { parseConfig } from "./parse.js";
import { projectRoutes } from "../routes/project.js";

const parse = (routes: unknown, extra: Record<string, unknown> = {}) =>
  parseConfig(JSON.stringify({ functions: { orders: {} }, routes, ...extra }), "lgw.json", "/p");

const ORDERS = {
  function: "orders",
  integration: "lambda",
  requestTemplates: { "application/json": '{"id": "$input.params(\'id\')"}' },
  passthroughBehavior: "WHEN_NO_TEMPLATES",
  responses: {
    default: { statusCode: 201, headers: { Location: "integration.response.body.location", "X-Powered-By": "'lgw'" }, templates: { "application/json": "$input.json('$.body')" } },
    ".*NotFound.*": { statusCode: 404 },
  },
};

describe("route integrations in lgw.json", () => {
  it("reads a lambda integration with its templates, passthrough and responses", () => {
    const c = parse({ "POST /orders": ORDERS });
    expect(c.routes["POST /orders"]).toBe("orders");
    expect(c.routeOptions["POST /orders"]!.integration).toEqual({
      type: "lambda",
      requestTemplates: ORDERS.requestTemplates,
      passthroughBehavior: "WHEN_NO_TEMPLATES",
      responses: ORDERS.responses,
    });
    expect(projectRoutes(c).routes[0]).toMatchObject({ key: "POST /orders", functionName: "orders", integration: { type: "lambda" } });
  });

  it("mock and http routes need no function; defaults: WHEN_NO_MATCH, the console's MOCK template, a 200 default", () => {
    const c = parse({ "GET /health": { integration: "mock" }, "ANY /ext/{proxy+}": { integration: "http", uri: "https://example.com/{proxy}" }, "GET /o": "orders" });
    const routes = projectRoutes(c).routes;
    expect(routes.map((r) => [r.key, r.functionName, r.integration?.type])).toEqual([
      ["GET /health", "", "mock"],
      ["ANY /ext/{proxy+}", "", "http"],
      ["GET /o", "orders", undefined],
    ]);
    // as the console makes a MOCK: {"statusCode": 200}, and a default 200 response
    expect(routes[0]!.integration).toEqual({
      type: "mock",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      passthroughBehavior: "WHEN_NO_MATCH",
      responses: { default: { statusCode: 200 } },
    });
  });

  it('"integration": "proxy" is the default and adds nothing', () => {
    expect(parse({ "GET /a": { function: "orders", integration: "proxy" } }).routeOptions).toEqual({});
  });

  it.each([
    ["an unknown integration", { function: "orders", integration: "aws" }, /routes\["POST \/x"\]\.integration must be one of "proxy", "lambda", "mock", "http"/],
    ["lambda without a function", { integration: "lambda" }, /routes\["POST \/x"\]\.function must name the function a "lambda" integration invokes/],
    ["mock with a function", { integration: "mock", function: "orders" }, /\.function is not used by "integration": "mock"/],
    ["templates on a proxy route", { function: "orders", requestTemplates: {} }, /\.requestTemplates applies only to "integration": "lambda" or "mock" \(this route is "proxy"\)/],
    ["a uri on a lambda route", { function: "orders", integration: "lambda", uri: "https://x" }, /\.uri applies only to "integration": "http"/],
    ["http without a uri", { integration: "http" }, /\.uri must be the http\(s\) URL to forward to/],
    ["http with a non-http uri", { integration: "http", uri: "ftp://x/y" }, /\.uri must be the http\(s\) URL/],
    ["a uri variable the route lacks", { integration: "http", uri: "https://x/{proxy}" }, /\.uri uses \{proxy\}, which is not a path variable of the route \(variables: none\)/],
    ["a bad passthrough behaviour", { integration: "mock", passthroughBehavior: "ALWAYS" }, /\.passthroughBehavior must be one of "WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"/],
    ["templates keyed by no content type", { integration: "mock", requestTemplates: { json: "x" } }, /\.requestTemplates\["json"\] must be keyed by a content type/],
    ["a template that is not text", { integration: "mock", requestTemplates: { "application/json": 1 } }, /\.requestTemplates\["application\/json"\] must be a template/],
    ["responses not an object", { integration: "mock", responses: [] }, /\.responses must be an object of selection pattern -> response/],
    ["a response without a status code", { integration: "mock", responses: { "4\\d\\d": {} } }, /\.responses\["4\\d\\d"\]\.statusCode must be an HTTP status code/],
    ["a status code out of range", { integration: "mock", responses: { default: { statusCode: 99 } } }, /\.responses\["default"\]\.statusCode must be an HTTP status code from 100 to 599/],
    ["a selection pattern that is no regex", { integration: "mock", responses: { "(": { statusCode: 400 } } }, /\.responses\["\("\] is not a valid selection pattern/],
    ["two patterns with one status", { integration: "mock", responses: { "a.*": { statusCode: 400 }, "b.*": { statusCode: 400 } } }, /\.responses\["b\.\*"\] answers 400 like "a\.\*"; API Gateway keeps one selection pattern per status code/],
    ["an unknown response key", { integration: "mock", responses: { default: { status: 200 } } }, /\.responses\["default"\]\.status is not a known setting/],
    ["a bad header mapping", { integration: "mock", responses: { default: { headers: { Location: "body.location" } } } }, /\.headers\.Location is "body\.location" is not a response mapping/],
    ["a bad header name", { integration: "mock", responses: { default: { headers: { "X Y": "'v'" } } } }, /\.headers\["X Y"\] is not a header name/],
  ])("refuses %s in one line naming the field", (_, value, message) => {
    let err: Error | undefined;
    try {
      parse({ "POST /x": value });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(message);
    expect(err?.message).toMatch(/^lgw\.json: routes\["POST \/x"\]/);
    expect(err?.message).not.toContain("\n");
  });

  it("refuses non-proxy integrations in an HTTP API project", () => {
    expect(() => parse({ "GET /h": { integration: "mock" } }, { api: { type: "http" } })).toThrow(
      /routes\["GET \/h"\]\.integration "mock" needs a REST API: set "api": \{"type": "rest"\}/,
    );
  });
});

describe("template files", () => {
  const project = (files: Record<string, string>, route: unknown) => {
    const dir = tempDir("lgw-templates-");
    for (const [name, text] of Object.entries(files)) writeAt(dir, name, text);
    writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { orders: {} }, routes: { "POST /orders": route } }));
    return dir;
  };

  it("reads .vtl paths relative to lgw.json and keeps inline templates as they are", () => {
    const dir = project({ "templates/orders.req.vtl": '{"n": $input.json(\'$.n\')}' }, {
      ...ORDERS,
      requestTemplates: { "application/json": "templates/orders.req.vtl", "text/plain": "inline $input.body" },
      responses: { default: { statusCode: 201, templates: { "application/json": "templates/orders.req.vtl" } } },
    });
    const integ = loadConfig(path.join(dir)).routeOptions["POST /orders"]!.integration!;
    expect(integ.type === "lambda" && integ.requestTemplates).toEqual({ "application/json": '{"n": $input.json(\'$.n\')}', "text/plain": "inline $input.body" });
    expect(integ.type === "lambda" && integ.responses.default!.templates).toEqual({ "application/json": '{"n": $input.json(\'$.n\')}' });
  });

  it("a missing template file is one line naming the field and the path", () => {
    const dir = project({}, { ...ORDERS, requestTemplates: { "application/json": "templates/missing.vtl" } });
    expect(() => loadConfig(dir)).toThrow(/lgw\.json: routes\["POST \/orders"\]\.requestTemplates\["application\/json"\]: templates\/missing\.vtl does not exist; give the path of a \.vtl file/);
  });
});
