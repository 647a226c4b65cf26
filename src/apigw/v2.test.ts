import { describe, expect, it } from "vitest";
import { defaultRoutes, parseRouteTable } from "../routes/table.js";
import { matchRoute } from "../routes/match.js";
import { httpApiPath, type EventOptions, type HttpRequestInfo } from "./request.js";
import { fromV2Result, toV2Event } from "./v2.js";

const AT = new Date(Date.UTC(2020, 2, 12, 19, 3, 58, 42));

function req(over: Partial<HttpRequestInfo> = {}): HttpRequestInfo {
  return {
    method: "GET",
    path: "/pets/7",
    rawQuery: "",
    headers: [["Host", "localhost:3000"], ["User-Agent", "curl/8.0"]],
    body: Buffer.alloc(0),
    sourceIp: "127.0.0.1",
    protocol: "HTTP/1.1",
    host: "localhost:3000",
    receivedAt: AT,
    ...over,
  };
}

const OPTS: EventOptions = {
  stage: "$default",
  stageVariables: {},
  binaryMediaTypes: [],
  requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
  apiId: "abc123",
  accountId: "123456789012",
};
const routes = parseRouteTable({ "GET /pets/{id}": "pets", "ANY /files/{proxy+}": "files", "POST /pets": "pets" });

describe("toV2Event", () => {
  it("has the keys and values of AWS's payload 2.0 sample", () => {
    const e = toV2Event(req(), matchRoute(routes, "GET", "/pets/7")!, OPTS);
    expect(e).toEqual({
      version: "2.0",
      routeKey: "GET /pets/{id}",
      rawPath: "/pets/7",
      rawQueryString: "",
      headers: {
        host: "localhost:3000",
        "user-agent": "curl/8.0",
        "content-length": "0",
        "x-forwarded-for": "127.0.0.1",
        "x-forwarded-port": "3000",
        "x-forwarded-proto": "http",
      },
      pathParameters: { id: "7" },
      requestContext: {
        accountId: "123456789012",
        apiId: "abc123",
        domainName: "localhost",
        domainPrefix: "localhost",
        http: { method: "GET", path: "/pets/7", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "curl/8.0" },
        requestId: expect.stringMatching(/^[A-Za-z0-9+-]{15}=$/),
        routeKey: "GET /pets/{id}",
        stage: "$default",
        time: "12/Mar/2020:19:03:58 +0000",
        timeEpoch: 1584039838042,
      },
      isBase64Encoded: false,
    });
  });

  it("lowercases headers, joins repeats with commas, moves cookies out", () => {
    const e = toV2Event(
      req({
        headers: [["X-Tag", "a"], ["x-tag", "b"], ["Cookie", "s=1; t=2"], ["cookie", "u=3"], ["Host", "h"]],
        host: "h",
        rawQuery: "a=1&a=2&b=x%20y",
      }),
      matchRoute(routes, "GET", "/pets/7")!,
      OPTS,
    );
    expect(e.cookies).toEqual(["s=1", "t=2", "u=3"]);
    expect(e.headers).toMatchObject({ "x-tag": "a,b", host: "h" });
    expect(e.headers).not.toHaveProperty("cookie");
    expect(e.queryStringParameters).toEqual({ a: "1,2", b: "x y" });
    expect(e.rawQueryString).toBe("a=1&a=2&b=x%20y");
  });

  it("query and header names of Object's members are data, not members of a prototype", () => {
    const e = toV2Event(
      req({ headers: [["Host", "h"], ["valueOf", "v"], ["__proto__", "p"]], host: "h", rawQuery: "toString=1&constructor=2&toString=3&__proto__=4" }),
      matchRoute(routes, "GET", "/pets/7")!,
      OPTS,
    );
    expect(JSON.stringify(e.queryStringParameters)).toBe('{"toString":"1,3","constructor":"2","__proto__":"4"}');
    expect(JSON.stringify(e.headers)).toContain('"valueof":"v","__proto__":"p"');
  });

  it("uses $default for the implicit routes and leaves pathParameters out", () => {
    const e = toV2Event(req({ path: "/x/y" }), matchRoute(defaultRoutes("fn"), "GET", "/x/y")!, OPTS);
    expect(e.routeKey).toBe("$default");
    expect(e).not.toHaveProperty("pathParameters");
  });

  it("greedy routes carry the remainder; a named stage prefixes rawPath; the path arrives decoded", () => {
    const e = toV2Event(req({ path: "/files/a/b%20c" }), matchRoute(routes, "GET", "/files/a/b c", { style: "http" })!, { ...OPTS, stage: "dev", stageVariables: { k: "v" } });
    expect(e).toMatchObject({
      routeKey: "ANY /files/{proxy+}",
      rawPath: "/dev/files/a/b c",
      pathParameters: { proxy: "a/b c" },
      stageVariables: { k: "v" },
      requestContext: { stage: "dev", http: { path: "/dev/files/a/b c" } },
    });
  });

  const bin = Buffer.from([0, 1, 2, 0xff]);
  it.each<[string, string | undefined, Buffer, string[], boolean]>([
    ["json is text", "application/json", Buffer.from('{"a":1}'), [], false],
    ["text/* is text", "text/csv", Buffer.from("a,b"), [], false],
    ["+json is text", "application/vnd.api+json", Buffer.from("{}"), [], false],
    ["form data is base64, as HTTP APIs do", "application/x-www-form-urlencoded", Buffer.from("a=1"), [], true],
    ["octet-stream is base64", "application/octet-stream", bin, [], true],
    ["no content type, UTF-8 bytes", undefined, Buffer.from("hi"), [], false],
    ["no content type, binary bytes", undefined, bin, [], true],
    ["binaryMediaTypes force base64", "text/plain", Buffer.from("hi"), ["text/*"], true],
  ])("body: %s", (_n, ct, body, types, b64) => {
    const headers: [string, string][] = ct ? [["Content-Type", ct]] : [];
    const e = toV2Event(req({ method: "POST", path: "/pets", headers, body }), matchRoute(routes, "POST", "/pets")!, { ...OPTS, binaryMediaTypes: types });
    expect(e.isBase64Encoded).toBe(b64);
    expect(e.body).toBe(body.toString(b64 ? "base64" : "utf8"));
  });

  it("leaves body out when there is none", () => {
    expect(toV2Event(req(), matchRoute(routes, "GET", "/pets/7")!, OPTS)).not.toHaveProperty("body");
  });
});

describe("fromV2Result", () => {
  const ok = (text: string) => {
    const out = fromV2Result(text);
    if (!out.ok) throw new Error(out.reason);
    return { ...out.response, body: out.response.body.toString() };
  };

  it.each<[string, string, string]>([
    ["an object without statusCode", '{"message":"hi"}', '{"message":"hi"}'],
    ["a JSON string becomes the body", '"Hello from Lambda!"', "Hello from Lambda!"],
    ["a number", "42", "42"],
    ["an array", "[1,2]", "[1,2]"],
    ["null", "null", "null"],
  ])("infers 200 application/json for %s", (_n, text, body) => {
    expect(ok(text)).toEqual({ statusCode: 200, headers: [["content-type", "application/json"]], body });
  });

  it("reads a structured response, cookies become set-cookie headers", () => {
    expect(ok(JSON.stringify({ statusCode: 302, headers: { Location: "/x" }, cookies: ["a=1; Secure", "b=2"], body: "" }))).toEqual({
      statusCode: 302,
      headers: [["Location", "/x"], ["set-cookie", "a=1; Secure"], ["set-cookie", "b=2"]],
      body: "",
    });
  });

  it("reads an integer-valued string statusCode", () => {
    expect(ok('{"statusCode":"201","body":"made"}')).toMatchObject({ statusCode: 201, body: "made" });
  });

  it("always decodes isBase64Encoded bodies", () => {
    expect(ok(JSON.stringify({ statusCode: 200, body: Buffer.from("bin").toString("base64"), isBase64Encoded: true })).body).toBe("bin");
  });

  it.each<[string, string, RegExp]>([
    ["not JSON", "nope", /not JSON/],
    ["statusCode a non-integer string", '{"statusCode":"2xx"}', /statusCode/],
    ["statusCode a fraction", '{"statusCode":200.5}', /statusCode/],
    ["statusCode 101, an interim answer", '{"statusCode":101}', /from 200 to 599/],
    ["a Lambda error result", '{"errorMessage":"boom","errorType":"errorString"}', /returned an error: errorString: boom/],
    ["a Lambda error result without errorType", '{"errorMessage":"boom"}', /returned an error/],
    ["headers an array", '{"statusCode":200,"headers":[]}', /headers must be an object/],
    ["cookies not strings", '{"statusCode":200,"cookies":[1]}', /cookies/],
    ["body an object", '{"statusCode":200,"body":{}}', /body must be a string/],
  ])("malformed: %s -> 500", (_n, text, why) => {
    const out = fromV2Result(text);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.reason).toMatch(why);
    expect(out.response.statusCode).toBe(500);
    expect(out.response.body.toString()).toBe('{"message":"Internal Server Error"}');
  });
});

describe("HTTP API request rules", () => {
  it.each<[string, string, { path: string } | { error: RegExp }]>([
    ["plain", "/pets/7", { path: "/pets/7" }],
    ["decoded for routing and rawPath", "/a%20b/%E2%9C%93", { path: "/a b/✓" }],
    ["%2F becomes a slash", "/a%2Fb", { path: "/a/b" }],
    ["%3F ends the path as a ? would", "/items%3Fx=1", { path: "/items" }],
    ["a malformed escape", "/a%zz", { error: /malformed percent escape/ }],
    ["a truncated escape", "/a%2", { error: /malformed/ }],
    ["an escape that is not UTF-8", "/a%FF", { error: /malformed/ }],
  ])("path: %s", (_n, raw, want) => {
    const got = httpApiPath(raw);
    if ("path" in want) expect(got).toEqual(want);
    else expect("error" in got && got.error).toMatch(want.error);
  });

  it.each<[string, Partial<HttpRequestInfo>, Record<string, string>]>([
    ["a bodiless request carries content-length: 0", {}, { "content-length": "0" }],
    ["a request with a body keeps its own", { method: "POST", path: "/pets", headers: [["Content-Length", "2"]], body: Buffer.from("hi") }, { "content-length": "2" }],
    ["every event carries x-amzn-trace-id", {}, { "x-amzn-trace-id": "Root=1-5e6a87ae-0123456789abcdef01234567" }],
  ])("headers: %s", (_n, over, want) => {
    const r = req(over);
    const e = toV2Event(r, matchRoute(routes, r.method, r.path, { style: "http" })!, { ...OPTS, traceId: "Root=1-5e6a87ae-0123456789abcdef01234567" });
    expect(e.headers).toMatchObject(want);
  });

  it("%3F: rawPath ends before it, rawQueryString stays the real query", () => {
    const e = toV2Event(req({ path: "/pets/7%3Fa=1", rawQuery: "b=2" }), matchRoute(routes, "GET", "/pets/7", { style: "http" })!, OPTS);
    expect(e).toMatchObject({ rawPath: "/pets/7", rawQueryString: "b=2", queryStringParameters: { b: "2" } });
  });
});

describe("the default integration timeout", () => {
  it.each<["v1" | "v2", number]>([
    ["v1", 29],
    ["v2", 30],
  ])("%s: %i s", async (format, seconds) => {
    const { defaultIntegrationTimeout } = await import("../local/serve.js");
    expect(defaultIntegrationTimeout(format)).toBe(seconds);
  });
});
