// lgw serve end to end: real HTTP (fetch) against the server started in-process on port 0,
// over real bootstrap processes — a purpose-built one (test/fixtures/serve) and a project
// scaffolded by `lgw init`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeHandle } from "../src/local/serve.js";
import { Logger } from "../src/ui/logger.js";
import { liveChildCount } from "../src/util/children.js";
import { runCli } from "../src/cli/main.js";
import { runLgw } from "./helpers/cli.js";
import { pidGone } from "./helpers/processes.js";

const fixtureDir = path.join(import.meta.dirname, "fixtures", "serve");
const work = mkdtempSync(path.join(tmpdir(), "lgw-serve-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function capturedLog() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (c: Buffer) => (text += c.toString()));
  return { log: new Logger({ stdout: stream, stderr: stream, color: false }), text: () => text };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const json = async (r: Response) => JSON.parse(await r.text());

describe("lgw serve on a purpose-built bootstrap", () => {
  let bin: string;
  let serve: ServeHandle;
  const out = capturedLog();
  const pids = new Set<number>();
  const pid = async (url: string) => {
    const body = await json(await fetch(url + "/pid"));
    pids.add(body.pid);
    return body as { pid: number; invocations: number };
  };

  beforeAll(async () => {
    bin = path.join(work, "fixture-bootstrap");
    execFileSync("go", ["build", "-o", bin, "."], { cwd: fixtureDir, env: { ...process.env, GOFLAGS: "-buildvcs=false" } });
    // function timeout 3 s (the default) above the 2 s integration timeout: a slow request gets 504
    serve = await startServe({ cwd: work, port: 0, host: "127.0.0.1", bootstrap: bin, concurrency: 2, timeoutSeconds: 2, log: out.log });
  });
  afterAll(async () => { await serve?.close(); if (process.env.LGW_SHOW_SERVE_LOG) console.log(out.text()); });

  it("keeps a process warm between requests", async () => {
    const a = await pid(serve.url);
    const b = await pid(serve.url);
    expect(b.pid).toBe(a.pid);
    expect(b.invocations).toBe(a.invocations + 1);
    expect(out.text()).toMatch(/function: started process \d+ \(init [\d.]+ ms\)/);
  });

  it("hands the function the REST API event", async () => {
    const r = await fetch(`${serve.url}/echo?x=1&x=2`, { method: "GET", headers: { "X-Test": "yes" } });
    expect(r.status).toBe(200);
    const event = await json(r);
    expect(event).toMatchObject({
      resource: "/{proxy+}",
      path: "/echo",
      httpMethod: "GET",
      multiValueQueryStringParameters: { x: ["1", "2"] },
      pathParameters: { proxy: "echo" },
      requestContext: { stage: "dev", path: "/dev/echo", resourcePath: "/{proxy+}" },
    });
    expect(event.headers["X-Test"] ?? event.headers["x-test"]).toBe("yes");
  });

  it("the event's X-Amzn-Trace-Id is the root of the trace id the Runtime API hands the bootstrap", async () => {
    const t = await json(await fetch(`${serve.url}/trace`));
    expect(t.event).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(t.runtime).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(t.runtime.startsWith(`${t.event};`)).toBe(true);
  });

  it.each([
    ["/malformed", /malformed Lambda proxy response: the result has an unknown key "unexpected"/],
    ["/error", /errorString: handler failed on purpose/],
  ])("%s answers 502 and logs why", async (p, why) => {
    const r = await fetch(serve.url + p);
    expect(r.status).toBe(502);
    expect(await r.text()).toBe('{"message": "Internal server error"}');
    expect(out.text()).toMatch(why);
  });

  it("passes an isBase64Encoded body through untouched when no binaryMediaTypes are set", async () => {
    const r = await fetch(`${serve.url}/binary`);
    expect(r.headers.get("content-type")).toBe("image/png");
    expect(await r.text()).toBe("iVBORw0K");
  });

  it("a process that exits mid-request fails only that request (502), the next one works", async () => {
    const r = await fetch(serve.url + "/exit");
    expect(r.status).toBe(502);
    expect(out.text()).toMatch(/Runtime.ExitError/);
    expect((await fetch(serve.url + "/pid")).status).toBe(200);
  });

  it("a process killed mid-request: 502, and the next request gets a new process", async () => {
    const pending = fetch(`${serve.url}/sleep?ms=1500`);
    const victim = await eventually("the sleeping pid", async () => {
      const m = /sleeping 1500 ms in pid (\d+)/.exec(out.text());
      return m ? Number(m[1]) : undefined;
    });
    process.kill(victim, "SIGKILL");
    const r = await pending;
    expect(r.status).toBe(502);
    const next = await pid(serve.url);
    expect(next.pid).not.toBe(victim);
    expect(pidGone(victim)).toBe(true);
  });

  it("the function's deadline is its own timeout (3 s), not the integration's (2 s)", async () => {
    const { leftMs } = await json(await fetch(`${serve.url}/deadline`));
    expect(leftMs).toBeGreaterThan(2_500);
    expect(leftMs).toBeLessThanOrEqual(3_000);
  });

  it("past the integration timeout the client gets 504 while the function finishes in its process, as on AWS", async () => {
    // 504, not the 200 the function gives at 2.5 s: the client's answer came at the 2 s timeout
    const r = await fetch(`${serve.url}/sleep?ms=2500`);
    expect(r.status).toBe(504);
    expect(await r.text()).toBe('{"message": "Endpoint request timed out"}');
    expect(out.text()).toMatch(/the integration timed out after 2 s .* keeps running until it returns or its own 3 s timeout/);
    const slow = Number(/sleeping 2500 ms in pid (\d+)/.exec(out.text())![1]);
    expect(pidGone(slow)).toBe(false);
    // it finished (within its own 3 s) and stays warm: a later request can land on it again
    await eventually("the slow process to serve again", async () => ((await pid(serve.url)).pid === slow ? true : undefined), 10_000);
  });

  it("a function past its own timeout (the client had its 504 already) loses its process", async () => {
    const r = await fetch(`${serve.url}/sleep?ms=4000`);
    expect(r.status).toBe(504);
    const slow = Number([...out.text().matchAll(/sleeping 4000 ms in pid (\d+)/g)].at(-1)![1]);
    await eventually("its own timeout", async () => (/Task timed out after 3\.00 seconds; its process is replaced/.test(out.text()) ? true : undefined), 10_000);
    await eventually("the timed-out process to be gone", async () => (pidGone(slow) ? true : undefined), 10_000);
  });

  it.each<[string, string, number, (r: Response, body: string) => void]>([
    ["a 204 with a body: no body and no Content-Length", '{"statusCode":204,"body":"not sent"}', 204, (r, body) => {
      expect(body).toBe("");
      expect(r.headers.get("content-length")).toBeNull();
    }],
    ["statusCode 100, an interim status, is malformed", '{"statusCode":100}', 502, (_r, body) => expect(body).toBe('{"message": "Internal server error"}')],
    ["a header value with a newline is left out, with a warning", '{"statusCode":200,"headers":{"X-Bad":"a\\nb","X-Good":"1"},"body":"ok"}', 200, (r, body) => {
      expect(body).toBe("ok");
      expect(r.headers.get("x-good")).toBe("1");
      expect(r.headers.get("x-bad")).toBeNull();
      expect(out.text()).toMatch(/left out response header\(s\) "X-Bad"/);
    }],
    ["a REST API remaps Server, Date and WWW-Authenticate to x-amzn-Remapped-*", '{"statusCode":401,"headers":{"Server":"fn","Date":"yesterday","WWW-Authenticate":"Basic"},"body":"no"}', 401, (r) => {
      expect(r.headers.get("x-amzn-remapped-server")).toBe("fn");
      expect(r.headers.get("x-amzn-remapped-date")).toBe("yesterday");
      expect(r.headers.get("x-amzn-remapped-www-authenticate")).toBe("Basic");
      expect(r.headers.get("www-authenticate")).toBeNull();
      expect(r.headers.get("server")).toBeNull();
      expect(r.headers.get("date")).not.toBe("yesterday");
    }],
  ])("%s", async (_what, result, status, check) => {
    const r = await fetch(`${serve.url}/raw?result=${encodeURIComponent(result)}`);
    expect(r.status).toBe(status);
    check(r, await r.text());
  });

  it("answers many parallel requests with at most --concurrency processes", async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, () => fetch(`${serve.url}/sleep?ms=20`)));
    const bodies = await Promise.all(responses.map(json));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const used = new Set(bodies.map((b) => b.pid as number));
    used.forEach((p) => pids.add(p));
    expect(used.size).toBeLessThanOrEqual(2);
    expect(liveChildCount()).toBeLessThanOrEqual(2);
  });

  it("stops every process on shutdown", async () => {
    await serve.close();
    expect(liveChildCount()).toBe(0);
    for (const p of pids) expect(pidGone(p)).toBe(true);
  });
});

describe("lgw serve command", () => {
  it("prints the URL and the route table, serves, and exits 0 on abort", async () => {
    const bin = path.join(work, "fixture-bootstrap"); // built by the suite above
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let text = "";
    const controller = new AbortController();
    let url: string | undefined;
    stdout.on("data", (c: Buffer) => {
      text += c.toString();
      url ??= /lgw serve: (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    });
    stderr.resume();
    const done = runCli(["-C", work, "--no-color", "serve", "--port", "0", "--bootstrap", bin, "--format", "v2"], { stdout, stderr, signal: controller.signal });
    const base = await eventually("the URL", async () => url);
    const r = await fetch(`${base}/anything`);
    // the fixture reads v1 events: a v2 event has no "path", so it answers its own 404
    expect(await r.text()).toBe('{"error":"no such fixture path"}');
    controller.abort();
    expect(await done).toBe(0);
    expect(text).toMatch(/HTTP API, payload 2\.0, stage \$default/);
    expect(text).toMatch(/ANY\s+\/\{proxy\+\}\s+function/);
    expect(liveChildCount()).toBe(0);
  });

  it.each([
    [["serve", "--port", "70000"], /--port 70000: use a port from 0 to 65535/],
    [["serve", "--bootstrap", "./nope"], /--bootstrap \.\/nope: not an executable file/],
    [["serve", "--binary-media-types", "png"], /"png" is not a media type/],
  ])("%j exits 2 with one line", async (args, why) => {
    const r = await runLgw(args, { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(why);
  });

  it("asks for routes when a project has several functions and none", async () => {
    const dir = mkdtempSync(path.join(work, "multi-"));
    writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { a: { entry: "./a" }, b: { entry: "./b" } } }));
    const r = await runLgw(["serve", "--port", "0"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has 2 functions and no "routes"/);
  });
});

describe("lgw serve on a scaffolded project", () => {
  let project: string;
  let serve: ServeHandle;
  const out = capturedLog();

  beforeAll(async () => {
    project = path.join(work, "hello");
    const init = await runLgw(["init", project, "--yes"]);
    expect(init.code, init.stderr).toBe(0);
    serve = await startServe({ cwd: project, port: 0, host: "127.0.0.1", watch: true, concurrency: 2, log: out.log });
  });
  afterAll(async () => { await serve?.close(); if (process.env.LGW_SHOW_SERVE_LOG) console.log(out.text()); });

  it("serves every route of the template", async () => {
    const hello = await fetch(`${serve.url}/hello?name=Ada`);
    expect(hello.status).toBe(200);
    expect(await json(hello)).toEqual({ message: "Hello, Ada!" });
    expect(hello.headers.get("access-control-allow-origin")).toBe("*");

    expect(await json(await fetch(`${serve.url}/users/42`))).toMatchObject({ id: "42" });
    const created = await fetch(`${serve.url}/users`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Ada" }),
    });
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({ name: "Ada" });
    expect((await fetch(`${serve.url}/nowhere/else`)).status).toBe(404);
    expect((await fetch(`${serve.url}/hello`, { method: "OPTIONS" })).status).toBe(204);
    expect(serve.routes.map((r) => r.key)).toEqual(["GET /hello", "GET /users/{id}", "POST /users", "ANY /{proxy+}"]);
  });

  it("hot reload: an edit is served after the rebuild; a broken edit keeps the old version", async () => {
    const file = path.join(project, "lambda.go");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace('"Hello, "', '"Howdy, "'));
    await eventually("the edited handler", async () => {
      const body = await (await fetch(`${serve.url}/hello?name=Ada`)).text();
      return body.includes("Howdy, Ada!") ? true : undefined;
    });

    const before = serve.reloads.count;
    writeFileSync(file, original.replace('"Hello, "', '"Howdy, "') + "\nfunc broken( {\n");
    await eventually("the failed rebuild", async () => (serve.reloads.count > before ? true : undefined));
    expect(serve.reloads.lastOk).toBe(false);
    expect(out.text()).toMatch(/lambda\.go:\d+:\d+/);
    const still = await fetch(`${serve.url}/hello?name=Ada`);
    expect(await json(still)).toEqual({ message: "Howdy, Ada!" });
    writeFileSync(file, original);
  });

  it("stops every process on shutdown", async () => {
    await serve.close();
    if (liveChildCount()) console.log("LIVE", execFileSync("ps", ["-ef", "--forest"]).toString());
    expect(liveChildCount()).toBe(0);
  });
});

describe("lgw serve on a scaffolded HTTP API (v2) project", () => {
  it("serves the template's routes with payload 2.0 events", async () => {
    const project = path.join(work, "hello-v2");
    const init = await runLgw(["init", project, "--yes", "--event", "v2"]);
    expect(init.code, init.stderr).toBe(0);
    const out = capturedLog();
    const serve = await startServe({ cwd: project, port: 0, host: "127.0.0.1", concurrency: 1, log: out.log });
    try {
      expect(serve.format).toBe("v2");
      expect(await json(await fetch(`${serve.url}/hello?name=Ada`))).toEqual({ message: "Hello, Ada!" });
      expect(await json(await fetch(`${serve.url}/users/7`))).toMatchObject({ id: "7" });
      const created = await fetch(`${serve.url}/users`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"name":"Ada"}' });
      expect(created.status).toBe(201);
      expect((await fetch(`${serve.url}/nowhere`)).status).toBe(404);
    } finally {
      await serve.close();
    }
    expect(liveChildCount()).toBe(0);
  });
});
