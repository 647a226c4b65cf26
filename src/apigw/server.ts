// Edge: the HTTP side of `lgw serve`. Reads a request off the socket, routes it, turns it into
// the API Gateway event, hands it to `invoke`, and writes back the translated response (or the
// error API Gateway would answer). Everything in between is pure (routes/, v1.ts, v2.ts).
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { EventFormat } from "../config/types.js";
import { type Route } from "../routes/table.js";
import { matchRoute } from "../routes/match.js";
import { MAX_INVOKE_PAYLOAD_BYTES as MAX_INVOKE_BYTES } from "../runtime/invocations.js";
import type { Logger } from "../ui/logger.js";
import { clientErrorAnswer, forbiddenHostBody, hostAllowed, type HostPolicy, requestLimitProblem } from "./front-door.js";
import type { Guard } from "./guard.js";
import type { Integrate } from "./integrations.js";
import { randomHex } from "../runtime/probe.js";
import { closeWhenSent, readBody, requestInfo, sendResponse } from "./http-io.js";
import { firstHeader, httpApiPath, restPath, shortIdOf, traceRootOf, type EventOptions, type HttpRequestInfo } from "./request.js";
import { gatewayError, type GatewayErrorKind, type ProxyResponse } from "./responses.js";
import { fromV1Result, toV1Event } from "./v1.js";
import { fromV2Result, toV2Event } from "./v2.js";

/** API Gateway's payload limit for REST and HTTP APIs. */
export const MAX_API_REQUEST_BYTES = 10 * 1024 * 1024;

/** What became of one invocation, as far as the gateway cares. */
export type GatewayOutcome =
  | { kind: "result"; payload: Buffer }
  /** the function failed (error result, crash, init failure, its own timeout) */
  | { kind: "functionError"; reason: string; error?: { errorMessage: string; errorType: string; [k: string]: unknown } }
  /** the integration timeout passed first */
  | { kind: "timeout" };

/** What the gateway knows about an invocation beyond its event. */
export interface InvokeExtra {
  /** the X-Amzn-Trace-Id root the event carries; the Runtime API reports it too */
  traceRoot?: string;
}

export interface GatewayOptions {
  host: string;
  port: number;
  routes: Route[];
  format: EventFormat;
  event: Omit<EventOptions, "requestId">;
  invoke: (functionName: string, event: Buffer, requestId: string, extra?: InvokeExtra) => Promise<GatewayOutcome>;
  log: Logger;
  maxRequestBytes?: number;
  /** Lambda's own limit on a synchronous invocation's payload (the event), 6,291,456 bytes */
  maxEventBytes?: number;
  /** HTTP API gateway steps: CORS and authorizers (guard.ts) */
  guard?: Guard;
  /** a function's own event format, when it differs from the API's (`format`) */
  formatOf?: (functionName: string) => EventFormat;
  /** REST routes with a non-proxy integration (lambda, mock, http): integrations.ts */
  integrate?: Integrate;
  /** which Host headers are served (front-door.ts); default: any */
  hosts?: HostPolicy;
  /** how long a client may take to send its headers, and its whole request (default 10 s, 60 s) */
  clientTimeouts?: { headersMs: number; requestMs: number };
}

export interface GatewayServer {
  url: string;
  port: number;
  /**
   * Shutdown, first step: no new connections; a request that arrives or whose function fails
   * from now on is answered 503 and its connection closed, so the processes can be stopped
   * under requests still in flight without leaving them an empty reply.
   */
  drain(): void;
  /** Waits (a few seconds at most) for the requests in flight to be answered, then closes. */
  close(): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<GatewayServer> {
  const { log, format } = opts;
  const limit = opts.maxRequestBytes ?? MAX_API_REQUEST_BYTES;
  const eventLimit = opts.maxEventBytes ?? MAX_INVOKE_BYTES;
  let fallbackHost = `${opts.host}:${opts.port}`;

  // access log lines are batched per event-loop turn (log.later): under load that is one write
  // for many requests instead of one each
  const accessLog = (method: string, path: string, status: number, started: bigint, requestId: string, note?: string) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const color = status >= 500 ? log.c.red : status >= 400 ? log.c.yellow : log.c.green;
    // a refused 10 KB URL is not worth 10 KB of log
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
    log.later(`${method} ${shown} ${color(String(status))} ${ms.toFixed(1)} ms ${log.c.dim(requestId)}${note ? " " + log.c.dim(note) : ""}\n`, true);
  };

  let draining = false;
  let inFlight = 0;
  let allAnswered: (() => void) | undefined;
  const warnedHosts = new Set<string>();
  /** The refusal of a request that must not go further: a Host not served, a limit passed. */
  const frontDoor = (req: http.IncomingMessage): ProxyResponse | undefined => {
    if (draining) return gatewayError(format, "unavailable");
    const host = req.headers.host;
    if (opts.hosts && !hostAllowed(opts.hosts, host)) {
      if (warnedHosts.size < 100 && !warnedHosts.has(host!)) {
        warnedHosts.add(host!);
        log.warn(`refused a request for Host ${JSON.stringify(host)}: not this server's address (DNS rebinding guard); --allowed-host accepts a name`);
      }
      return { statusCode: 403, headers: [["Content-Type", "application/json"]], body: Buffer.from(forbiddenHostBody(host!)) };
    }
    const problem = requestLimitProblem(req.url ?? "/", req.rawHeaders);
    return problem && gatewayError(format, problem);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    const idHeaders: [string, string][] =
      format === "v1"
        ? [["x-amzn-RequestId", requestId], ["x-amz-apigw-id", shortIdOf(requestId)]]
        : [["apigw-requestid", shortIdOf(requestId)]];
    const method = req.method ?? "GET";
    // `asIs`: the gateway's own preflight answer, which CORS handling must not touch again
    const finish = (response: ProxyResponse, close = false, asIs = false) => {
      if (res.destroyed) return accessLog(method, req.url ?? "/", 0, started, requestId, authNote);
      close ||= draining;
      // before the request is read (413) there is no info: gateway responses still apply, CORS cannot
      const sent = opts.guard && !asIs ? opts.guard.finish(info, response) : response;
      sendResponse(res, sent, idHeaders, close);
      accessLog(method, req.url ?? "/", sent.statusCode, started, requestId, authNote);
    };
    // a failure while lgw serve stops is the stop's doing (its processes are being killed)
    const fail = (kind: GatewayErrorKind) => finish(gatewayError(format, draining && (kind === "functionError" || kind === "timeout") ? "unavailable" : kind));

    let info: HttpRequestInfo | undefined;
    let authNote: string | undefined;
    const front = frontDoor(req);
    if (front) {
      if (!req.complete) closeWhenSent(req);
      return finish(front, true, true);
    }
    const body = await readBody(req, limit);
    if (body === "gone") return;
    if (body === "tooLarge") {
      closeWhenSent(req);
      return finish(gatewayError(format, "tooLarge"), true);
    }
    info = requestInfo(req, body, fallbackHost);
    const preflight = opts.guard?.preflight(info);
    if (preflight) return finish(preflight, false, true);
    // REST APIs route the raw path (a leading "//" collapsed); HTTP APIs the decoded one
    let routePath = restPath(info.path);
    if (format === "v2") {
      const decoded = httpApiPath(info.path);
      if ("error" in decoded) {
        log.warn(`${requestId}: ${decoded.error}`);
        return fail("badRequest");
      }
      routePath = decoded.path;
    }
    const match = matchRoute(opts.routes, info.method, routePath, { style: format === "v2" ? "http" : "rest" });
    if (!match) return fail("noRoute");

    const traceRoot = traceRootOf(info.headers, Date.now(), randomHex(12));
    const eventOpts: EventOptions = { ...opts.event, requestId, traceId: traceRoot };
    const fnFormat = opts.formatOf?.(match.route.functionName) ?? format;
    const auth = opts.guard ? await opts.guard.authorize(info, match, eventOpts, fnFormat) : { ok: true as const };
    authNote = auth.note;
    if (!auth.ok) return finish(auth.response);
    if (match.route.integration && opts.integrate) {
      const answer = await opts.integrate(match, info, eventOpts, { res, idHeaders, authorizer: auth.authorizer });
      if ("streamed" in answer) return accessLog(method, req.url ?? "/", answer.streamed, started, requestId);
      return finish(answer);
    }
    // payload 1.0 behind an HTTP API carries the decoded path, as HTTP APIs deliver it
    const event = fnFormat === "v1" ? toV1Event(format === "v2" ? { ...info, path: routePath } : info, match, eventOpts) : toV2Event(info, match, eventOpts);
    if (auth.authorizer) (event.requestContext as Record<string, unknown>).authorizer = auth.authorizer;
    if (auth.identity) Object.assign((event.requestContext as { identity: Record<string, unknown> }).identity, auth.identity);
    const payload = Buffer.from(JSON.stringify(event));
    if (payload.length > eventLimit) {
      // Lambda refuses the invocation (RequestEntityTooLarge) before the function sees it
      log.warn(`${requestId}: the event is ${payload.length} bytes; Lambda accepts at most ${eventLimit} bytes (6 MB) per invocation, so the function is not invoked`);
      return fail("tooLarge");
    }
    const outcome = await opts.invoke(match.route.functionName, payload, requestId, { traceRoot });
    if (outcome.kind === "timeout") return fail("timeout");
    if (outcome.kind === "functionError") {
      log.warn(`${requestId}: ${outcome.reason}`);
      return fail("functionError");
    }
    const translated =
      fnFormat === "v1"
        ? fromV1Result(outcome.payload, { binaryMediaTypes: opts.event.binaryMediaTypes, accept: firstHeader(info.headers, "accept") })
        : fromV2Result(outcome.payload);
    if (!translated.ok) log.warn(`${requestId}: malformed Lambda proxy response: ${translated.reason}`);
    // a malformed answer is the API's error (an HTTP API's 500 even for a payload 1.0 function)
    finish(translated.ok ? translated.response : gatewayError(format, "functionError"));
  };

  const timeouts = opts.clientTimeouts ?? { headersMs: 10_000, requestMs: 60_000 };
  const server = http.createServer({
    // node's own 16 KiB header limit would answer for API Gateway's 10,240 with a bare error
    maxHeaderSize: 64 * 1024,
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    // how often node looks for clients past those timeouts (its default is every 30 s)
    connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
  }, (req, res) => {
    inFlight++;
    handle(req, res)
      .catch((err: unknown) => {
        log.error(`lgw serve failed on ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
        if (!res.headersSent) sendResponse(res, gatewayError(format, "functionError"), []);
        else res.destroy();
      })
      .finally(() => {
        if (--inFlight === 0) allAnswered?.();
      });
  });
  // a request node could not take (broken, too slow, headers past 64 KiB) gets the gateway's
  // JSON error and a closed connection, never a bare 400 or a hung socket
  server.on("clientError", (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    const answer = clientErrorAnswer(err.code, err.rawPacket);
    if (answer === "close" || !socket.writable) return void socket.destroy();
    const e = gatewayError(format, answer);
    const head = [`HTTP/1.1 ${e.statusCode} ${http.STATUS_CODES[e.statusCode]}`, ...e.headers.map(([k, v]) => `${k}: ${v}`), `Content-Length: ${e.body.length}`, "Connection: close"];
    socket.end(Buffer.concat([Buffer.from(head.join("\r\n") + "\r\n\r\n"), e.body]));
    setTimeout(() => socket.destroy(), 250).unref();
    log.debug(`refused a request node could not parse (${err.code ?? err.message}): ${e.statusCode}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  fallbackHost = `${urlHost}:${port}`;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    drain: () => {
      if (draining) return;
      draining = true;
      server.close();
      server.closeIdleConnections();
    },
    close: async () => {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        const answered = new Promise<void>((resolve) => (allAnswered = resolve));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([answered, new Promise<void>((resolve) => (timer = setTimeout(resolve, 3_000)))]);
        clearTimeout(timer);
      }
      log.flush();
      server.closeAllConnections();
      await closed;
    },
  };
}
