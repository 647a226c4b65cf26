// lgw serve with REST non-proxy integrations, end to end: real HTTP (fetch) against the server
// started in-process, a real Go bootstrap (test/fixtures/nonproxy, aws-lambda-go) behind a
// Lambda custom integration, a MOCK route, and an HTTP_PROXY route in front of a real backend.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeHandle } from "../src/local/serve.js";
import { Logger } from "../src/ui/logger.js";
import { runLgw } from "./helpers/cli.js";

const fixtureDir = path.join(import.meta.dirname, "fixtures", "nonproxy");
const work = mkdtempSync(path.join(tmpdir(), "lgw-nonproxy-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const REQUEST_TEMPLATE = `{
  "id": "$input.params('id')",
  "action": "$input.params('action')",
  "qty": $input.json('$.qty'),
  "stage": "$context.stage"
}`;

function lgwJson(backendPort: number) {
  return {
    functions: { orders: { timeout: 5 } },
    routes: {
      "POST /orders/{id}": {
        function: "orders",
        integration: "lambda",
        requestTemplates: { "application/json": "templates/orders.req.vtl" },
        passthroughBehavior: "WHEN_NO_TEMPLATES",
        responses: {
          default: {
            statusCode: 201,
            headers: { Location: "integration.response.body.location", "X-Powered-By": "'lgw'" },
            templates: { "application/json": "$input.json('$.body')" },
          },
          ".*NotFound.*": { statusCode: 404 },
          ".*Invalid.*": { statusCode: 400, templates: { "application/json": '{"error": "$input.path(\'$.errorMessage\')"}' } },
        },
      },
      "GET /health": {
        integration: "mock",
        requestTemplates: { "application/json": '{"statusCode": #if($input.params(\'down\') == "yes")503#{else}200#end}' },
        responses: {
          default: { statusCode: 200, templates: { "application/json": '{"ok": true, "stage": "$context.stage"}' } },
          "5\\d\\d": { statusCode: 503, headers: { "Retry-After": "'30'" }, templates: { "application/json": '{"ok": false}' } },
        },
      },
      "ANY /ext/{proxy+}": { integration: "http", uri: `http://127.0.0.1:${backendPort}/backend/{proxy}` },
      "GET /gone/{proxy+}": { integration: "http", uri: "http://127.0.0.1:1/{proxy}" },
    },
  };
}

describe("lgw serve: non-proxy integrations", () => {
  let serve: ServeHandle;
  let backend: http.Server;
  let release: () => void = () => {};
  const logged = new PassThrough();
  let logText = "";
  logged.on("data", (c: Buffer) => (logText += c.toString()));
  const seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string }[] = [];

  beforeAll(async () => {
    const bin = path.join(work, "orders-bootstrap");
    execFileSync("go", ["build", "-tags", "lambda.norpc", "-o", bin, "."], { cwd: fixtureDir, env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=mod -buildvcs=false" } });
    backend = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        if (req.url?.startsWith("/backend/stream")) {
          // the second part is written only once the client has read the first: a gateway that
          // buffered the answer would never deliver it
          res.writeHead(200, { "Content-Type": "text/plain", "X-Backend": "yes" });
          res.write("first;");
          new Promise<void>((r) => (release = r)).then(() => res.end("second"));
          return;
        }
        res.writeHead(207, { "Content-Type": "application/json", "X-Backend": "yes" });
        res.end(JSON.stringify({ method: req.method, url: req.url, body }));
      });
    });
    await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
    const project = path.join(work, "project");
    mkdirSync(path.join(project, "templates"), { recursive: true });
    writeFileSync(path.join(project, "templates", "orders.req.vtl"), REQUEST_TEMPLATE);
    writeFileSync(path.join(project, "lgw.json"), JSON.stringify(lgwJson((backend.address() as AddressInfo).port)));
    serve = await startServe({ cwd: project, port: 0, host: "127.0.0.1", bootstrap: bin, concurrency: 1, log: new Logger({ stdout: logged, stderr: logged, color: false }) });
  });
  afterAll(async () => {
    release();
    await serve?.close();
    await new Promise((r) => backend?.close(r));
  });

  const post = (p: string, body: unknown, contentType = "application/json") =>
    fetch(serve.url + p, { method: "POST", headers: { "Content-Type": contentType }, body: JSON.stringify(body) });

  it("renders the request template, maps location into Location and answers the response template", async () => {
    const r = await post("/orders/42?action=create", { qty: 3 });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe("/orders/42");
    expect(r.headers.get("x-powered-by")).toBe("lgw");
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(await r.json()).toEqual({ id: "42", qty: 3, stage: "dev" });
  });

  it("selects the integration response by the error message", async () => {
    const notFound = await post("/orders/7?action=notfound", { qty: 1 });
    expect(notFound.status).toBe(404);
    // no template: the Lambda error object passes through
    expect(await notFound.json()).toMatchObject({ errorMessage: "Order NotFound: 7" });
    const invalid = await post("/orders/7?action=invalid", { qty: -1 });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: "Invalid quantity" });
  });

  it("a function error no pattern matches takes the default response, as on AWS", async () => {
    const r = await post("/orders/9?action=crash", { qty: 1 });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBeNull();
  });

  it("WHEN_NO_TEMPLATES with a content type that has no template answers 415", async () => {
    const r = await post("/orders/1", { qty: 1 }, "text/plain");
    expect(r.status).toBe(415);
    expect(await r.text()).toBe('{"message": "Unsupported Media Type"}');
  });

  it("a MOCK route answers from its templates, the request template choosing the status", async () => {
    const up = await fetch(serve.url + "/health");
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ ok: true, stage: "dev" });
    const down = await fetch(serve.url + "/health?down=yes");
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("30");
    expect(await down.json()).toEqual({ ok: false });
  });

  it("an HTTP_PROXY route forwards method, {proxy}, query, headers and body, and passes the answer back", async () => {
    const r = await fetch(serve.url + "/ext/a/b%20c?x=1&y=2", { method: "PUT", headers: { "X-Custom": "v", "Content-Type": "text/plain" }, body: "hello" });
    expect(r.status).toBe(207);
    expect(r.headers.get("x-backend")).toBe("yes");
    expect(r.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await r.json()).toEqual({ method: "PUT", url: "/backend/a/b%20c?x=1&y=2", body: "hello" });
    const got = seen.at(-1)!;
    expect(got.headers!["x-custom"]).toBe("v");
    expect(got.headers!["x-forwarded-for"]).toBe("127.0.0.1");
    expect(got.headers!.host).toBe(`127.0.0.1:${(backend.address() as AddressInfo).port}`);
  });

  it("streams the backend's answer as it arrives", async () => {
    const r = await fetch(serve.url + "/ext/stream");
    const reader = r.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe("first;");
    release();
    let rest = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += Buffer.from(value).toString();
    }
    expect(rest).toBe("second");
  });

  it("a backend that cannot be reached is a 500", async () => {
    const r = await fetch(serve.url + "/gone/x");
    expect(r.status).toBe(500);
    expect(await r.text()).toBe('{"message": "Internal server error"}');
    expect(logText).toMatch(/GET \/gone\/x -> http:\/\/127\.0\.0\.1:1\/x: connect ECONNREFUSED/);
  });

  it("refuses to serve non-proxy routes as an HTTP API (--format v2)", async () => {
    await expect(
      startServe({ cwd: path.join(work, "project"), port: 0, host: "127.0.0.1", bootstrap: path.join(work, "orders-bootstrap"), format: "v2", log: new Logger({ stdout: logged, stderr: logged, color: false }) }),
    ).rejects.toThrow(/route "POST \/orders\/\{id\}" has "integration": "lambda", which only a REST API runs, and this serves an HTTP API: drop --format v2/);
  });

  it("lists mock and http routes in the table without starting processes for them", () => {
    expect(serve.routes.map((r) => [r.key, r.functionName, r.integration?.type])).toEqual([
      ["POST /orders/{id}", "orders", "lambda"],
      ["GET /health", "", "mock"],
      ["ANY /ext/{proxy+}", "", "http"],
      ["GET /gone/{proxy+}", "", "http"],
    ]);
  });
});

describe("lgw event apigw-v1 --template", () => {
  const dir = path.join(work, "event-project");
  beforeAll(() => {
    mkdirSync(path.join(dir, "templates"), { recursive: true });
    writeFileSync(path.join(dir, "templates", "orders.req.vtl"), REQUEST_TEMPLATE);
    writeFileSync(path.join(dir, "templates", "text.vtl"), "qty=$input.path('$.qty')");
    writeFileSync(path.join(dir, "templates", "broken.vtl"), "#foreach(");
    writeFileSync(path.join(dir, "lgw.json"), JSON.stringify(lgwJson(1)));
  });
  const event = (...args: string[]) => runLgw(["event", "apigw-v1", ...args], { cwd: dir });

  it("prints what the function would receive: the template rendered over the routed request", async () => {
    const r = await event("--template", "templates/orders.req.vtl", "--method", "POST", "--path", "/orders/42", "--query", "action=create", "--body", '{"qty": 2}', "--stage", "prod");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: "42", action: "create", qty: 2, stage: "prod" });
  });

  it("prints text that is not JSON as it is, with a warning that Lambda would refuse it", async () => {
    const r = await event("--template", "templates/text.vtl", "--body", '{"qty": 5}');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("qty=5\n");
    expect(r.stderr).toMatch(/--template templates\/text\.vtl renders text that is not JSON; Lambda refuses such a payload/);
  });

  it.each([
    [["--template", "templates/missing.vtl"], /^error: --template templates\/missing\.vtl: no such file; give the path of a \.vtl mapping template\n$/],
    [["--template", "templates/broken.vtl"], /^error: --template templates\/broken\.vtl: mapping template does not parse: Parse error on line 1, column \d+: Expecting/],
  ])("%j is one line and exit 2", async (args, message) => {
    const r = await event(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses --template for apigw-v2", async () => {
    const r = await runLgw(["event", "apigw-v2", "--template", "templates/orders.req.vtl"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--template applies to apigw-v1 only/);
  });
});

describe("lgw serve --watch and mapping templates", () => {
  it("re-reads a changed .vtl file without a restart", async () => {
    const dir = path.join(work, "watch-project");
    mkdirSync(path.join(dir, "templates"), { recursive: true });
    writeFileSync(path.join(dir, "templates", "hello.vtl"), '{"version": 1}');
    const route = { integration: "mock", responses: { default: { templates: { "application/json": "templates/hello.vtl" } } } };
    writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { orders: {} }, routes: { "GET /hello": route } }));
    const out = new PassThrough();
    let text = "";
    out.on("data", (c: Buffer) => (text += c.toString()));
    const serve = await startServe({ cwd: dir, port: 0, host: "127.0.0.1", bootstrap: path.join(work, "orders-bootstrap"), watch: true, log: new Logger({ stdout: out, stderr: out, color: false }) });
    try {
      expect(await (await fetch(serve.url + "/hello")).json()).toEqual({ version: 1 });
      writeFileSync(path.join(dir, "templates", "hello.vtl"), '{"version": 2}');
      for (;;) {
        const body = await (await fetch(serve.url + "/hello")).json();
        if (body.version === 2) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(text).toMatch(/templates\/hello\.vtl changed: reloaded the templates of GET \/hello/);
      // a template that no longer loads keeps the last good one
      rmSync(path.join(dir, "templates", "hello.vtl"));
      while (!/does not exist.*the previous templates keep serving/.test(text)) await new Promise((r) => setTimeout(r, 50));
      expect(await (await fetch(serve.url + "/hello")).json()).toEqual({ version: 2 });
    } finally {
      await serve.close();
    }
  });
});
