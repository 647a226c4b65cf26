import { describe, expect, it } from "vitest";
import {
  mapResponseHeaders,
  mappingExpressionError,
  mediaTypeOf,
  mockStatusOf,
  responseTemplateOf,
  selectIntegrationResponse,
  selectRequestTemplate,
  type IntegrationResponse,
} from "./integration.js";

describe("selectRequestTemplate", () => {
  const json = { "application/json": "J" };
  const both = { "application/json": "J", "application/xml": "X" };
  it.each([
    // content type, templates, behaviour, expected kind, chosen type
    ["application/json", json, "WHEN_NO_MATCH", "template", "application/json"],
    ["Application/JSON; charset=utf-8", json, "WHEN_NO_MATCH", "template", "application/json"],
    [undefined, json, "NEVER", "template", "application/json"],
    ["application/xml", both, "NEVER", "template", "application/xml"],
    ["text/plain", json, "WHEN_NO_MATCH", "passthrough", undefined],
    ["text/plain", json, "WHEN_NO_TEMPLATES", "unsupported", undefined],
    ["text/plain", {}, "WHEN_NO_TEMPLATES", "passthrough", undefined],
    ["text/plain", json, "NEVER", "unsupported", undefined],
    ["text/plain", {}, "NEVER", "unsupported", undefined],
    ["application/json", {}, "WHEN_NO_MATCH", "passthrough", undefined],
  ] as const)("%s with %j under %s is %s", (ct, templates, behavior, kind, chosen) => {
    const got = selectRequestTemplate(ct, templates, behavior);
    expect(got.kind).toBe(kind);
    if (got.kind === "template") expect(got.contentType).toBe(chosen);
  });

  it("an absent content type reads as application/json", () => {
    expect(mediaTypeOf(undefined)).toBe("application/json");
    expect(mediaTypeOf("")).toBe("application/json");
  });
});

describe("selectIntegrationResponse", () => {
  const responses: Record<string, IntegrationResponse> = {
    default: { statusCode: 201 },
    ".*NotFound.*": { statusCode: 404 },
    ".*Invalid.*": { statusCode: 400 },
    "5\\d{2}": { statusCode: 500 },
  };
  it.each([
    [undefined, "default", 201],
    ["Order NotFound: 42", ".*NotFound.*", 404],
    ["Invalid quantity", ".*Invalid.*", 400],
    ["something else", "default", 201],
    // the whole message must match, and "." does not cross a newline (Java regex semantics)
    ["NotFound\nsecond line", "default", 201],
    ["xNotFound", ".*NotFound.*", 404],
    ["503", "5\\d{2}", 500],
    ["5033", "default", 201],
  ])("selector %j picks %s", (selector, pattern, status) => {
    const got = selectIntegrationResponse(responses, selector);
    expect(got.pattern).toBe(pattern);
    expect(got.response.statusCode).toBe(status);
  });

  it("with no default, an unmatched result answers 200 with no mapping", () => {
    expect(selectIntegrationResponse({ "x": { statusCode: 400 } }, "y").response).toEqual({ statusCode: 200 });
  });

  it("a pattern that is not a valid regex never matches", () => {
    expect(selectIntegrationResponse({ default: { statusCode: 200 }, "(": { statusCode: 400 } }, "(").pattern).toBe("default");
  });
});

describe("mapResponseHeaders", () => {
  const result = { body: JSON.stringify({ location: "/orders/9", n: 3, obj: { a: 1 }, nested: { id: "x" }, nil: null }), headers: { "X-Up": "u" } };
  it.each([
    ["integration.response.body.location", "/orders/9"],
    ["integration.response.body.n", "3"],
    ["integration.response.body.obj", '{"a":1}'],
    ["integration.response.body.nested.id", "x"],
    ["integration.response.body['location']", "/orders/9"],
    ["integration.response.body", result.body],
    ["integration.response.header.x-up", "u"],
    ["'lgw'", "lgw"],
    ["'a b, c'", "a b, c"],
  ])("%s gives %j", (expr, expected) => {
    expect(mapResponseHeaders({ H: expr }, result)).toEqual({ H: expected });
  });

  it.each(["integration.response.body.missing", "integration.response.body.nil", "integration.response.header.none", "nonsense"])(
    "%s leaves the header out",
    (expr) => {
      expect(mapResponseHeaders({ H: expr }, result)).toEqual({});
    },
  );

  it("a body that is not JSON maps only as a whole", () => {
    const plain = { body: "hello", headers: {} };
    expect(mapResponseHeaders({ A: "integration.response.body", B: "integration.response.body.x" }, plain)).toEqual({ A: "hello" });
  });
});

describe("mappingExpressionError", () => {
  it.each(["'static'", "integration.response.body", "integration.response.body.location", "integration.response.header.X-Id"])("%s is valid", (e) => {
    expect(mappingExpressionError(e)).toBeNull();
  });
  it.each(["location", "method.request.header.X", "integration.response.header.", "'unclosed"])("%s is refused with a reason", (e) => {
    expect(mappingExpressionError(e)).toMatch(/is not a response mapping/);
  });
});

describe("responseTemplateOf and mockStatusOf", () => {
  it("prefers application/json, else the first template", () => {
    expect(responseTemplateOf({ "text/plain": "T", "application/json": "J" })).toEqual({ contentType: "application/json", template: "J" });
    expect(responseTemplateOf({ "text/plain": "T" })).toEqual({ contentType: "text/plain", template: "T" });
    expect(responseTemplateOf(undefined)).toBeUndefined();
  });
  it.each([
    ['{"statusCode": 200}', 200],
    ['{"statusCode": 404}', 404],
    ['{"statusCode": "201"}', 201],
    ["{}", 200],
    ["not json", 200],
    ['{"statusCode": 99}', 200],
  ])("%s selects %d", (rendered, code) => {
    expect(mockStatusOf(rendered)).toBe(code);
  });
});
