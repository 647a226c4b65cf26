import { describe, expect, it } from "vitest";
import { parseConfig } from "./parse.js";
import { functionFormat } from "./types.js";

const parse = (json: unknown) => parseConfig(JSON.stringify(json), "lgw.json", "/p");
const FNS = { users: {}, auth: {} };
const JWT = { type: "jwt", issuer: "https://issuer.example.com/pool", audience: ["app"], jwks: "./.lgw/jwks.json" };

describe("lgw.json: HTTP APIs and authorizers", () => {
  it("api.type defaults to http for a v2 project and rest otherwise; api.type wins", () => {
    expect(parse({ functions: FNS }).api.type).toBe("rest");
    expect(parse({ eventFormat: "v2", functions: FNS }).api.type).toBe("http");
    expect(parse({ eventFormat: "v2", functions: FNS, api: { type: "rest" } }).api.type).toBe("rest");
    expect(parse({ functions: FNS, api: { type: "http" } }).api.type).toBe("http");
  });

  it("a function may have its own eventFormat", () => {
    const c = parse({ eventFormat: "v2", functions: { users: {}, legacy: { eventFormat: "v1" } } });
    expect([functionFormat(c, "users"), functionFormat(c, "legacy")]).toEqual(["v2", "v1"]);
  });

  it("reads jwt and lambda authorizers with AWS's defaults, and route objects", () => {
    const c = parse({
      eventFormat: "v2",
      functions: FNS,
      authorizers: { cognito: JWT, gate: { type: "lambda", function: "auth", identitySource: ["$request.header.X-Key"], ttl: 300 } },
      routes: { "GET /me": { function: "users", authorizer: "cognito", scopes: ["users/read"] }, "GET /x": { function: "users", authorizer: "gate" }, "$default": "users" },
      api: { cors: { allowOrigins: ["https://app.example.com"], allowMethods: ["GET"], maxAge: 300 } },
    });
    expect(c.authorizers).toEqual([
      { name: "cognito", type: "jwt", issuer: JWT.issuer, audience: ["app"], identitySource: "$request.header.Authorization", jwks: "./.lgw/jwks.json" },
      { name: "gate", type: "lambda", function: "auth", payloadFormat: "2.0", simpleResponses: true, identitySource: ["$request.header.X-Key"], ttl: 300 },
    ]);
    expect(c.routes).toEqual({ "GET /me": "users", "GET /x": "users", $default: "users" });
    expect(c.routeOptions).toEqual({ "GET /me": { authorizer: "cognito", scopes: ["users/read"] }, "GET /x": { authorizer: "gate" } });
    expect(c.api.cors).toEqual({ allowOrigins: ["https://app.example.com"], allowMethods: ["GET"], maxAge: 300 });
  });

  it("api.cors.paths (REST) is kept apart from the CorsConfiguration an HTTP API would get", () => {
    const c = parse({ functions: FNS, api: { cors: { allowOrigins: ["https://a"], paths: ["/users", "/users/{id}"] } } });
    expect(c.api.cors).toEqual({ allowOrigins: ["https://a"] });
    expect(c.api.corsPaths).toEqual(["/users", "/users/{id}"]);
    expect(parse({ functions: FNS, api: { cors: {} } }).api.corsPaths).toBeUndefined();
  });

  it.each([
    [{ api: { type: "graphql" } }, 'api.type must be "rest" or "http"'],
    [{ authorizers: { a: { type: "magic" } } }, 'authorizers.a.type must be "jwt" or "lambda"'],
    [{ authorizers: { a: { ...JWT, issuer: "cognito" } } }, "authorizers.a.issuer must be the issuer's URL"],
    [{ authorizers: { a: { ...JWT, audience: [] } } }, "authorizers.a.audience must be a non-empty list of strings"],
    [{ authorizers: { a: { ...JWT, identitySource: "Authorization" } } }, "authorizers.a.identitySource must be one header or query parameter"],
    [{ authorizers: { a: { ...JWT, identitySource: "$context.identity.sourceIp" } } }, "authorizers.a.identitySource must be one header or query parameter"],
    [{ authorizers: { a: { type: "lambda", function: "nope" } } }, "authorizers.a.function must name a function of lgw.json"],
    [{ authorizers: { a: { type: "lambda", function: "auth", payloadFormat: "1.0", simpleResponses: true } } }, 'needs payloadFormat "2.0"'],
    [{ authorizers: { a: { type: "lambda", function: "auth", ttl: 7200 } } }, "authorizers.a.ttl must be a whole number of seconds from 0 to 3600"],
    [{ routes: { "GET /x": { function: "users", authorizer: "nope" } } }, 'routes["GET /x"].authorizer names "nope", which authorizers does not define'],
    [{ routes: { "GET /x": { function: "users", scopes: ["a"] } } }, "scopes needs a jwt authorizer"],
    [{ routes: { "GET /x": { fn: "users" } } }, 'routes["GET /x"].fn is not a known setting'],
    [{ api: { cors: { allowOrigins: "*" } } }, "api.cors.allowOrigins must be a list of strings"],
    [{ api: { cors: { allowOrigins: ["*"], allowCredentials: true } } }, 'cannot be true with allowOrigins "*"'],
    [{ functions: { users: { eventFormat: "v3" } } }, 'functions.users.eventFormat must be "v1" or "v2"'],
    [{ api: { type: "http", cors: { allowOrigins: ["*"], paths: ["/a"] } } }, "api.cors.paths is for REST APIs"],
    [{ api: { cors: { paths: ["users"] } } }, 'api.cors.paths has invalid resource path "users"'],
  ])("refuses %j with one line", (extra, message) => {
    expect(() => parse({ functions: FNS, ...extra })).toThrow(message);
  });
});
