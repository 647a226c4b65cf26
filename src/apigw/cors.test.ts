import { describe, expect, it } from "vitest";
import { applyCors, isPreflight, preflightResponse } from "./cors.js";

const CORS = { allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST"], allowHeaders: ["authorization", "content-type"], exposeHeaders: ["x-total"], maxAge: 600, allowCredentials: true };
const PRE: [string, string][] = [["Origin", "https://app.example.com"], ["Access-Control-Request-Method", "POST"], ["Access-Control-Request-Headers", "authorization"]];

describe("CORS", () => {
  it("tells a preflight from an OPTIONS request", () => {
    expect(isPreflight("OPTIONS", PRE)).toBe(true);
    expect(isPreflight("OPTIONS", [["Origin", "x"]])).toBe(false);
    expect(isPreflight("GET", PRE)).toBe(false);
  });
  it("answers a preflight with 204 and the configured allow-* headers", () => {
    const r = preflightResponse(CORS, PRE);
    expect(r.statusCode).toBe(204);
    expect(Object.fromEntries(r.headers)).toEqual({
      "access-control-allow-origin": "https://app.example.com",
      "access-control-allow-credentials": "true",
      "access-control-allow-headers": "authorization,content-type",
      "access-control-allow-methods": "GET,POST",
      "access-control-max-age": "600",
      vary: "Origin",
    });
  });
  it("a foreign origin gets no allow headers", () => {
    expect(preflightResponse(CORS, [["Origin", "https://evil.example.com"], ["Access-Control-Request-Method", "GET"]]).headers).toEqual([]);
  });
  it("* origins answer *, and * headers echo what was asked", () => {
    const r = preflightResponse({ allowOrigins: ["*"], allowHeaders: ["*"], allowMethods: ["*"] }, PRE);
    expect(Object.fromEntries(r.headers)).toMatchObject({ "access-control-allow-origin": "*", "access-control-allow-headers": "authorization", "access-control-allow-methods": "POST" });
  });
  it("replaces the function's CORS headers with the configured ones", () => {
    const response = { statusCode: 200, headers: [["Access-Control-Allow-Origin", "*"], ["access-control-allow-methods", "DELETE"], ["content-type", "text/plain"]] as [string, string][], body: Buffer.from("hi") };
    const out = applyCors(CORS, [["Origin", "https://app.example.com"]], response);
    expect(out.headers).toEqual([
      ["content-type", "text/plain"],
      ["access-control-allow-origin", "https://app.example.com"],
      ["access-control-allow-credentials", "true"],
      ["access-control-expose-headers", "x-total"],
      ["vary", "Origin"],
    ]);
    expect(applyCors(CORS, [], response).headers).toEqual([["content-type", "text/plain"]]);
  });
});
