import http from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Logger } from "../ui/logger.js";
import { forwardHeaders, forwardRequest, httpProxyTarget, returnHeaders } from "./http-proxy.js";

describe("httpProxyTarget", () => {
  it.each([
    // uri, path parameters, raw query, expected URL
    ["https://example.com/{proxy}", { proxy: "a/b" }, "", "https://example.com/a/b"],
    ["https://example.com/api/{proxy+}", { proxy: "a%20b/c" }, "x=1", "https://example.com/api/a%20b/c?x=1"],
    ["http://h:8080/users/{id}/orders", { id: "42" }, "", "http://h:8080/users/42/orders"],
    ["https://example.com/search?fixed=1", null, "q=a+b&q=c", "https://example.com/search?fixed=1&q=a+b&q=c"],
    ["https://example.com/{missing}", {}, "", "https://example.com/"],
    ["https://example.com", null, "", "https://example.com/"],
  ])("%s with %j and ?%s is %s", (uri, params, query, want) => {
    expect(httpProxyTarget(uri, params, query).href).toBe(want);
  });
});

describe("headers across the proxy", () => {
  const req = {
    method: "GET",
    path: "/x",
    rawQuery: "",
    headers: [["Host", "127.0.0.1:3000"], ["Connection", "keep-alive"], ["X-A", "1"], ["Content-Length", "0"], ["X-Forwarded-For", "10.0.0.1"]] as [string, string][],
    body: Buffer.alloc(0),
    sourceIp: "127.0.0.2",
    protocol: "HTTP/1.1",
    host: "127.0.0.1:3000",
    receivedAt: new Date(0),
  };
  it("drops Host, hop-by-hop headers and Content-Length, and adds X-Forwarded-*", () => {
    expect(forwardHeaders(req)).toEqual([
      ["X-A", "1"],
      ["X-Forwarded-For", "10.0.0.1, 127.0.0.2"],
      ["X-Forwarded-Port", "3000"],
      ["X-Forwarded-Proto", "http"],
    ]);
  });
  it("passes the backend's headers back without its hop-by-hop ones, repeated names kept", () => {
    expect(returnHeaders(["Set-Cookie", "a=1", "Transfer-Encoding", "chunked", "Set-Cookie", "b=2", "Connection", "close"])).toEqual(["Set-Cookie", "a=1", "Set-Cookie", "b=2"]);
  });
});

describe("forwardRequest", () => {
  it("answers 504 Endpoint request timed out when the backend says nothing within the integration timeout", async () => {
    const held: http.ServerResponse[] = [];
    const backend = http.createServer((_req, res) => void held.push(res));
    await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
    const port = (backend.address() as AddressInfo).port;
    const front = http.createServer((req, res) => {
      const info = { method: "GET", path: "/x", rawQuery: "", headers: [] as [string, string][], body: Buffer.alloc(0), sourceIp: "127.0.0.1", protocol: "HTTP/1.1", host: "h", receivedAt: new Date() };
      const log = new Logger({ stdout: new PassThrough(), stderr: new PassThrough(), color: false });
      void forwardRequest({ target: new URL(`http://127.0.0.1:${port}/x`), req: info, res, idHeaders: [["x-amzn-RequestId", "r1"]], timeoutMs: 50, log, requestId: "r1" });
      req.resume();
    });
    await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
    try {
      const r = await fetch(`http://127.0.0.1:${(front.address() as AddressInfo).port}/`);
      expect(r.status).toBe(504);
      expect(r.headers.get("x-amzn-requestid")).toBe("r1");
      expect(await r.text()).toBe('{"message": "Endpoint request timed out"}');
    } finally {
      held.forEach((res) => res.destroy());
      front.closeAllConnections();
      backend.closeAllConnections();
      await Promise.all([new Promise((r) => front.close(r)), new Promise((r) => backend.close(r))]);
    }
  });
});
