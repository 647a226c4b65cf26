// The Runtime API server over real HTTP (node:http as the client, or raw bytes as aws-lambda-go
// writes them), without a bootstrap.
import http from "node:http";
import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRuntimeApi, type RuntimeApi } from "./api-server.js";
import type { Completion, Invocation } from "./invocations.js";

let api: RuntimeApi;
let completions: Completion[];
let delivered: string[];

beforeEach(async () => {
  completions = [];
  delivered = [];
  api = await startRuntimeApi({ onCompletion: (c) => completions.push(c), onDeliver: (inv) => delivered.push(inv.id) });
});
afterEach(() => api.close());

const P = "/2018-06-01/runtime";

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Res> {
  const [host, port] = api.address.split(":");
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port: Number(port), method, path, headers, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const inv = (id: string, extra: Partial<Invocation> = {}): Invocation => ({
  id,
  payload: Buffer.from(`{"n":"${id}"}`),
  timeoutMs: 3000,
  functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
  traceId: "Root=1-65000000-000000000000000000000000;Parent=0000000000000000;Sampled=0",
  ...extra,
});

describe("Runtime API server", () => {
  it("listens on 127.0.0.1 and /next blocks until an invocation is submitted", async () => {
    expect(api.address).toMatch(/^127\.0\.0\.1:\d+$/);
    let answered = false;
    const next = request("GET", `${P}/invocation/next`).then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    const before = Date.now();
    api.submit(inv("req-1", { clientContext: '{"custom":{"a":"b"}}' }));
    const r = await next;
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"n":"req-1"}');
    expect(r.headers["lambda-runtime-aws-request-id"]).toBe("req-1");
    expect(r.headers["lambda-runtime-invoked-function-arn"]).toBe("arn:aws:lambda:us-east-1:123456789012:function:f");
    expect(r.headers["lambda-runtime-trace-id"]).toMatch(/^Root=1-/);
    expect(r.headers["lambda-runtime-client-context"]).toBe('{"custom":{"a":"b"}}');
    expect(r.headers).not.toHaveProperty("lambda-runtime-cognito-identity");
    const deadline = Number(r.headers["lambda-runtime-deadline-ms"]);
    expect(Number.isInteger(deadline)).toBe(true);
    expect(deadline).toBeGreaterThanOrEqual(before + 3000);
    expect(delivered).toEqual(["req-1"]);
  });

  it("response: 202 once, then 400 for the stale id", async () => {
    api.submit(inv("req-1"));
    await request("GET", `${P}/invocation/next`);
    const ok = await request("POST", `${P}/invocation/req-1/response`, '{"ok":true}');
    expect(ok.status).toBe(202);
    expect(JSON.parse(ok.body)).toEqual({ status: "OK" });
    const again = await request("POST", `${P}/invocation/req-1/response`, "{}");
    expect(again.status).toBe(400);
    expect(JSON.parse(again.body)).toMatchObject({ errorType: "InvalidRequestID" });
    expect(completions).toEqual([{ kind: "response", id: "req-1", body: Buffer.from('{"ok":true}') }]);
  });

  it("error: 202 with the error-type header kept; unknown id 400", async () => {
    api.submit(inv("req-2"));
    await request("GET", `${P}/invocation/next`);
    const unknown = await request("POST", `${P}/invocation/nope/error`, "{}");
    expect(unknown.status).toBe(400);
    const r = await request("POST", `${P}/invocation/req-2/error`, '{"errorMessage":"x"}', { "Lambda-Runtime-Function-Error-Type": "Runtime.Custom" });
    expect(r.status).toBe(202);
    expect(completions).toEqual([{ kind: "error", id: "req-2", body: Buffer.from('{"errorMessage":"x"}'), errorTypeHeader: "Runtime.Custom" }]);
  });

  it("a response over 6291556 bytes gets 413 with the contract's body", async () => {
    api.submit(inv("big"));
    await request("GET", `${P}/invocation/next`);
    const r = await request("POST", `${P}/invocation/big/response`, Buffer.alloc(6291557, 0x61));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ errorMessage: "Exceeded maximum allowed payload size (6291556 bytes).", errorType: "RequestEntityTooLarge" });
    expect(completions).toEqual([{ kind: "too-large", id: "big", bytes: 6291557 }]);
  });

  it("init/error: 202, the waiting invocation fails, later /next gets 500", async () => {
    api.submit(inv("waiting"));
    const r = await request("POST", `${P}/init/error`, '{"errorMessage":"bad","errorType":"Runtime.X"}');
    expect(r.status).toBe(202);
    expect(completions).toMatchObject([{ kind: "init-error", id: "waiting" }]);
    const next = await request("GET", `${P}/invocation/next`);
    expect(next.status).toBe(500);
  });

  it("unknown routes, wrong methods and garbage ids get JSON errors, and the server keeps serving", async () => {
    const notFound = await request("GET", "/2018-06-01/nope");
    expect(notFound.status).toBe(404);
    expect(JSON.parse(notFound.body)).toMatchObject({ errorType: "NotFound" });
    const wrong = await request("DELETE", `${P}/invocation/next`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("GET");
    const badId = await request("POST", `${P}/invocation/%ZZ/response`, "{}");
    expect(badId.status).toBe(404);
    api.submit(inv("still-fine"));
    expect((await request("GET", `${P}/invocation/next`)).status).toBe(200);
  });

  it("a /next whose connection closed does not lose the invocation", async () => {
    const ac = new AbortController();
    const gone = request("GET", `${P}/invocation/next`, undefined, {}, ac.signal).catch(() => "aborted");
    await new Promise((r) => setTimeout(r, 30));
    ac.abort();
    expect(await gone).toBe("aborted");
    await new Promise((r) => setTimeout(r, 30));
    api.submit(inv("kept"));
    const r = await request("GET", `${P}/invocation/next`);
    expect(r.headers["lambda-runtime-aws-request-id"]).toBe("kept");
  });

  it("close is idempotent and ends a parked /next", async () => {
    const parked = request("GET", `${P}/invocation/next`).catch((e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 30));
    await Promise.all([api.close(), api.close()]);
    expect(await parked).toMatch(/socket hang up|ECONNRESET/);
  });

  /** Writes each part as its own TCP write, then reads until the server closes or `until` matches. */
  function raw(parts: string[], until: RegExp): Promise<string> {
    const [host, port] = api.address.split(":");
    return new Promise((resolve, reject) => {
      const sock = net.connect(Number(port), host, async () => {
        for (const part of parts) {
          sock.write(part);
          await new Promise((r) => setTimeout(r, 15));
        }
      });
      let got = "";
      sock.on("data", (d) => {
        got += d.toString("latin1");
        if (until.test(got)) sock.destroy(), resolve(got);
      });
      sock.on("close", () => resolve(got));
      sock.on("error", reject);
    });
  }

  it("aws-lambda-go's bytes: GET /next, then a chunked POST whose head and body arrive apart, on one connection", async () => {
    api.submit(inv("go-1"));
    const head = `POST ${P}/invocation/go-1/response HTTP/1.1\r\nHost: x\r\nUser-Agent: aws-lambda-go/go1.26.8\r\nTransfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Body,Lambda-Runtime-Function-Error-Type\r\nContent-Type: application/json\r\n\r\n`;
    const got = await raw([`GET ${P}/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n`, head, "b\r\n{\"ok\":true}\r\n0\r\n\r\n"], /202 Accepted[\s\S]*\{"status":"OK"\}/);
    expect(got).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(got).toContain("Lambda-Runtime-Aws-Request-Id: go-1\r\n");
    expect(got).toContain('Content-Length: 12\r\n\r\n{"n":"go-1"}');
    expect(completions).toEqual([{ kind: "response", id: "go-1", body: Buffer.from('{"ok":true}') }]);
  });

  it("Expect: 100-continue gets 100 before the body is sent", async () => {
    api.submit(inv("c-1"));
    await request("GET", `${P}/invocation/next`);
    const got = await raw([`POST ${P}/invocation/c-1/response HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n`, "{}"], /202 Accepted/);
    expect(got).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 202 Accepted\r\n/);
  });

  it("bytes that are not HTTP get a JSON 400 and the connection closes; the server keeps serving", async () => {
    const got = await raw(["NOT HTTP AT ALL\r\n\r\n"], /$^/);
    expect(got).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*Connection: close\r\n\r\n\{"errorMessage":"bad request line","errorType":"InvalidRequest"\}$/);
    api.submit(inv("after"));
    expect((await request("GET", `${P}/invocation/next`)).status).toBe(200);
  });

  it("othersWaiting: the runtime's 202 is written before the completion is handled; otherwise after", async () => {
    // a completion handler that throws shows the order: written before it, the 202 stands;
    // after it, the emulator's 500 is what the runtime gets
    for (const [waiting, status] of [[true, 202], [false, 500]] as const) {
      const other = await startRuntimeApi({
        onCompletion: () => {
          throw new Error("handler failed");
        },
        othersWaiting: () => waiting,
      });
      try {
        other.submit(inv(`w-${waiting}`));
        const [host, port] = other.address.split(":");
        const call = (method: string, path: string, body?: string) =>
          new Promise<number>((resolve, reject) => {
            const req = http.request({ host, port: Number(port), method, path }, (res) => (res.resume(), resolve(res.statusCode!)));
            req.on("error", reject);
            req.end(body);
          });
        expect(await call("GET", `${P}/invocation/next`)).toBe(200);
        expect(await call("POST", `${P}/invocation/w-${waiting}/response`, "{}")).toBe(status);
      } finally {
        await other.close();
      }
    }
  });
});
