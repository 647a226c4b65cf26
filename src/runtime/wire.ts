// HTTP/1.1 as the Runtime API needs it, pure: an incremental request reader and the bytes of a
// reply. The Runtime API's client is the function's own runtime on the loopback interface, one
// request at a time per connection (aws-lambda-go: GET /next, then a chunked POST with
// trailers). node:http's server costs more per request than lgw's whole gateway logic, and the
// Runtime API sits on every invocation's path twice, so lgw reads these few request shapes
// itself: a request line, headers, and a body by Content-Length or chunked coding. Anything
// else (a bad line, both framings, a head over 64 KiB) is an error that ends the connection.

/** Largest request line plus headers (node:http's default is 16 KiB; the runtime sends < 1 KiB). */
export const MAX_HEAD_BYTES = 64 * 1024;
/** Longest chunk-size line or trailer line. */
const MAX_LINE_BYTES = 4096;

export interface WireRequest {
  method: string;
  /** the request target as sent: path and query */
  target: string;
  /** lower-case names; the first value of a repeated header */
  headers: Record<string, string>;
  /** the body's first `keep` bytes */
  body: Buffer;
  /** the body's full size, counted even past `keep` */
  bytes: number;
  /** the client asked to close after the reply (Connection: close, or HTTP/1.0) */
  close: boolean;
}

export interface WireError {
  error: { status: 400 | 431 | 501; message: string };
}

export type WireItem = WireRequest | WireError;

// where the reader is; numbers in two fields rather than state objects keep the hot path monomorphic
const HEAD = 0;
const LENGTH = 1;
const CHUNK_SIZE = 2;
const CHUNK_DATA = 3;
const CHUNK_END = 4;
const TRAILERS = 5;
const FAILED = 6;

const EMPTY = Buffer.alloc(0);
const CR = 0x0d;
const LF = 0x0a;
const HEAD_END = Buffer.from("\r\n\r\n");
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const fail = (status: WireError["error"]["status"], message: string): WireError => ({ error: { status, message } });

/** Reads requests from one connection's bytes, in order; after an error it reads nothing more. */
export class RequestReader {
  private mode = HEAD;
  /** body bytes (LENGTH) or chunk bytes (CHUNK_DATA) still to come */
  private left = 0;
  /** bytes of a head or a framing line not complete yet */
  private pending: Buffer = EMPTY;
  private head?: Omit<WireRequest, "body" | "bytes">;
  private parts: Buffer[] = [];
  private kept = 0;
  private bytes = 0;

  /**
   * @param keep how many body bytes to hold per request; the rest is counted and dropped
   * @param onContinue called when a head asks `Expect: 100-continue` (curl does for large bodies)
   */
  constructor(
    private readonly keep: number,
    private readonly onContinue?: () => void,
  ) {}

  /** Feeds the next bytes; returns the requests (and at most one error, last) they completed. */
  feed(chunk: Buffer): WireItem[] {
    const out: WireItem[] = [];
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    let at = 0;
    while (at < data.length && this.mode !== FAILED) {
      const next = this.step(data, at, out);
      if (next === at) {
        // a head or a framing line not complete yet: keep it for the next chunk, within its limit
        const rest = data.length - at;
        if (this.mode === HEAD && rest > MAX_HEAD_BYTES) this.error(out, fail(431, "request head over 64 KiB"));
        else if (this.mode !== HEAD && rest > MAX_LINE_BYTES) this.error(out, fail(400, "chunk line too long"));
        else this.pending = Buffer.from(data.subarray(at));
        break;
      }
      at = next;
    }
    return out;
  }

  /**
   * Reads what it can from data[at..]; returns where it stopped (at itself: needs more bytes).
   * long: one case per reader state, each a few lines; split, the states would read apart from
   * the switch that moves between them.
   */
  private step(data: Buffer, at: number, out: WireItem[]): number {
    switch (this.mode) {
      case HEAD: {
        const end = data.indexOf(HEAD_END, at);
        if (end === -1) return at;
        if (end - at > MAX_HEAD_BYTES) return this.error(out, fail(431, "request head over 64 KiB"));
        const parsed = parseHead(data.toString("latin1", at, end));
        if ("error" in parsed) return this.error(out, parsed);
        const { framing, ...head } = parsed;
        if (head.headers.expect?.toLowerCase() === "100-continue") this.onContinue?.();
        this.head = head;
        this.bytes = 0;
        this.kept = 0;
        if (framing === "chunked") this.mode = CHUNK_SIZE;
        else if (framing > 0) {
          this.mode = LENGTH;
          this.left = framing;
        } else this.finish(out);
        return end + 4;
      }
      case LENGTH:
      case CHUNK_DATA: {
        const take = Math.min(this.left, data.length - at);
        this.body(data, at, take);
        this.left -= take;
        if (this.left === 0) {
          if (this.mode === LENGTH) this.finish(out);
          else this.mode = CHUNK_END;
        }
        return at + take;
      }
      case CHUNK_SIZE: {
        const eol = lineEnd(data, at);
        if (eol === -1) return at;
        if (eol < 0) return this.error(out, fail(400, "bare LF in chunked body"));
        const line = data.toString("latin1", at, eol);
        const semi = line.indexOf(";");
        const hex = (semi === -1 ? line : line.slice(0, semi)).trim();
        if (!/^[0-9a-fA-F]{1,8}$/.test(hex)) return this.error(out, fail(400, "bad chunk size"));
        const size = parseInt(hex, 16);
        if (size === 0) this.mode = TRAILERS;
        else {
          this.mode = CHUNK_DATA;
          this.left = size;
        }
        return eol + 2;
      }
      case CHUNK_END: {
        if (data.length - at < 2) return at;
        if (data[at] !== CR || data[at + 1] !== LF) return this.error(out, fail(400, "chunk not followed by CRLF"));
        this.mode = CHUNK_SIZE;
        return at + 2;
      }
      case TRAILERS: {
        // trailer fields are read and dropped (aws-lambda-go declares error trailers it leaves empty)
        const eol = lineEnd(data, at);
        if (eol === -1) return at;
        if (eol < 0) return this.error(out, fail(400, "bare LF in trailers"));
        if (eol === at) this.finish(out);
        return eol + 2;
      }
      default:
        return data.length;
    }
  }

  private body(data: Buffer, at: number, length: number): void {
    this.bytes += length;
    if (this.kept >= this.keep || length === 0) return;
    const n = Math.min(length, this.keep - this.kept);
    this.parts.push(data.subarray(at, at + n));
    this.kept += n;
  }

  private finish(out: WireItem[]): void {
    const parts = this.parts;
    this.parts = [];
    this.mode = HEAD;
    const head = this.head!;
    this.head = undefined;
    out.push({ method: head.method, target: head.target, headers: head.headers, close: head.close, bytes: this.bytes, body: parts.length === 0 ? EMPTY : parts.length === 1 ? parts[0]! : Buffer.concat(parts) });
  }

  private error(out: WireItem[], e: WireError): number {
    this.mode = FAILED;
    this.head = undefined;
    this.parts = [];
    out.push(e);
    return Number.MAX_SAFE_INTEGER;
  }
}

/** Where the CRLF ending the line at `at` starts; -1: no line end yet; -2: a bare LF. */
function lineEnd(data: Buffer, at: number): number {
  const lf = data.indexOf(LF, at);
  if (lf === -1) return -1;
  return lf > at && data[lf - 1] === CR ? lf - 1 : -2;
}

type Head = Omit<WireRequest, "body" | "bytes"> & { framing: number | "chunked" };

/** The request line and header fields of one head (without its final CRLFCRLF). */
export function parseHead(text: string): Head | WireError {
  const lines = text.split("\r\n");
  const m = /^([A-Z]+) (\S+) HTTP\/1\.([01])$/.exec(lines[0]!);
  if (!m) return fail(400, "bad request line");
  // no prototype: a header named "constructor" is a header like any other
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon) : "";
    if (!TOKEN.test(name)) return fail(400, "bad header line");
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "content-length" && key in headers && headers[key] !== value) return fail(400, "two Content-Length values");
    if (!(key in headers)) headers[key] = value;
  }
  const te = headers["transfer-encoding"];
  const cl = headers["content-length"];
  let framing: number | "chunked" = 0;
  if (te !== undefined) {
    if (te.toLowerCase() !== "chunked") return fail(501, `Transfer-Encoding ${te} is not supported`);
    if (cl !== undefined) return fail(400, "both Content-Length and Transfer-Encoding");
    framing = "chunked";
  } else if (cl !== undefined) {
    if (!/^\d{1,15}$/.test(cl)) return fail(400, "bad Content-Length");
    framing = Number(cl);
  }
  const connection = (headers.connection ?? "").toLowerCase();
  const close = connection.includes("close") || (m[3] === "0" && !connection.includes("keep-alive"));
  return { method: m[1]!, target: m[2]!, headers, close, framing };
}

const REASONS: Record<number, string> = {
  100: "Continue",
  200: "OK",
  202: "Accepted",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Payload Too Large",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  501: "Not Implemented",
};

/**
 * The head of a reply: status line, the given [name, value] pairs, Content-Length, and
 * Connection: close when the connection ends after it.
 */
export function replyHead(status: number, headers: readonly string[], bodyBytes: number, close = false): string {
  let head = `HTTP/1.1 ${status} ${REASONS[status] ?? "Unknown"}\r\n`;
  for (let i = 0; i + 1 < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  head += `Content-Length: ${bodyBytes}\r\n`;
  if (close) head += "Connection: close\r\n";
  return head + "\r\n";
}
