import { describe, expect, it } from "vitest";
import { defaultRoutes, parseRouteTable, type RouteMatch } from "../routes/table.js";
import { matchRoute } from "../routes/match.js";
import { restPath, traceRootOf, type EventOptions, type HttpRequestInfo } from "./request.js";
import { fromV1Result, toV1Event } from "./v1.js";

const AT = new Date(Date.UTC(2020, 2, 4, 19, 15, 17, 135));

function req(over: Partial<HttpRequestInfo> = {}): HttpRequestInfo {
  return {
    method: "GET",
    path: "/users/42",
    rawQuery: "",
    headers: [["Host", "127.0.0.1:3000"], ["User-Agent", "curl/8.0"]],
    body: Buffer.alloc(0),
    sourceIp: "127.0.0.1",
    protocol: "HTTP/1.1",
    host: "127.0.0.1:3000",
    receivedAt: AT,
    ...over,
  };
}

const OPTS: EventOptions = {
  stage: "dev",
  stageVariables: {},
  binaryMediaTypes: [],
  requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
  apiId: "abc123",
  accountId: "123456789012",
};

const routes = parseRouteTable({ "GET /users/{id}": "u", "ANY /{proxy+}": "p", "POST /upload": "up" });
const m = (method: string, path: string): RouteMatch => matchRoute(routes, method, path)!;

describe("toV1Event", () => {
  it("has exactly the keys of AWS's sample REST proxy event", () => {
    const e = toV1Event(req(), m("GET", "/users/42"), OPTS);
    expect(Object.keys(e).sort()).toEqual(
      [
        "body", "headers", "httpMethod", "isBase64Encoded", "multiValueHeaders", "multiValueQueryStringParameters",
        "path", "pathParameters", "queryStringParameters", "requestContext", "resource", "stageVariables",
      ].sort(),
    );
    const rc = e.requestContext as Record<string, unknown>;
    expect(Object.keys(rc).sort()).toEqual(
      [
        "accountId", "apiId", "deploymentId", "domainName", "domainPrefix", "extendedRequestId", "httpMethod", "identity",
        "path", "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage",
      ].sort(),
    );
    expect(Object.keys(rc.identity as object).sort()).toEqual(
      [
        "accessKey", "accountId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
        "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "sourceIp", "user", "userAgent", "userArn",
      ].sort(),
    );
  });

  it("fills every field as API Gateway does", () => {
    const e = toV1Event(req(), m("GET", "/users/42"), { ...OPTS, stageVariables: { env: "local" } });
    expect(e).toMatchObject({
      resource: "/users/{id}",
      path: "/users/42",
      httpMethod: "GET",
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: { id: "42" },
      stageVariables: { env: "local" },
      body: null,
      isBase64Encoded: false,
      requestContext: {
        accountId: "123456789012",
        apiId: "abc123",
        domainName: "127.0.0.1",
        httpMethod: "GET",
        path: "/dev/users/42",
        protocol: "HTTP/1.1",
        requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        requestTime: "04/Mar/2020:19:15:17 +0000",
        requestTimeEpoch: 1583349317135,
        resourcePath: "/users/{id}",
        stage: "dev",
        identity: { sourceIp: "127.0.0.1", userAgent: "curl/8.0", caller: null },
      },
    });
    expect(e.headers).toEqual({
      Host: "127.0.0.1:3000",
      "User-Agent": "curl/8.0",
      "X-Forwarded-For": "127.0.0.1",
      "X-Forwarded-Port": "3000",
      "X-Forwarded-Proto": "http",
    });
  });

  it("keeps header case, last value in headers, all values in order in multiValueHeaders", () => {
    const e = toV1Event(
      req({ headers: [["X-Tag", "a"], ["Accept", "*/*"], ["x-tag", "b"], ["X-TAG", "c"], ["X-Forwarded-For", "10.0.0.1"]] }),
      m("GET", "/users/1"),
      OPTS,
    );
    expect(e.headers).toMatchObject({ "X-Tag": "c", Accept: "*/*", "X-Forwarded-For": "10.0.0.1, 127.0.0.1" });
    expect(e.multiValueHeaders).toMatchObject({ "X-Tag": ["a", "b", "c"], Accept: ["*/*"] });
  });

  it.each<[string, Record<string, string> | null, Record<string, string[]> | null]>([
    ["", null, null],
    ["a=1", { a: "1" }, { a: ["1"] }],
    ["a=1&a=2&b=x", { a: "2", b: "x" }, { a: ["1", "2"], b: ["x"] }],
    ["flag&e=", { flag: "", e: "" }, { flag: [""], e: [""] }],
    ["q=a%20b+c&%C3%A9=%E2%9C%93", { q: "a b c", "é": "✓" }, { q: ["a b c"], "é": ["✓"] }],
    ["x=%zz", { x: "%zz" }, { x: ["%zz"] }],
  ])("query %j", (rawQuery, single, multi) => {
    const e = toV1Event(req({ rawQuery }), m("GET", "/users/1"), OPTS);
    expect(e.queryStringParameters).toEqual(single);
    expect(e.multiValueQueryStringParameters).toEqual(multi);
  });

  it.each<[string, Partial<HttpRequestInfo>, "headers" | "multiValueHeaders" | "queryStringParameters" | "multiValueQueryStringParameters", string]>([
    ["query names of Object's members", { rawQuery: "constructor=1&toString=2&__proto__=3&toString=4" }, "queryStringParameters", '{"constructor":"1","toString":"4","__proto__":"3"}'],
    ["their multi values", { rawQuery: "constructor=1&toString=2&__proto__=3&toString=4" }, "multiValueQueryStringParameters", '{"constructor":["1"],"toString":["2","4"],"__proto__":["3"]}'],
    ["header names of Object's members", { headers: [["Host", "h"], ["valueOf", "v"], ["__proto__", "p"], ["Constructor", "c"]] }, "headers", '"valueOf":"v","__proto__":"p","Constructor":"c"'],
  ])("%s are data, not members of a prototype", (_, over, key, json) => {
    const e = toV1Event(req(over), m("GET", "/users/1"), OPTS);
    expect(JSON.stringify(e[key])).toContain(json.replace(/^\{|\}$/g, ""));
  });

  it("puts the greedy remainder in proxy, both still percent-encoded, as AWS sends them", () => {
    const e = toV1Event(req({ path: "/a/b%20c/d" }), m("GET", "/a/b%20c/d"), OPTS);
    expect(e).toMatchObject({ resource: "/{proxy+}", path: "/a/b%20c/d", pathParameters: { proxy: "a/b%20c/d" } });
    expect((e.requestContext as Record<string, unknown>).path).toBe("/dev/a/b%20c/d");
  });

  // one row per REST API rule on paths, parameters and query strings (recorded real-AWS events)
  it.each<[string, string, string, string, Record<string, string> | null]>([
    ["a parameter stays percent-encoded", "/users/a%20b", "/users/a%20b", "/users/{id}", { id: "a%20b" }],
    ["%2F stays %2F", "/users/a%2Fb", "/users/a%2Fb", "/users/{id}", { id: "a%2Fb" }],
    ["proxy stays percent-encoded", "/x/%E2%9C%93", "/x/%E2%9C%93", "/{proxy+}", { proxy: "x/%E2%9C%93" }],
    ["a trailing slash stays in path, not in proxy", "/a/b/", "/a/b/", "/{proxy+}", { proxy: "a/b" }],
    ["a leading // is collapsed", "//hardcoded", "/hardcoded", "/hardcoded", null],
    ["a leading /// too", "///users/7", "/users/7", "/users/{id}", { id: "7" }],
    ["a doubled slash inside is kept", "/a//b", "/a//b", "/{proxy+}", { proxy: "a//b" }],
  ])("path: %s", (_n, sent, path, resource, params) => {
    const routesWithLiteral = parseRouteTable({ "GET /users/{id}": "u", "GET /hardcoded": "h", "ANY /{proxy+}": "p" });
    const match = matchRoute(routesWithLiteral, "GET", restPath(sent))!;
    const e = toV1Event(req({ path: sent }), match, OPTS);
    expect(e).toMatchObject({ path, resource, pathParameters: params });
    expect((e.requestContext as Record<string, unknown>).path).toBe(`/dev${path}`);
  });

  it.each<[string, Record<string, string[]>]>([
    ["a=1;b=2", { a: ["1"], b: ["2"] }],
    ["a=1;a=2&a=3", { a: ["1", "2", "3"] }],
    ["q=x%3By", { q: ["x;y"] }], // an encoded ; is a value
  ])("query %j: ';' separates as '&' does", (rawQuery, multi) => {
    expect(toV1Event(req({ rawQuery }), m("GET", "/users/1"), OPTS).multiValueQueryStringParameters).toEqual(multi);
  });

  it.each<[string, [string, string][], (e: Record<string, unknown>) => void]>([
    ["no Content-Length reaches the function", [["Content-Length", "2"], ["Content-Type", "text/plain"]], (e) => {
      expect(Object.keys(e.headers as object).map((k) => k.toLowerCase())).not.toContain("content-length");
      expect(Object.keys(e.multiValueHeaders as object).map((k) => k.toLowerCase())).not.toContain("content-length");
    }],
    ["X-Amzn-Trace-Id carries the trace root", [], (e) => {
      expect((e.headers as Record<string, string>)["X-Amzn-Trace-Id"]).toBe("Root=1-5e600000-0123456789abcdef01234567");
    }],
    ["no authorizer: requestContext.authorizer is absent", [], (e) => {
      expect(e.requestContext).not.toHaveProperty("authorizer");
    }],
    ["requestContext.deploymentId is present", [], (e) => {
      expect((e.requestContext as Record<string, unknown>).deploymentId).toMatch(/^[0-9a-z]{6}$/);
    }],
  ])("headers: %s", (_n, headers, check) => {
    check(toV1Event(req({ method: "POST", headers, body: Buffer.from("hi") }), m("POST", "/upload"), { ...OPTS, traceId: "Root=1-5e600000-0123456789abcdef01234567" }));
  });

  it("routes without a table to ANY / with null pathParameters", () => {
    const e = toV1Event(req({ path: "/", method: "DELETE" }), matchRoute(defaultRoutes("fn"), "DELETE", "/")!, OPTS);
    expect(e).toMatchObject({ resource: "/", pathParameters: null, httpMethod: "DELETE" });
  });

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
  it.each<[string, string, string[], Buffer, string, boolean]>([
    ["text without binary types", "application/json", [], Buffer.from('{"a":1}'), '{"a":1}', false],
    ["non-ASCII text without binary types", "text/plain", [], Buffer.from("héllo"), "héllo", false],
    ["exact binary type", "image/png", ["image/png"], png, png.toString("base64"), true],
    ["wildcard subtype", "image/png", ["image/*"], png, png.toString("base64"), true],
    ["*/* matches json too", "application/json; charset=utf-8", ["*/*"], Buffer.from("{}"), Buffer.from("{}").toString("base64"), true],
    ["not listed", "image/png", ["application/octet-stream"], Buffer.from("x"), "x", false],
  ])("body: %s", (_name, contentType, types, body, expected, b64) => {
    const e = toV1Event(
      req({ method: "POST", path: "/upload", headers: [["Content-Type", contentType]], body }),
      m("POST", "/upload"),
      { ...OPTS, binaryMediaTypes: types },
    );
    expect(e.body).toBe(expected);
    expect(e.isBase64Encoded).toBe(b64);
  });
});

describe("fromV1Result", () => {
  const ok = (result: unknown, opts: { binaryMediaTypes?: string[]; accept?: string } = {}) => {
    const out = fromV1Result(JSON.stringify(result), { binaryMediaTypes: opts.binaryMediaTypes ?? [], accept: opts.accept });
    if (!out.ok) throw new Error(out.reason);
    return out.response;
  };

  it("passes status, headers and body", () => {
    const r = ok({ statusCode: 201, headers: { "Content-Type": "text/plain", "X-A": "1" }, body: "made" });
    expect(r.statusCode).toBe(201);
    expect(r.headers).toEqual([["Content-Type", "text/plain"], ["X-A", "1"]]);
    expect(r.body.toString()).toBe("made");
  });

  it("defaults Content-Type to application/json and an absent body to empty", () => {
    const r = ok({ statusCode: 204, headers: null, multiValueHeaders: null });
    expect(r.headers).toEqual([["Content-Type", "application/json"]]);
    expect(r.body.length).toBe(0);
  });

  it("merges headers with multiValueHeaders into one list, a pair given in both once; Set-Cookie stays separate", () => {
    const r = ok({
      statusCode: 200,
      headers: { "X-One": "single", "x-both": "from-headers", "Set-Cookie": "c=3", "X-Dup": "v", "Content-Type": "text/html" },
      multiValueHeaders: { "X-Both": ["m1", "m2"], "Set-Cookie": ["a=1; Path=/", "b=2"], "x-dup": ["v", "w"] },
      body: "<p>",
    });
    expect(r.headers).toEqual([
      ["X-One", "single"],
      ["Content-Type", "text/html"],
      ["X-Both", "m1"],
      ["X-Both", "m2"],
      ["Set-Cookie", "a=1; Path=/"],
      ["Set-Cookie", "b=2"],
      ["x-dup", "v"],
      ["x-dup", "w"],
      ["x-both", "from-headers"],
      ["Set-Cookie", "c=3"],
    ]);
  });

  it.each<[string, string | undefined, string[], boolean]>([
    ["no binary types: base64 text passes through", undefined, [], false],
    ["response Content-Type matches", undefined, ["image/png"], true],
    ["first Accept matches", "image/webp,image/png", ["image/webp"], true],
    ["only a later Accept matches", "text/html,image/webp", ["image/webp"], false],
    ["*/*", undefined, ["*/*"], true],
  ])("isBase64Encoded: %s", (_n, accept, types, decoded) => {
    const r = ok(
      { statusCode: 200, headers: { "Content-Type": "image/png" }, body: Buffer.from("PNG!").toString("base64"), isBase64Encoded: true },
      { binaryMediaTypes: types, accept },
    );
    expect(r.body.toString()).toBe(decoded ? "PNG!" : Buffer.from("PNG!").toString("base64"));
  });

  it.each<[string, string, RegExp]>([
    ["not JSON", "oops", /not JSON/],
    ["an array", "[1]", /an array/],
    ["a string", '"hi"', /a string/],
    ["null", "null", /null/],
    ["{}", "{}", /the result is \{\}/],
    ["statusCode a non-integer string", '{"statusCode":"abc"}', /statusCode must be an integer/],
    ["statusCode a fractional string", '{"statusCode":"200.5"}', /statusCode must be an integer/],
    ["statusCode a padded string", '{"statusCode":" 200"}', /statusCode must be an integer/],
    ["statusCode null", '{"statusCode":null}', /statusCode must be an integer/],
    ["statusCode a boolean", '{"statusCode":true}', /statusCode must be an integer/],
    ["fractional statusCode", '{"statusCode":200.5}', /statusCode/],
    ["statusCode 0 (Go zero value)", '{"statusCode":0}', /statusCode/],
    ["statusCode 100, an interim answer", '{"statusCode":100}', /from 200 to 599/],
    ["statusCode \"101\"", '{"statusCode":"101"}', /from 200 to 599/],
    ["unknown key", '{"statusCode":200,"cookies":[]}', /unknown key "cookies"/],
    ["headers not an object", '{"statusCode":200,"headers":"x"}', /headers must be an object/],
    ["headers as an array", '{"statusCode":200,"headers":[]}', /headers must be an object/],
    ["header value an object", '{"statusCode":200,"headers":{"a":{}}}', /headers.a must be a string/],
    ["multiValueHeaders value not an array", '{"statusCode":200,"multiValueHeaders":{"a":"x"}}', /must be an array/],
    ["multiValueHeaders item not a string", '{"statusCode":200,"multiValueHeaders":{"a":[[]]}}', /not a string/],
    ["body not a string", '{"statusCode":200,"body":{"a":1}}', /body must be a string/],
    ["isBase64Encoded not a boolean", '{"statusCode":200,"isBase64Encoded":"true"}', /isBase64Encoded/],
  ])("malformed: %s -> 502", (_n, text, why) => {
    const out = fromV1Result(Buffer.from(text), { binaryMediaTypes: [] });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.reason).toMatch(why);
    expect(out.response.statusCode).toBe(502);
    expect(out.response.body.toString()).toBe('{"message": "Internal server error"}');
  });

  it.each<[string, unknown, number]>([
    ["an integer string", { statusCode: "201", body: "made" }, 201],
    ["a number", { statusCode: 404 }, 404],
    ["no statusCode, only headers", { headers: { "X-A": "1" } }, 200],
    ["no statusCode, only a body", { body: "hi" }, 200],
    ["no statusCode, multiValueHeaders null", { multiValueHeaders: null }, 200],
  ])("statusCode: %s answers %i", (_n, result, status) => {
    expect(ok(result).statusCode).toBe(status);
  });

  it("accepts numbers and booleans as header values, as API Gateway does", () => {
    expect(ok({ statusCode: 200, headers: { "X-N": 5, "X-B": true } }).headers).toContainEqual(["X-N", "5"]);
  });
});

describe("traceRootOf", () => {
  it.each<[string, [string, string][], string]>([
    ["a new root from the time", [], "Root=1-5e5ffe45-0123456789abcdef01234567"],
    ["the client's own root", [["X-Amzn-Trace-Id", "Root=1-11111111-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=x"]], "Root=1-11111111-aaaaaaaaaaaaaaaaaaaaaaaa"],
    ["an invalid client value is replaced", [["x-amzn-trace-id", "garbage"]], "Root=1-5e5ffe45-0123456789abcdef01234567"],
  ])("%s", (_n, headers, want) => {
    expect(traceRootOf(headers, AT.getTime(), "0123456789abcdef0123456789")).toBe(want);
  });
});
