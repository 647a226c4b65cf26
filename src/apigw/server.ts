// Edge: the HTTP side of `lgw serve`. Reads a request off the socket, routes it, turns it into
// the API Gateway event, hands it to `invoke`, and writes back the translated response (or the
// error API Gateway would answer). Everything in between is pure (routes/, v1.ts, v2.ts).
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { EventFormat } from "../config/types.js";
import type { RouteMatch } from "../routes/table.js";
import { matchRoute } from "../routes/match.js";
import { MAX_INVOKE_PAYLOAD_BYTES as MAX_INVOKE_BYTES } from "../runtime/invocations.js";
import { clientErrorAnswer, forbiddenHostBody, hostAllowed, hostHeaderProblem, requestLimitProblem } from "./front-door.js";
import { randomHex } from "../runtime/probe.js";
import { closeWhenSent, readBody, requestInfo, sendResponse } from "./http-io.js";
import { firstHeader, httpApiPath, restPath, shortIdOf, traceRootOf, type EventOptions, type HttpRequestInfo } from "./request.js";
import type { GatewayOptions, GatewayServer } from "./gateway-types.js";
import { gatewayError, remapRestResponseHeaders, type GatewayErrorKind, type ProxyResponse } from "./responses.js";
import { fromV1Result, toV1Event } from "./v1.js";
import { fromV2Result, toV2Event } from "./v2.js";

/** API Gateway's payload limit for REST and HTTP APIs. */
export const MAX_API_REQUEST_BYTES = 10 * 1024 * 1024;

export type { GatewayOptions, GatewayOutcome, GatewayServer, InvokeExtra } from "./gateway-types.js";

/** The headers that carry a request's id in every answer, as each kind of API names them. */
function idHeadersOf(format: EventFormat, requestId: string): [string, string][] {
  return format === "v1" ? [["x-amzn-RequestId", requestId], ["x-amz-apigw-id", shortIdOf(requestId)]] : [["apigw-requestid", shortIdOf(requestId)]];
}

/** One request in flight: what its answer and its access log line need. */
interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  started: bigint;
  requestId: string;
  idHeaders: [string, string][];
  method: string;
  /** the request as read; absent until its body is (a 413 has none) */
  info?: HttpRequestInfo;
  /** what the authorizer said, for the log */
  authNote?: string;
}

/** The gateway's per-request steps, in API Gateway's order; startGateway wires them to a server. */
class Gateway {
  private readonly limit: number;
  private readonly eventLimit: number;
  fallbackHost: string;
  draining = false;
  inFlight = 0;
  allAnswered?: () => void;
  private readonly warnedHosts = new Set<string>();

  constructor(private readonly opts: GatewayOptions) {
    this.limit = opts.maxRequestBytes ?? MAX_API_REQUEST_BYTES;
    this.eventLimit = opts.maxEventBytes ?? MAX_INVOKE_BYTES;
    this.fallbackHost = `${opts.host}:${opts.port}`;
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const idHeaders = idHeadersOf(this.opts.format, requestId);
    const ex: Exchange = { req, res, started: process.hrtime.bigint(), requestId, idHeaders, method: req.method ?? "GET" };
    const info = await this.admit(ex);
    if (!info) return;
    const match = this.route(ex, info);
    if (!match) return;
    const traceRoot = traceRootOf(info.headers, Date.now(), randomHex(12));
    const eventOpts: EventOptions = { ...this.opts.event, requestId, traceId: traceRoot };
    const fnFormat = this.opts.formatOf?.(match.route.functionName) ?? this.opts.format;
    const auth = this.opts.guard ? await this.opts.guard.authorize(info, match, eventOpts, fnFormat) : { ok: true as const };
    ex.authNote = auth.note;
    if (!auth.ok) return this.finish(ex, auth.response);
    if (match.route.integration && this.opts.integrate) {
      const answer = await this.opts.integrate(match, info, eventOpts, { res, idHeaders, authorizer: auth.authorizer });
      if ("streamed" in answer) return this.accessLog(ex, answer.streamed);
      return this.finish(ex, answer);
    }
    return this.proxy(ex, info, match, { eventOpts, fnFormat, traceRoot, auth });
  }

  /** Front door and body: the request as read, or undefined when it has been answered already. */
  private async admit(ex: Exchange): Promise<HttpRequestInfo | undefined> {
    const front = this.frontDoor(ex.req);
    if (front) {
      if (!ex.req.complete) closeWhenSent(ex.req);
      return void this.finish(ex, front, true, true);
    }
    const body = await readBody(ex.req, this.limit);
    if (body === "gone") return undefined;
    if (body === "tooLarge") {
      closeWhenSent(ex.req);
      return void this.finish(ex, gatewayError(this.opts.format, "tooLarge"), true);
    }
    ex.info = requestInfo(ex.req, body, this.fallbackHost);
    return ex.info;
  }

  /** The refusal of a request that must not go further: a Host not served, a limit passed. */
  private frontDoor(req: http.IncomingMessage): ProxyResponse | undefined {
    if (this.draining) return gatewayError(this.opts.format, "unavailable");
    const hostProblem = hostHeaderProblem(req.rawHeaders, req.httpVersion);
    if (hostProblem) return gatewayError(this.opts.format, hostProblem);
    const host = req.headers.host;
    if (this.opts.hosts && !hostAllowed(this.opts.hosts, host)) {
      if (this.warnedHosts.size < 100 && !this.warnedHosts.has(host!)) {
        this.warnedHosts.add(host!);
        this.opts.log.warn(`refused a request for Host ${JSON.stringify(host)}: not this server's address (DNS rebinding guard); --allowed-host accepts a name`);
      }
      return { statusCode: 403, headers: [["Content-Type", "application/json"]], body: Buffer.from(forbiddenHostBody(host!)) };
    }
    const problem = requestLimitProblem(req.url ?? "/", req.rawHeaders);
    return problem && gatewayError(this.opts.format, problem);
  }

  /** CORS preflight, then the route; undefined when the request has been answered. */
  private route(ex: Exchange, info: HttpRequestInfo): ({ routePath: string } & NonNullable<ReturnType<typeof matchRoute>>) | undefined {
    const preflight = this.opts.guard?.preflight(info);
    if (preflight) return void this.finish(ex, preflight, false, true);
    // REST APIs route the raw path (a leading "//" collapsed); HTTP APIs the decoded one
    let routePath = restPath(info.path);
    if (this.opts.format === "v2") {
      const decoded = httpApiPath(info.path);
      if ("error" in decoded) {
        this.opts.log.warn(`${ex.requestId}: ${decoded.error}`);
        return void this.fail(ex, "badRequest");
      }
      routePath = decoded.path;
    }
    const match = matchRoute(this.opts.routes, info.method, routePath, { style: this.opts.format === "v2" ? "http" : "rest" });
    if (!match) return void this.fail(ex, "noRoute");
    return { ...match, routePath };
  }

  /** The Lambda proxy integration: the event, the invocation, the translated result. */
  private async proxy(ex: Exchange, info: HttpRequestInfo, match: RouteMatch & { routePath: string }, p: ProxyStep): Promise<void> {
    const { format, event: eventBase, log } = this.opts;
    // payload 1.0 behind an HTTP API carries the decoded path, as HTTP APIs deliver it
    const event = p.fnFormat === "v1" ? toV1Event(format === "v2" ? { ...info, path: match.routePath } : info, match, p.eventOpts) : toV2Event(info, match, p.eventOpts);
    if (p.auth.authorizer) (event.requestContext as Record<string, unknown>).authorizer = p.auth.authorizer;
    if (p.auth.identity) Object.assign((event.requestContext as { identity: Record<string, unknown> }).identity, p.auth.identity);
    const payload = Buffer.from(JSON.stringify(event));
    if (payload.length > this.eventLimit) {
      // Lambda refuses the invocation (RequestEntityTooLarge) before the function sees it
      log.warn(`${ex.requestId}: the event is ${payload.length} bytes; Lambda accepts at most ${this.eventLimit} bytes (6 MB) per invocation, so the function is not invoked`);
      return this.fail(ex, "tooLarge");
    }
    const outcome = await this.opts.invoke(match.route.functionName, payload, ex.requestId, { traceRoot: p.traceRoot });
    if (outcome.kind === "timeout") return this.fail(ex, "timeout");
    if (outcome.kind === "functionError") {
      log.warn(`${ex.requestId}: ${outcome.reason}`);
      return this.fail(ex, "functionError");
    }
    const translated =
      p.fnFormat === "v1"
        ? fromV1Result(outcome.payload, { binaryMediaTypes: eventBase.binaryMediaTypes, accept: firstHeader(info.headers, "accept") })
        : fromV2Result(outcome.payload);
    if (!translated.ok) {
      log.warn(`${ex.requestId}: malformed Lambda proxy response: ${translated.reason}`);
      // a malformed answer is the API's error (an HTTP API's 500 even for a payload 1.0 function)
      return this.finish(ex, gatewayError(format, "functionError"));
    }
    const response = translated.response;
    this.finish(ex, format === "v1" ? { ...response, headers: remapRestResponseHeaders(response.headers) } : response);
  }

  /** `asIs`: the gateway's own preflight answer, which CORS handling must not touch again. */
  private finish(ex: Exchange, response: ProxyResponse, close = false, asIs = false): void {
    if (ex.res.destroyed) return this.accessLog(ex, 0);
    // before the request is read (413) there is no info: gateway responses still apply, CORS cannot
    const sent = this.opts.guard && !asIs ? this.opts.guard.finish(ex.info, response) : response;
    const invalid = sendResponse(ex.res, sent, ex.idHeaders, close || this.draining);
    if (invalid.length) {
      const names = invalid.map((n) => JSON.stringify(n.slice(0, 60))).join(", ");
      this.opts.log.warn(`${ex.requestId}: left out response header(s) ${names}: a name must be a token and a value may hold no control characters and nothing past U+00FF`);
    }
    this.accessLog(ex, sent.statusCode);
  }

  /** A failure while lgw serve stops is the stop's doing (its processes are being killed). */
  private fail(ex: Exchange, kind: GatewayErrorKind): void {
    const stopping = this.draining && (kind === "functionError" || kind === "timeout");
    this.finish(ex, gatewayError(this.opts.format, stopping ? "unavailable" : kind));
  }

  // access log lines are batched per event-loop turn (log.later): under load that is one write
  // for many requests instead of one each
  private accessLog(ex: Exchange, status: number): void {
    const { log } = this.opts;
    const ms = Number(process.hrtime.bigint() - ex.started) / 1e6;
    const color = status >= 500 ? log.c.red : status >= 400 ? log.c.yellow : log.c.green;
    const path = ex.req.url ?? "/";
    // a refused 10 KB URL is not worth 10 KB of log
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
    log.later(`${ex.method} ${shown} ${color(String(status))} ${ms.toFixed(1)} ms ${log.c.dim(ex.requestId)}${ex.authNote ? " " + log.c.dim(ex.authNote) : ""}\n`, true);
  }
}

interface ProxyStep {
  eventOpts: EventOptions;
  fnFormat: EventFormat;
  traceRoot: string;
  auth: { authorizer?: Record<string, unknown>; identity?: Record<string, string> };
}

/** node's server with the client limits and the gateway's answer to requests it cannot parse. */
function createServer(gw: Gateway, opts: GatewayOptions): http.Server {
  const { log, format } = opts;
  const timeouts = opts.clientTimeouts ?? { headersMs: 10_000, requestMs: 60_000 };
  const server = http.createServer({
    // node's own 16 KiB header limit would answer for API Gateway's 10,240 with a bare error
    maxHeaderSize: 64 * 1024,
    // lgw answers a missing (or doubled) Host itself, with the gateway's JSON, not node's bare 400
    requireHostHeader: false,
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    // how often node looks for clients past those timeouts (its default is every 30 s)
    connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
  }, (req, res) => {
    gw.inFlight++;
    gw.handle(req, res)
      .catch((err: unknown) => {
        log.error(`lgw serve failed on ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
        if (!res.headersSent) sendResponse(res, gatewayError(format, "functionError"), []);
        else res.destroy();
      })
      .finally(() => {
        if (--gw.inFlight === 0) gw.allAnswered?.();
      });
  });
  // no count limit (node's default drops headers past 2,000 without a word): the size limits hold
  server.maxHeadersCount = 0;
  // a request node could not take (broken, too slow, headers past 64 KiB) gets the gateway's
  // JSON error and a closed connection, never a bare 400 or a hung socket
  server.on("clientError", (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    const answer = clientErrorAnswer(err.code, err.rawPacket);
    if (answer === "close" || !socket.writable) return void socket.destroy();
    const e = gatewayError(format, answer);
    const requestId = randomUUID();
    const head = [`HTTP/1.1 ${e.statusCode} ${http.STATUS_CODES[e.statusCode]}`, ...[...e.headers, ...idHeadersOf(format, requestId)].map(([k, v]) => `${k}: ${v}`), `Content-Length: ${e.body.length}`, "Connection: close"];
    socket.end(Buffer.concat([Buffer.from(head.join("\r\n") + "\r\n\r\n"), e.body]));
    setTimeout(() => socket.destroy(), 250).unref();
    // its access-log line too: the method and the start of the target when the request line came in
    const line = /^([A-Z]+) (\S{1,200})/.exec(err.rawPacket?.toString("latin1", 0, 256) ?? "");
    log.later(`${line?.[1] ?? "-"} ${line?.[2] ?? "-"} ${log.c.yellow(String(e.statusCode))} refused before it was read (${err.code ?? err.message}) ${log.c.dim(requestId)}\n`, true);
  });
  return server;
}

export async function startGateway(opts: GatewayOptions): Promise<GatewayServer> {
  const gw = new Gateway(opts);
  const server = createServer(gw, opts);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  gw.fallbackHost = `${urlHost}:${port}`;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    drain: () => {
      if (gw.draining) return;
      gw.draining = true;
      server.close();
      server.closeIdleConnections();
    },
    close: async () => {
      gw.draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (gw.inFlight > 0) {
        const answered = new Promise<void>((resolve) => (gw.allAnswered = resolve));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([answered, new Promise<void>((resolve) => (timer = setTimeout(resolve, 3_000)))]);
        clearTimeout(timer);
      }
      opts.log.flush();
      server.closeAllConnections();
      await closed;
    },
  };
}
