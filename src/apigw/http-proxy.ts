// HTTP_PROXY routes of `lgw serve`: the request goes on to the route's uri (path variables such
// as {proxy} filled in, the query string and headers passed along), and the answer streams back
// as it arrives. httpProxyTarget and forwardHeaders are pure; forwardRequest is the edge.
import http from "node:http";
import https from "node:https";
import type { Logger } from "../ui/logger.js";
import { CONNECTION_HEADERS, restPath, type HttpRequestInfo } from "./request.js";
import { gatewayError } from "./responses.js";
import { forwardedHeaders } from "./v1.js";

/** Headers that belong to one connection, never forwarded either way (RFC 9110 7.6.1). */
const HOP_BY_HOP = new Set([...CONNECTION_HEADERS, "proxy-authorization", "proxy-authenticate"]);

/**
 * The URL a request goes to: `{name}` and `{name+}` in the uri take the path parameter's value
 * as it was sent (still percent-encoded, so "/" inside {proxy} stays a separator), and the
 * request's query string is appended as sent.
 */
export function httpProxyTarget(uri: string, pathParameters: Record<string, string> | null, rawQuery: string): URL {
  const filled = uri.replace(/\{([A-Za-z0-9_]+)\+?\}/g, (whole, name: string) => pathParameters?.[name] ?? "");
  const url = new URL(filled);
  if (rawQuery) url.search = url.search ? `${url.search.slice(1)}&${rawQuery}` : rawQuery;
  return url;
}

/** The request's headers towards the backend: hop-by-hop ones and Host dropped, X-Forwarded-* added. */
export function forwardHeaders(req: HttpRequestInfo): [string, string][] {
  return forwardedHeaders(req).filter(([k]) => {
    const lower = k.toLowerCase();
    return !HOP_BY_HOP.has(lower) && lower !== "host" && lower !== "content-length";
  });
}

/** The backend's response headers towards the client (hop-by-hop ones dropped). */
export function returnHeaders(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (!HOP_BY_HOP.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  return out;
}

export interface ForwardOptions {
  target: URL;
  req: HttpRequestInfo;
  res: http.ServerResponse;
  idHeaders: [string, string][];
  timeoutMs: number;
  log: Logger;
  requestId: string;
}

/** Sends the request on and pipes the answer back; resolves with the status sent. */
export function forwardRequest(o: ForwardOptions): Promise<number> {
  const { target, req, res } = o;
  const client = target.protocol === "https:" ? https : http;
  // with headers given as a list node adds no Host of its own: the backend's, as API Gateway sends
  const flatHeaders = ["Host", target.host, ...forwardHeaders(req).flat()];
  if (req.body.length) flatHeaders.push("Content-Length", String(req.body.length));
  return new Promise((resolve) => {
    let settled = false;
    const answer = (kind: "timeout" | "functionError", why: string) => {
      if (settled) return;
      settled = true;
      o.log.warn(`${o.requestId}: ${req.method} ${restPath(req.path)} -> ${target.href}: ${why}`);
      const r = gatewayError("v1", kind);
      // API Gateway answers an HTTP integration it cannot reach with 500, not the Lambda 502
      const status = kind === "functionError" ? 500 : r.statusCode;
      if (res.headersSent) res.destroy();
      else res.writeHead(status, [...r.headers, ...o.idHeaders, ["Content-Length", String(r.body.length)]].flat()).end(r.body);
      resolve(status);
    };
    const upstream = client.request(target, { method: req.method, headers: flatHeaders }, (backend) => {
      if (settled) return backend.destroy();
      settled = true;
      const status = backend.statusCode ?? 502;
      res.writeHead(status, [...returnHeaders(backend.rawHeaders), ...o.idHeaders.flat()]);
      backend.pipe(res);
      backend.on("error", () => res.destroy());
      res.on("close", () => backend.destroy());
      resolve(status);
    });
    const timer = setTimeout(() => {
      answer("timeout", `no answer within ${o.timeoutMs} ms`);
      upstream.destroy();
    }, o.timeoutMs);
    upstream.on("response", () => clearTimeout(timer));
    // a client that goes away before the backend answers takes the backend request with it
    res.on("close", () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      upstream.destroy();
      resolve(499);
    });
    upstream.on("error", (err) => {
      clearTimeout(timer);
      answer("functionError", err.message);
    });
    upstream.end(req.body);
  });
}
