import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse.js";
import { projectRoutes } from "./project.js";

const config = (json: unknown) => parseConfig(JSON.stringify(json), "lgw.json", "/p");

describe("projectRoutes", () => {
  it.each([
    ["lgw.json's table", { functions: { a: {}, b: {} }, routes: { "GET /a": "a", "ANY /b/{proxy+}": "b" } }, ["GET /a", "ANY /b/{proxy+}"], false],
    ["everything to a lone function", { functions: { a: {} } }, ["ANY /", "ANY /{proxy+}"], true],
  ])("%s", (_what, json, keys, implicit) => {
    const r = projectRoutes(config(json));
    expect(r.routes.map((route) => route.key)).toEqual(keys);
    expect(r.implicit).toBe(implicit);
  });

  it("asks for a table when several functions have none", () => {
    expect(() => projectRoutes(config({ functions: { a: {}, b: {} } }))).toThrow(/has 2 functions and no "routes"/);
  });
});
