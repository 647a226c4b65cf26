import http from "node:http";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRouteTable } from "../routes/table.js";
import { Logger } from "../ui/logger.js";
import { startGateway, type GatewayServer, type GatewayOutcome } from "./server.js";

// The HTTP edge with a scripted function: what each route answers is decided by the test.
const script: Record<string, (event: Record<string, unknown>) => GatewayOutcome> = {
  echo: (event) => ({ kind: "result", payload: Buffer.from(JSON.stringify({ statusCode: 200, body: JSON.stringify(event) })) }),
  cookies: () => ({
    kind: "result",
    payload: Buffer.from(
      JSON.stringify({ statusCode: 201, headers: { "X-One": "1" }, multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"] }, body: "ok" }),
    ),
  }),
  badHeader: () => ({
    kind: "result",
    payload: Buffer.from(JSON.stringify({ statusCode: 200, headers: { "X-Bad": "a\nb", "Bad Name": "x", Good: "1" }, body: "" })),
  }),
  malformed: () => ({ kind: "result", payload: Buffer.from('{"statusCode":"2xx"}') }),
  crash: () => ({ kind: "functionError", reason: "Runtime exited with error: signal: killed" }),
  slow: () => ({ kind: "timeout" }),
  stringStatus: () => ({ kind: "result", payload: Buffer.from('{"statusCode":"201","body":"made"}') }),
  lambdaError: () => ({ kind: "result", payload: Buffer.from('{"errorMessage":"boom","errorType":"errorString"}') }),
};

/** GET with the path exactly as given (fetch would normalise some of them). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request({ host: u.hostname, port: u.port, path, method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

function setup(format: "v1" | "v2", extra: { maxEventBytes?: number } = {}) {
  const out = new PassThrough();
  const lines: string[] = [];
  out.on("data", (c: Buffer) => lines.push(c.toString()));
  const log = new Logger({ stdout: out, stderr: out, color: false });
  let invoked = 0;
  const routes = parseRouteTable({
    "ANY /echo/{proxy+}": "echo",
    "POST /echo": "echo",
    "GET /cookies": "cookies",
    "GET /malformed": "malformed",
    "GET /bad-header": "badHeader",
    "GET /crash": "crash",
    "GET /slow": "slow",
    "GET /string-status": "stringStatus",
    "GET /lambda-error": "lambdaError",
    "GET /items": "echo",
    "GET /users/{id}": "echo",
  });
  return {
    lines,
    start: () =>
      startGateway({
        host: "127.0.0.1",
        port: 0,
        routes,
        format,
        event: { stage: "dev", stageVariables: {}, binaryMediaTypes: [], apiId: "local", accountId: "123456789012" },
        invoke: async (fn, event) => {
          invoked++;
          return script[fn]!(JSON.parse(event.toString()));
        },
        log,
        maxRequestBytes: 1024,
        ...extra,
      }),
    invocations: () => invoked,
  };
}

describe("gateway server (v1)", () => {
  let gw: GatewayServer;
  const s = setup("v1");
  beforeAll(async () => (gw = await s.start()));
  afterAll(() => gw.close());

  it("sends the event built from the real request", async () => {
    const r = await fetch(`${gw.url}/echo/a/b?x=1&x=2`, { headers: { "X-Multi": "q" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    const event = JSON.parse(await r.text());
    expect(event).toMatchObject({
      resource: "/echo/{proxy+}",
      path: "/echo/a/b",
      httpMethod: "GET",
      pathParameters: { proxy: "a/b" },
      multiValueQueryStringParameters: { x: ["1", "2"] },
      requestContext: { path: "/dev/echo/a/b", identity: { sourceIp: "127.0.0.1" } },
    });
    expect(event.headers["X-Multi"] ?? event.headers["x-multi"]).toBe("q");
  });

  it.each<[string, string, Record<string, unknown>]>([
    ["percent-encoded parameters as sent", "/users/a%20b%2Fc", { path: "/users/a%20b%2Fc", pathParameters: { id: "a%20b%2Fc" } }],
    ["a trailing slash in path, not in proxy", "/echo/a/b/", { path: "/echo/a/b/", pathParameters: { proxy: "a/b" } }],
    ["a leading // collapsed", "//items", { path: "/items", resource: "/items" }],
    ["';' separates the query", "/items?a=1;b=2", { multiValueQueryStringParameters: { a: ["1"], b: ["2"] } }],
  ])("REST event: %s", async (_n, path, want) => {
    const r = await rawGet(gw.url, path);
    expect(r.status).toBe(200);
    const event = JSON.parse(r.body);
    expect(event).toMatchObject(want);
    expect(event.headers["X-Amzn-Trace-Id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(Object.keys(event.headers).map((k: string) => k.toLowerCase())).not.toContain("content-length");
    expect(event.requestContext).not.toHaveProperty("authorizer");
  });

  it("answers a string statusCode holding an integer with that status", async () => {
    const r = await fetch(`${gw.url}/string-status`);
    expect(r.status).toBe(201);
    expect(await r.text()).toBe("made");
  });

  it("keeps repeated Set-Cookie headers separate", async () => {
    const r = await fetch(`${gw.url}/cookies`);
    expect(r.status).toBe(201);
    expect(r.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(r.headers.get("x-one")).toBe("1");
    expect(await r.text()).toBe("ok");
  });

  it("drops headers HTTP cannot carry instead of failing the response", async () => {
    const r = await fetch(`${gw.url}/bad-header`);
    expect(r.status).toBe(200);
    expect(r.headers.get("good")).toBe("1");
    expect(r.headers.has("x-bad")).toBe(false);
  });

  it.each<[string, string, number, string]>([
    ["no route", "/nope", 403, '{"message":"Missing Authentication Token"}'],
    ["malformed result", "/malformed", 502, '{"message": "Internal server error"}'],
    ["function error", "/crash", 502, '{"message": "Internal server error"}'],
    ["integration timeout", "/slow", 504, '{"message": "Endpoint request timed out"}'],
  ])("%s", async (_n, path, status, body) => {
    const r = await fetch(gw.url + path);
    expect(r.status).toBe(status);
    expect(await r.text()).toBe(body);
  });

  it("answers 413 to a body over the limit and logs every request", async () => {
    const r = await fetch(`${gw.url}/echo`, { method: "POST", body: "x".repeat(2000) });
    expect(r.status).toBe(413);
    const ok = await fetch(`${gw.url}/echo`, { method: "POST", body: "x".repeat(1000) });
    expect(ok.status).toBe(200);
    expect(JSON.parse(await ok.text()).body).toBe("x".repeat(1000));
    expect(s.lines.join("")).toMatch(/POST \/echo 413 [\d.]+ ms [0-9a-f-]{36}/);
  });
});

describe("gateway server: Lambda's 6 MB invocation limit", () => {
  it("an event over Lambda's payload limit is never invoked: 413 Request Too Long and the reason logged", async () => {
    const s = setup("v1", { maxEventBytes: 600 });
    const gw = await s.start();
    try {
      // a body far under the 10 MB gateway limit, but the event around it is over Lambda's
      const r = await fetch(`${gw.url}/echo`, { method: "POST", body: "x".repeat(700) });
      expect(r.status).toBe(413);
      expect(r.headers.get("x-amzn-errortype")).toBe("BadRequestException");
      expect(await r.text()).toBe('{"message": "Request Too Long"}');
      expect(s.invocations()).toBe(0);
      expect(s.lines.join("")).toMatch(/the event is \d+ bytes; Lambda accepts at most 600 bytes/);
    } finally {
      await gw.close();
    }
  });
});

describe("gateway server (v2)", () => {
  let gw: GatewayServer;
  const s = setup("v2");
  beforeAll(async () => (gw = await s.start()));
  afterAll(() => gw.close());

  it.each<[string, number, string]>([
    ["/nope", 404, '{"message":"Not Found"}'],
    ["/crash", 500, '{"message":"Internal Server Error"}'],
  ])("%s -> %i", async (path, status, body) => {
    const r = await fetch(gw.url + path);
    expect(r.status).toBe(status);
    expect(await r.text()).toBe(body);
  });

  it.each<[string, string, number, string]>([
    ["a trailing slash does not match GET /items", "/items/", 404, '{"message":"Not Found"}'],
    ["nor GET /users/{id}", "/users/42/", 404, '{"message":"Not Found"}'],
    ["a malformed escape is a 400 before routing", "/items%zz", 400, '{"message":"Bad Request"}'],
    ["a Lambda-error-shaped result is a 500", "/lambda-error", 500, '{"message":"Internal Server Error"}'],
    ["a string statusCode", "/string-status", 201, "made"],
  ])("%s", async (_n, path, status, body) => {
    const r = await rawGet(gw.url, path);
    expect(r.status).toBe(status);
    expect(r.body).toBe(body);
  });

  it("routes the decoded path, cut at %3F; bodiless events carry content-length: 0 and x-amzn-trace-id", async () => {
    const r = await rawGet(gw.url, "/user%73/a%20b%3Fx=1?q=2");
    expect(r.status).toBe(200);
    const event = JSON.parse(r.body);
    expect(event).toMatchObject({ routeKey: "GET /users/{id}", rawPath: "/dev/users/a b", pathParameters: { id: "a b" }, rawQueryString: "q=2" });
    expect(event.headers["content-length"]).toBe("0");
    expect(event.headers["x-amzn-trace-id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it("builds a 2.0 event", async () => {
    const r = await fetch(`${gw.url}/echo/x?a=1&a=2`, { headers: { cookie: "s=1; t=2" } });
    const event = JSON.parse(await r.text());
    expect(event).toMatchObject({ version: "2.0", routeKey: "ANY /echo/{proxy+}", cookies: ["s=1", "t=2"], queryStringParameters: { a: "1,2" } });
  });
});
