// Edge: the socket side of lgw serve's gateway (server.ts): reading a request's body within the
// API's limit, the request as HttpRequestInfo, writing an answer header by header, and the
// lingering close that lets a client read a 413 it is still uploading past.
import type http from "node:http";
import { endToEndHeaders, type HttpRequestInfo } from "./request.js";
import type { ProxyResponse } from "./responses.js";

const DROPPED_RESPONSE_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive"]);

/** Statuses that never carry a body, so neither a Content-Length (RFC 9110 8.6). */
const BODILESS = new Set([204, 304]);

/** Writes the answer; returns the names of headers it had to leave out (invalid for HTTP). */
export function sendResponse(res: http.ServerResponse, response: ProxyResponse, extra: [string, string][], close = false): string[] {
  // flat [name, value, name, value, ...]: repeated names (Set-Cookie) stay separate lines
  const raw: string[] = [];
  const invalid: string[] = [];
  for (const list of [response.headers, extra]) {
    for (const [name, value] of list) {
      if (DROPPED_RESPONSE_HEADERS.has(name.toLowerCase())) continue;
      // a header node would refuse (invalid characters) is dropped rather than failing the response
      if (!VALID_HEADER_NAME.test(name) || INVALID_HEADER_VALUE.test(value)) {
        invalid.push(name);
        continue;
      }
      raw.push(name, value);
    }
  }
  const bodiless = BODILESS.has(response.statusCode);
  if (!bodiless) raw.push("Content-Length", String(response.body.length));
  if (close) raw.push("Connection", "close");
  // no setHeader() before this: node would then merge by name and collapse repeated headers
  res.writeHead(response.statusCode, raw);
  res.end(bodiless ? undefined : response.body);
  return invalid;
}

const VALID_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** The body, or "tooLarge" as soon as it passes `limit` (the rest is never read), or "gone". */
const NO_BODY = Buffer.alloc(0);
const ignore = () => undefined;

export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | "tooLarge" | "gone"> {
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) {
    // neither header: HTTP/1.1 says the request has no body (RFC 9112 6.3), so no stream
    // listeners, chunk list or concat for every GET
    req.on("error", ignore);
    req.resume();
    return Promise.resolve(NO_BODY);
  }
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve("tooLarge");
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      resolve("tooLarge");
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    // the client went away (or its request timed out) before the body ended
    req.on("close", () => resolve("gone"));
    req.on("error", () => resolve("gone"));
  });
}

/**
 * A response that ends the connection before the request's body did: node would destroy the
 * socket as soon as the answer is flushed, and closing on unread bytes sends a reset that makes
 * the client drop the answer. Instead the sending side closes, and what the client still sends is
 * read and dropped for at most a second or 4 MB (a lingering close), then the socket goes.
 */
export function closeWhenSent(req: http.IncomingMessage): void {
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), 1_000).unref();
    socket.once("close", () => clearTimeout(timer));
    let dropped = 0;
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > 4 * 1024 * 1024) socket.destroy();
    });
    req.resume();
  };
}

export function requestInfo(req: http.IncomingMessage, body: Buffer, fallbackHost: string): HttpRequestInfo {
  let target = req.url ?? "/";
  if (!target.startsWith("/")) {
    // absolute-form request target (proxies): keep only path and query
    try {
      const u = new URL(target);
      target = u.pathname + u.search;
    } catch {
      target = "/";
    }
  }
  const q = target.indexOf("?");
  const sent: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) sent.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  const headers = endToEndHeaders(sent);
  return {
    method: req.method ?? "GET",
    path: q === -1 ? target : target.slice(0, q),
    rawQuery: q === -1 ? "" : target.slice(q + 1),
    headers,
    body,
    sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
    protocol: `HTTP/${req.httpVersion}`,
    host: req.headers.host ?? fallbackHost,
    receivedAt: new Date(),
  };
}
