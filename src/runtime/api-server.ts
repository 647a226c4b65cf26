// Edge: the Runtime API (2018-06-01) over HTTP on 127.0.0.1, one server per bootstrap process.
// It translates requests into InvocationState calls and their replies back into HTTP. It never
// throws at a client: bad input gets the JSON error AWS would send, and a bug gets a 500.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_RESPONSE_BYTES, InvocationState, type Completion, type Invocation, type Reply } from "./invocations.js";
import { nextHeaders, parseRoute } from "./protocol.js";

export interface RuntimeApiHandlers {
  /** an invocation finished (response, error, too large) or init failed */
  onCompletion: (c: Completion) => void;
  /** the runtime asked for an event; the first call marks the end of its init */
  onNext?: () => void;
  /** an invocation was written to the runtime: its clock starts now */
  onDeliver?: (inv: Invocation) => void;
}

export interface RuntimeApi {
  /** host:port, the value of AWS_LAMBDA_RUNTIME_API */
  readonly address: string;
  readonly state: InvocationState;
  /** queues an invocation; a runtime parked on /next gets it at once */
  submit(inv: Invocation): void;
  /** forgets an invocation so late posts for it get 400 */
  abandon(id: string): void;
  /** stops listening and drops every connection; safe to call twice */
  close(): Promise<void>;
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(reply.status, ["Content-Type", "application/json", "Content-Length", String(Buffer.byteLength(reply.body))]);
  res.end(reply.body);
}

/** Reads a body, keeping at most `limit` bytes but counting all of them. */
function readBody(req: http.IncomingMessage, limit: number, done: (body: Buffer, bytes: number) => void): void {
  const chunks: Buffer[] = [];
  let kept = 0;
  let bytes = 0;
  req.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    if (kept < limit) {
      const part = kept + chunk.length > limit ? chunk.subarray(0, limit - kept) : chunk;
      chunks.push(part);
      kept += part.length;
    }
  });
  req.on("end", () => done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), bytes));
  req.on("error", () => undefined);
}

export async function startRuntimeApi(handlers: RuntimeApiHandlers): Promise<RuntimeApi> {
  const state = new InvocationState();
  let parked: http.ServerResponse | undefined;
  let closed = false;

  const deliver = (res: http.ServerResponse, inv: Invocation): void => {
    if (res.destroyed || res.writableEnded) {
      state.undeliver(inv);
      return;
    }
    res.writeHead(200, nextHeaders(inv));
    res.end(inv.payload);
    handlers.onDeliver?.(inv);
  };

  const complete = (result: { reply: Reply; completion?: Completion }, res: http.ServerResponse): void => {
    if (!result.completion) return send(res, result.reply);
    handlers.onCompletion(result.completion);
    // the caller waiting for this result is answered first: its answer is written once the
    // completion's promises settle, within this turn; the runtime's 202 goes out after that
    setImmediate(send, res, result.reply);
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const route = parseRoute(req.method, req.url);
    const errorType = (): string | undefined => {
      const h = req.headers["lambda-runtime-function-error-type"];
      return Array.isArray(h) ? h[0] : h;
    };
    switch (route.kind) {
      case "next": {
        req.resume();
        const result = state.next(Date.now());
        handlers.onNext?.();
        if ("deliver" in result) return deliver(res, result.deliver);
        if ("reply" in result) return send(res, result.reply);
        parked?.destroy();
        parked = res;
        res.on("close", () => {
          if (parked === res) {
            parked = undefined;
            state.cancelWait();
          }
        });
        return;
      }
      case "response":
        return readBody(req, MAX_RESPONSE_BYTES + 1, (body, bytes) => complete(state.response(route.id, body, bytes), res));
      case "error":
        return readBody(req, MAX_RESPONSE_BYTES, (body) => complete(state.error(route.id, body, errorType()), res));
      case "init-error":
        return readBody(req, MAX_RESPONSE_BYTES, (body) => complete(state.initError(body, errorType()), res));
      case "wrong-method":
        req.resume();
        res.setHeader("Allow", route.allowed);
        return send(res, { status: 405, body: JSON.stringify({ errorMessage: `Use ${route.allowed} for ${req.url}`, errorType: "MethodNotAllowed" }) });
      default:
        req.resume();
        return send(res, { status: 404, body: JSON.stringify({ errorMessage: `No such Runtime API route: ${req.method} ${req.url}`, errorType: "NotFound" }) });
    }
  };

  const server = http.createServer({ noDelay: true, requestTimeout: 0 }, (req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      send(res, { status: 500, body: JSON.stringify({ errorMessage: `lgw emulator error: ${(err as Error).message}`, errorType: "ServiceException" }) });
    }
  });
  // the runtime holds one connection for its whole life; idle gaps between invocations are normal
  server.keepAliveTimeout = 0;
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    state,
    submit(inv) {
      const { deliver: now } = state.enqueue(inv, Date.now());
      if (!now) return;
      const res = parked;
      parked = undefined;
      if (res) deliver(res, now);
      else state.undeliver(now);
    },
    abandon(id) {
      state.abandon(id);
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      parked = undefined;
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
