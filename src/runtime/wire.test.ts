import { describe, expect, it } from "vitest";
import { MAX_HEAD_BYTES, RequestReader, parseHead, replyHead, type WireItem } from "./wire.js";

const P = "/2018-06-01/runtime/invocation";
// what aws-lambda-go 1.x sends for a response: a chunked POST declaring (empty) error trailers,
// its head and its body written separately
const GO_POST_HEAD = `POST ${P}/abc/response HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nUser-Agent: aws-lambda-go/go1.26.8\r\nTransfer-Encoding: chunked\r\nTrailer: Lambda-Runtime-Function-Error-Body,Lambda-Runtime-Function-Error-Type\r\nContent-Type: application/json\r\nAccept-Encoding: gzip\r\n\r\n`;
const GO_POST_BODY = `10\r\n{"statusCode":1}\r\n0\r\n\r\n`;
const GO_NEXT = `GET ${P}/next HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nUser-Agent: aws-lambda-go/go1.26.8\r\nAccept-Encoding: gzip\r\n\r\n`;

type Seen = { method: string; target: string; body: string; bytes: number; close: boolean; type?: string } | { error: number };

function read(input: string | Buffer, opts: { keep?: number; split?: number[] } = {}): Seen[] {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, "latin1");
  const reader = new RequestReader(opts.keep ?? 1 << 20);
  const cuts = [0, ...(opts.split ?? []), bytes.length];
  const items: WireItem[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) items.push(...reader.feed(bytes.subarray(cuts[i], cuts[i + 1])));
  return items.map((it) =>
    "error" in it
      ? { error: it.error.status }
      : { method: it.method, target: it.target, body: it.body.toString("latin1"), bytes: it.bytes, close: it.close, ...(it.headers["lambda-runtime-function-error-type"] ? { type: it.headers["lambda-runtime-function-error-type"] } : {}) },
  );
}

const next = { method: "GET", target: `${P}/next`, body: "", bytes: 0, close: false };

describe("RequestReader: requests the runtime sends", () => {
  const cases: { name: string; input: string; keep?: number; want: Seen[] }[] = [
    { name: "GET /next", input: GO_NEXT, want: [next] },
    { name: "aws-lambda-go's chunked POST with declared trailers", input: GO_POST_HEAD + GO_POST_BODY, want: [{ method: "POST", target: `${P}/abc/response`, body: '{"statusCode":1}', bytes: 16, close: false }] },
    {
      name: "Content-Length body and the error-type header",
      input: `POST ${P}/abc/error HTTP/1.1\r\nContent-Length: 5\r\nLambda-Runtime-Function-Error-Type: Runtime.X\r\n\r\nhello`,
      want: [{ method: "POST", target: `${P}/abc/error`, body: "hello", bytes: 5, close: false, type: "Runtime.X" }],
    },
    {
      name: "chunks with extensions, several chunks, trailer fields",
      input: `POST /x HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nLambda-Runtime-Function-Error-Type: Runtime.Y\r\n\r\n`,
      want: [{ method: "POST", target: "/x", body: "abcde", bytes: 5, close: false }],
    },
    { name: "two requests back to back", input: GO_NEXT + `POST /y HTTP/1.1\r\nContent-Length: 2\r\n\r\nok`, want: [next, { method: "POST", target: "/y", body: "ok", bytes: 2, close: false }] },
    { name: "a body past `keep` is counted, not kept", input: `POST /z HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789`, keep: 4, want: [{ method: "POST", target: "/z", body: "0123", bytes: 10, close: false }] },
    { name: "a chunked body past `keep` is counted, not kept", input: `POST /z HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n4\r\n6789\r\n0\r\n\r\n`, keep: 3, want: [{ method: "POST", target: "/z", body: "012", bytes: 10, close: false }] },
    { name: "Connection: close", input: `GET /a HTTP/1.1\r\nConnection: close\r\n\r\n`, want: [{ method: "GET", target: "/a", body: "", bytes: 0, close: true }] },
    { name: "HTTP/1.0 closes unless keep-alive", input: `GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n`, want: [{ method: "GET", target: "/a", body: "", bytes: 0, close: true }, { method: "GET", target: "/b", body: "", bytes: 0, close: false }] },
    { name: "a repeated, equal Content-Length", input: `POST /r HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx`, want: [{ method: "POST", target: "/r", body: "x", bytes: 1, close: false }] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(read(c.input, { keep: c.keep })).toEqual(c.want);
    });
    it(`${c.name}: the same whatever the reads' boundaries (every split point, and byte by byte)`, () => {
      const n = Buffer.byteLength(c.input, "latin1");
      for (let cut = 1; cut < n; cut++) expect(read(c.input, { keep: c.keep, split: [cut] }), `split at ${cut}`).toEqual(c.want);
      expect(read(c.input, { keep: c.keep, split: Array.from({ length: n - 1 }, (_, i) => i + 1) })).toEqual(c.want);
    });
  }
});

describe("RequestReader: input that ends the connection", () => {
  const cases: { name: string; input: string; want: number }[] = [
    { name: "not a request line", input: "HELLO\r\n\r\n", want: 400 },
    { name: "lower-case method", input: "get / HTTP/1.1\r\n\r\n", want: 400 },
    { name: "HTTP/2 preface", input: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", want: 400 },
    { name: "a header without a name", input: "GET / HTTP/1.1\r\n: x\r\n\r\n", want: 400 },
    { name: "a folded header line", input: "GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n", want: 400 },
    { name: "both framings (request smuggling)", input: "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", want: 400 },
    { name: "two different Content-Lengths", input: "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", want: 400 },
    { name: "a Content-Length that is not a number", input: "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", want: 400 },
    { name: "a transfer coding other than chunked", input: "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", want: 501 },
    { name: "a chunk size that is not hex", input: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", want: 400 },
    { name: "a chunk not followed by CRLF", input: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\naXY", want: 400 },
    { name: "a bare LF in the chunk framing", input: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\na\r\n", want: 400 },
    { name: "a head over 64 KiB", input: `GET / HTTP/1.1\r\nX: ${"a".repeat(MAX_HEAD_BYTES)}\r\n\r\n`, want: 431 },
    { name: "a head over 64 KiB that never ends", input: `GET / HTTP/1.1\r\nX: ${"a".repeat(MAX_HEAD_BYTES + 10)}`, want: 431 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(read(c.input)).toEqual([{ error: c.want }]);
    });
  }

  it("reads nothing after an error, and a request before it still comes out", () => {
    const reader = new RequestReader(100);
    const items = reader.feed(Buffer.from(GO_NEXT + "BAD\r\n\r\n"));
    expect(items.map((i) => ("error" in i ? i.error.status : i.method))).toEqual(["GET", 400]);
    expect(reader.feed(Buffer.from(GO_NEXT))).toEqual([]);
  });

  it("an incomplete head is kept, not answered", () => {
    expect(read(GO_NEXT.slice(0, -2))).toEqual([]);
  });
});

describe("RequestReader: Expect: 100-continue", () => {
  it("asks for the body as soon as the head is read, before any body byte", () => {
    const events: string[] = [];
    const reader = new RequestReader(100, () => events.push("continue"));
    events.push(...reader.feed(Buffer.from("POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")).map(() => "request"));
    events.push(...reader.feed(Buffer.from("hi")).map(() => "request"));
    expect(events).toEqual(["continue", "request"]);
  });
});

describe("parseHead and replyHead", () => {
  it("keeps the first of repeated headers, lower-cases names, trims values", () => {
    const h = parseHead("GET /q?a=1 HTTP/1.1\r\nX-A:  one \r\nx-a: two");
    expect(h).toMatchObject({ method: "GET", target: "/q?a=1", headers: { "x-a": "one" }, framing: 0 });
  });
  it("reads a header named like a member of Object as a header", () => {
    const h = parseHead("GET /next HTTP/1.1\r\nConstructor: c\r\ntoString: t");
    expect("error" in h ? h : h.headers).toEqual(Object.assign(Object.create(null), { constructor: "c", tostring: "t" }));
  });
  it("writes the status line, the headers given, Content-Length and Connection: close", () => {
    expect(replyHead(202, ["Content-Type", "application/json"], 15)).toBe("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n");
    expect(replyHead(400, [], 2, true)).toBe("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nConnection: close\r\n\r\n");
  });
});
