import { describe, expect, it } from "vitest";
import { addCorsPath, addRoute } from "./edits.js";

const fns = { users: { entry: "." }, orders: { entry: "." } };

describe("addRoute", () => {
  it.each([
    ["a new route is appended, other keys kept", { functions: fns, routes: { "GET /a": "users" } }, ["POST", "/b", "orders"], { key: "POST /b", change: "added" }, { "GET /a": "users", "POST /b": "orders" }],
    ["the same route, spelled otherwise, is left alone", { functions: fns, routes: { "get  /b": "orders" } }, ["GET", "/b", "orders"], { key: "get  /b", change: "unchanged" }, { "get  /b": "orders" }],
    ["no routes yet in a one-function project: says every path went there", { functions: { users: {} } }, ["GET", "/x", "users"], { key: "GET /x", change: "added", wasImplicit: true }, { "GET /x": "users" }],
    ["no routes yet with two functions: nothing was implicit", { functions: fns, routes: {} }, ["GET", "/x", "users"], { key: "GET /x", change: "added" }, { "GET /x": "users" }],
  ] as const)("%s", (_name, json, [method, path, fn], edit, routes) => {
    const copy = structuredClone(json) as Record<string, unknown>;
    expect(addRoute(copy, { method, path }, fn)).toEqual(edit);
    expect(copy.routes).toEqual(routes);
    expect(copy.functions).toEqual(json.functions);
  });

  it("refuses a route lgw.json gives to another function, in one line naming --force and --no-save", () => {
    const json = { functions: fns, routes: { "GET /a": "users" } };
    expect(() => addRoute(json, { method: "GET", path: "/a" }, "orders")).toThrow(/^lgw.json routes "GET \/a" to users, not orders: pass --force to re-point it there, or --no-save to change AWS only$/);
    expect(json.routes).toEqual({ "GET /a": "users" });
  });

  it.each([
    ["a string value", "users", "orders"],
    ["an object value keeps its authorizer", { function: "users", authorizer: "jwt" }, { function: "orders", authorizer: "jwt" }],
    ["a Lambda custom integration becomes the proxy route create-method made", { function: "users", integration: { type: "lambda" } }, "orders"],
  ])("--force re-points %s", (_name, before, after) => {
    const json: Record<string, unknown> = { functions: fns, routes: { "GET /a": before } };
    expect(addRoute(json, { method: "GET", path: "/a" }, "orders", true)).toEqual({ key: "GET /a", change: "replaced", was: "users" });
    expect(json.routes).toEqual({ "GET /a": after });
  });
});

describe("addCorsPath", () => {
  const req = { path: "/users", origin: "https://a.example" };
  it.each([
    ["no api.cors: written with the path", { api: { id: "x" } }, req, [], { change: "added", paths: ["/users"] }, { id: "x", cors: { allowOrigins: ["https://a.example"], paths: ["/users"] } }],
    [
      "methods and headers when given",
      {},
      { ...req, methods: ["GET", "POST"], headers: ["Authorization"] },
      [],
      { change: "added", paths: ["/users"] },
      { cors: { allowOrigins: ["https://a.example"], allowMethods: ["GET", "POST"], allowHeaders: ["Authorization"], paths: ["/users"] } },
    ],
    [
      "same settings, another path: added to paths",
      { api: { cors: { allowOrigins: ["https://a.example"], paths: ["/orders"], maxAge: 60 } } },
      req,
      [],
      { change: "path-added", paths: ["/orders", "/users"] },
      { cors: { allowOrigins: ["https://a.example"], paths: ["/orders", "/users"], maxAge: 60 } },
    ],
    ["same settings, path listed: unchanged", { api: { cors: { allowOrigins: ["https://a.example"], paths: ["/users"] } } }, req, [], { change: "unchanged", paths: ["/users"] }, { cors: { allowOrigins: ["https://a.example"], paths: ["/users"] } }],
    ["no paths (every routed path) and the path is routed: unchanged", { api: { cors: { allowOrigins: ["https://a.example"] } } }, req, ["/users"], { change: "unchanged", paths: "routed" }, { cors: { allowOrigins: ["https://a.example"] } }],
    [
      "no paths and an unrouted path: the list becomes explicit",
      { api: { cors: { allowOrigins: ["https://a.example"] } } },
      { ...req, path: "/health" },
      ["/users"],
      { change: "path-added", paths: ["/users", "/health"] },
      { cors: { allowOrigins: ["https://a.example"], paths: ["/users", "/health"] } },
    ],
    ["methods compare as sets, case-blind headers", { api: { cors: { allowOrigins: ["https://a.example"], allowMethods: ["post", "GET"], allowHeaders: ["authorization"], paths: ["/users"] } } }, { ...req, methods: ["GET", "POST"], headers: ["Authorization"] }, [], { change: "unchanged", paths: ["/users"] }, undefined],
  ] as const)("%s", (_name, json, request, routed, edit, api) => {
    const copy = structuredClone(json) as Record<string, unknown>;
    expect(addCorsPath(copy, request as never, [...routed])).toEqual(edit);
    expect(copy.api).toEqual(api ?? (json as { api?: unknown }).api);
  });

  it("other settings than api.cors holds need --force, which replaces them for every path", () => {
    const json: Record<string, unknown> = { api: { cors: { allowOrigins: ["https://b.example"], allowHeaders: ["X-Key"], paths: ["/orders"] } } };
    expect(() => addCorsPath(json, req, [])).toThrow(/^lgw.json's api.cors answers origin https:\/\/b.example, methods the path's own, headers X-Key: pass --force/);
    expect(addCorsPath(json, req, [], true)).toEqual({ change: "replaced", paths: ["/orders", "/users"] });
    expect(json.api).toEqual({ cors: { paths: ["/orders", "/users"], allowOrigins: ["https://a.example"] } });
  });
});
