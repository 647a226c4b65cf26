// lgw serve's front door under slow, hostile and oversized requests, over real sockets and the
// real fixture bootstrap: each bad client gets a bounded wait and a JSON 4xx or a closed
// connection, while 200 parallel good requests keep being answered. Then the Host check (DNS
// rebinding) through the lgw command itself.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeHandle } from "../src/local/serve.js";
import { Logger } from "../src/ui/logger.js";
import { removeBundle, startLgw, waitFor, type LgwProcess } from "./helpers/bin.js";

const fixtureDir = path.join(import.meta.dirname, "fixtures", "serve");
const work = mkdtempSync(path.join(tmpdir(), "lgw-serve-hostile-"));
const bin = path.join(work, "fixture-bootstrap");
let serve: ServeHandle;
let port: number;
let logged = "";

beforeAll(async () => {
  execFileSync("go", ["build", "-o", bin, "."], { cwd: fixtureDir, env: { ...process.env, GOFLAGS: "-buildvcs=false" } });
  const sink = new PassThrough();
  sink.on("data", (c: Buffer) => (logged += c.toString()));
  const log = new Logger({ stdout: sink, stderr: sink, color: false });
  serve = await startServe({ cwd: work, port: 0, host: "127.0.0.1", bootstrap: bin, concurrency: 2, log, clientTimeouts: { headersMs: 1_000, requestMs: 2_000 } });
  port = serve.port;
});
afterAll(async () => {
  await serve?.close();
  removeBundle();
  rmSync(work, { recursive: true, force: true });
});

interface Raw {
  socket: net.Socket;
  /** what the server sent, as latin1 text */
  text(): string;
  /** resolves when the server (or we) closed the connection */
  closed: Promise<void>;
  written(): number;
}

/** A raw TCP client; `feed` writes what it likes until the connection closes. */
function raw(feed: (write: (b: string | Buffer) => boolean, socket: net.Socket) => void): Raw {
  const socket = net.connect(port, "127.0.0.1");
  const chunks: Buffer[] = [];
  let written = 0;
  socket.on("data", (c: Buffer) => chunks.push(c));
  socket.on("error", () => undefined);
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  const write = (b: string | Buffer) => {
    if (socket.destroyed || !socket.writable) return false;
    const buf = typeof b === "string" ? Buffer.from(b, "latin1") : b;
    written += buf.length;
    return socket.write(buf);
  };
  socket.on("connect", () => feed(write, socket));
  return { socket, text: () => Buffer.concat(chunks).toString("latin1"), closed, written: () => written };
}

/** Writes `piece` every `ms` until the connection closes. */
function drip(write: (b: string) => boolean, socket: net.Socket, piece: string, ms: number): void {
  const t = setInterval(() => write(piece), ms);
  socket.on("close", () => clearInterval(t));
}

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1]);
const bodyOf = (text: string) => text.slice(text.indexOf("\r\n\r\n") + 4);
const oneLineJson = (text: string) => {
  const body = bodyOf(text);
  expect(body).not.toContain("\n");
  return JSON.parse(body) as { message: string };
};

describe("slow and hostile clients", () => {
  it("each gets a bounded wait and a JSON 4xx or a close, while 200 parallel good requests are answered", async () => {
    const hostile = {
      headersByteByByte: raw((w, s) => {
        w("GET /pid HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        drip(w, s, "a", 50);
      }),
      endlessBody: raw((w, s) => {
        w("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\n");
        drip(w, s, "0123456789", 50);
      }),
      endlessChunkedBody: raw((w, s) => {
        w("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
        const chunk = Buffer.concat([Buffer.from("10000\r\n"), Buffer.alloc(0x10000, 0x61), Buffer.from("\r\n")]);
        // like curl, it stops sending once an answer comes (a client that never looks cannot
        // read an answer the reset of a closing socket throws away)
        let answered = false;
        s.once("data", () => (answered = true));
        const pump = () => {
          while (!answered && w(chunk));
          if (!answered && !s.destroyed) s.once("drain", pump);
        };
        pump();
      }),
      garbage: raw((w) => w(Buffer.from([0, 1, 2, 0xff, 0xfe, 0x0d, 0x0a, 0x0d, 0x0a]))),
      rawBytesInPath: raw((w) => w("GET /\xff\xfe\xc3( HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")),
      rawBytesInQuery: raw((w) => w("GET /pid?q=\xff\xc3( HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")),
    };

    const good = await Promise.all(Array.from({ length: 200 }, () => fetch(`${serve.url}/pid`).then(async (r) => ({ status: r.status, body: await r.text() }))));
    expect(good.filter((r) => r.status !== 200 || !/"pid":\d+/.test(r.body))).toEqual([]);

    await Promise.all(Object.values(hostile).map((h) => h.closed));
    const t = Object.fromEntries(Object.entries(hostile).map(([k, h]) => [k, h.text()]));
    expect(statusOf(t.headersByteByByte!)).toBe(408);
    expect(oneLineJson(t.headersByteByByte!).message).toBe("Request Timeout");
    expect(statusOf(t.endlessBody!)).toBe(408);
    // 413 as soon as 10 MB is passed: what was sent beyond is bounded (socket buffers and a
    // lingering close of at most 1 MB), not read to the end
    expect(statusOf(t.endlessChunkedBody!)).toBe(413);
    expect(oneLineJson(t.endlessChunkedBody!).message).toBe("Request Too Long");
    expect(hostile.endlessChunkedBody.written()).toBeLessThan(40 * 1024 * 1024);
    for (const k of ["garbage", "rawBytesInPath", "rawBytesInQuery"] as const) {
      expect(statusOf(t[k]!), k).toBe(400);
      expect(oneLineJson(t[k]!), k).toEqual({ message: "Bad Request" });
    }
  });

  it("invalid UTF-8 in a body or percent-encoded in path and query reaches the function and is answered", async () => {
    const r = await fetch(`${serve.url}/echo?q=%ff%fe`, { method: "POST", body: Buffer.from([0xff, 0xfe, 0xc3, 0x28]) });
    expect(r.status).toBe(200);
    const event = JSON.parse(await r.text());
    expect(event.queryStringParameters).toEqual({ q: "%ff%fe" });
    expect((await fetch(`${serve.url}/%ff/%c3%28`)).status).toBe(404); // the fixture's own 404: it ran
  });
});

describe("API Gateway's request limits", () => {
  const send = (request: string) =>
    new Promise<string>((resolve) => {
      const h = raw((w) => w(request));
      void h.closed.then(() => resolve(h.text()));
      // a keep-alive answer does not close: end our side once the answer is in
      h.socket.on("data", () => /\r\n\r\n[\s\S]*\}$/.test(h.text()) && h.socket.end());
    });
  const cases: [string, string, number, string][] = [
    ["header values of 10,240 bytes in total", `GET /pid HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ${"a".repeat(5_000)}\r\nX-B: ${"b".repeat(5_240 - "127.0.0.1".length)}\r\n\r\n`, 200, ""],
    ["header values of 10,241 bytes", `GET /pid HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ${"a".repeat(5_000)}\r\nX-B: ${"b".repeat(5_241 - "127.0.0.1".length)}\r\n\r\n`, 431, "Request Header Fields Too Large"],
    ["a header of 70,000 bytes (past node's own limit)", `GET /pid HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ${"a".repeat(70_000)}\r\n\r\n`, 431, "Request Header Fields Too Large"],
    ["a URL of 10,240 characters", `GET /pid?q=${"a".repeat(10_240 - 7)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 200, ""],
    ["a URL of 10,241 characters", `GET /pid?q=${"a".repeat(10_241 - 7)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 414, "Request-URI Too Long"],
    ["a URL of 70,000 characters (past node's own limit)", `GET /pid?q=${"a".repeat(70_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 414, "Request-URI Too Long"],
    ["HTTP/1.1 without a Host header", "GET /pid HTTP/1.1\r\n\r\n", 400, "Bad Request"],
    ["two Host headers", "GET /pid HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n", 400, "Bad Request"],
    ["HTTP/1.0 without a Host header", "GET /pid HTTP/1.0\r\n\r\n", 200, ""],
  ];
  it.each(cases)("%s", async (_name, request, status, message) => {
    const text = await send(request);
    expect(statusOf(text), text.slice(0, 200)).toBe(status);
    if (message) expect(oneLineJson(text)).toEqual({ message });
    // an answer with its request id, and an access-log line with it, even when node's parser refused the request
    const id = /^x-amzn-RequestId: (\S+)\r$/im.exec(text)?.[1];
    expect(id, text.slice(0, 300)).toBeDefined();
    await waitFor(() => logged.includes(id!), "the access-log line", 5_000);
    // "GET /pid…", or "- -" when node refused before the request line was whole
    expect(logged).toMatch(new RegExp(`^(GET|-) \\S+ ${status} .*${id}$`, "m"));
  });
});

describe("the Host check (DNS rebinding), through lgw serve", () => {
  const running: LgwProcess[] = [];
  afterAll(async () => {
    for (const p of running) p.child.kill("SIGTERM");
    await Promise.all(running.map((p) => p.exited));
  });
  const serveWith = async (args: string[]) => {
    const p = await startLgw(["-C", work, "serve", "--port", "0", "--bootstrap", bin, ...args]);
    running.push(p);
    await waitFor(() => /lgw serve: http:\/\/\S+:\d+/.test(p.stdout()), "lgw serve to listen", 30_000);
    return Number(/lgw serve: http:\/\/\S+:(\d+)/.exec(p.stdout())![1]);
  };
  const get = (p: number, host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const s = net.connect(p, "127.0.0.1", () => s.write(`GET /pid HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
      let text = "";
      s.on("data", (c: Buffer) => (text += c.toString()));
      s.on("close", () => resolve({ status: statusOf(text), body: bodyOf(text) }));
      s.on("error", reject);
    });

  it("127.0.0.1: localhost, 127.0.0.1 and [::1] are served; another name gets a one-line JSON 403", async () => {
    const p = await serveWith([]);
    for (const host of [`localhost:${p}`, `127.0.0.1:${p}`, `[::1]:${p}`]) expect((await get(p, host)).status, host).toBe(200);
    const refused = await get(p, `rebind.example:${p}`);
    expect(refused.status).toBe(403);
    expect(refused.body).not.toContain("\n");
    expect(JSON.parse(refused.body).message).toContain("--allowed-host rebind.example");
  });

  it("--allowed-host is repeatable and takes .domain for its subdomains", async () => {
    const p = await serveWith(["--allowed-host", "a.test", "--allowed-host", ".b.test"]);
    expect((await get(p, "a.test")).status).toBe(200);
    expect((await get(p, "api.b.test")).status).toBe(200);
    expect((await get(p, "c.test")).status).toBe(403);
  });

  it("--host 0.0.0.0 keeps the check; --allowed-host '*' lifts it", async () => {
    const kept = await serveWith(["--host", "0.0.0.0"]);
    expect((await get(kept, "rebind.example")).status).toBe(403);
    expect((await get(kept, `127.0.0.1:${kept}`)).status).toBe(200);
    const open = await serveWith(["--host", "0.0.0.0", "--allowed-host", "*"]);
    expect((await get(open, "rebind.example")).status).toBe(200);
  });

  it("a bad --allowed-host is one line and exit 2", async () => {
    const p = await startLgw(["-C", work, "serve", "--port", "0", "--bootstrap", bin, "--allowed-host", "a.test:3000"]);
    const { code } = await p.exited;
    expect(code).toBe(2);
    expect(p.stderr().trim()).toBe("error: --allowed-host a.test:3000: give the name without its port (a.test)");
  });
});

describe("the integration timeout counts from the request's arrival", () => {
  it("requests queued behind a busy process get 504 at the timeout, not 200 whenever a process is free", async () => {
    const sink = new PassThrough().resume();
    const log = new Logger({ stdout: sink, stderr: sink, color: false });
    // one process, 2 s: the first 1.2 s request is answered; the second starts 1.2 s late and
    // has 0.8 s left; the last two never get the process within their 2 s
    const queued = await startServe({ cwd: work, port: 0, host: "127.0.0.1", bootstrap: bin, concurrency: 1, timeoutSeconds: 2, log });
    try {
      const statuses = await Promise.all([0, 1, 2, 3].map(async (i) => {
        await new Promise((r) => setTimeout(r, i * 20)); // in this order
        return (await fetch(`${queued.url}/sleep?ms=1200`)).status;
      }));
      expect(statuses).toEqual([200, 504, 504, 504]);
      // (whether a late one was refused in the queue or timed out on the process depends on when
      // the event loop gets to its timer; both are 504, and pool.test.ts covers the queue)
    } finally {
      await queued.close();
    }
  });
});

describe("lgw serve stopping under requests in flight", () => {
  it("SIGTERM: running and queued requests are answered 503 (and logged so) before lgw exits 143", async () => {
    const p = await startLgw(["-C", work, "serve", "--port", "0", "--bootstrap", bin, "--concurrency", "1"]);
    await waitFor(() => /lgw serve: http:\/\/\S+:\d+/.test(p.stdout()), "lgw serve to listen", 30_000);
    const url = /lgw serve: (http:\/\/\S+:\d+)/.exec(p.stdout())![1]!;
    const answers = [0, 1].map(async (i) => {
      await new Promise((r) => setTimeout(r, i * 50)); // one runs, one waits for the process
      const r = await fetch(`${url}/sleep?ms=20000&n=${i}`);
      return { status: r.status, body: await r.text() };
    });
    await waitFor(() => p.stderr().includes("sleeping 20000 ms"), "the first request to reach the function", 30_000);
    await new Promise((r) => setTimeout(r, 100));
    p.child.kill("SIGTERM");
    for (const a of await Promise.all(answers)) expect(a).toEqual({ status: 503, body: '{"message":"Service Unavailable"}' });
    expect((await p.exited).code).toBe(143);
    const logged = p.stdout() + p.stderr();
    expect(logged).toMatch(/GET \/sleep\?ms=20000&n=0 503 /);
    expect(logged).toMatch(/GET \/sleep\?ms=20000&n=1 503 /);
  });
});
