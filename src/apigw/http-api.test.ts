import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse.js";
import type { EventFormat } from "../config/types.js";
import { projectRoutes } from "../routes/project.js";
import { gatewayFormat, unguardedRouteProblem } from "./http-api.js";

const project = (over: Record<string, unknown>) =>
  parseConfig(
    JSON.stringify({
      functions: { shop: { entry: "." }, gate: { entry: "./gate" } },
      authorizers: { auth: { type: "jwt", issuer: "https://issuer.example.com", audience: ["shop"] }, gate: { type: "lambda", function: "gate" } },
      ...over,
    }),
    "lgw.json",
    "/p",
  );

describe("unguardedRouteProblem: routes whose authorizer only an HTTP API runs", () => {
  const cases: [string, Record<string, unknown>, EventFormat | undefined, RegExp | undefined][] = [
    ["HTTP API project", { eventFormat: "v2", routes: { "GET /me": { function: "shop", authorizer: "auth" } } }, undefined, undefined],
    ["REST project, jwt route", { eventFormat: "v1", routes: { "GET /me": { function: "shop", authorizer: "auth" } } }, undefined, /^route "GET \/me" uses authorizer auth \(jwt\), which only an HTTP API runs, and this project's API is a REST API: set "api": \{"type": "http"\}/],
    ["REST project, lambda route", { routes: { "GET /a": "shop", "POST /b": { function: "shop", authorizer: "gate" } } }, undefined, /authorizer gate \(lambda\)/],
    ["REST project without authorizers on routes", { routes: { "GET /me": "shop" } }, undefined, undefined],
    ["HTTP API project served with --format v1", { eventFormat: "v2", routes: { "GET /me": { function: "shop", authorizer: "auth" } } }, "v1", /--format v1 serves a REST API: drop --format/],
    ["REST project served with --format v2", { routes: { "GET /me": { function: "shop", authorizer: "auth" } } }, "v2", undefined],
  ];
  it.each(cases)("%s", (_name, json, flag, problem) => {
    const config = project(json);
    const out = unguardedRouteProblem(config, projectRoutes(config).routes, gatewayFormat(config, flag), flag);
    if (problem) expect(out?.message).toMatch(problem);
    else expect(out).toBeUndefined();
  });
});
