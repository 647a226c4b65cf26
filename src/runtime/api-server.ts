// Edge: the Runtime API (2018-06-01) on 127.0.0.1, one server per bootstrap process. It reads
// HTTP/1.1 itself (wire.ts says why) and translates requests into InvocationState calls and
// their replies back into bytes. It never throws at a client: bad input gets the JSON error AWS
// would send, and a bug gets a 500.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { MAX_RESPONSE_BYTES, InvocationState, type Completion, type Invocation, type Reply } from "./invocations.js";
import { nextHeaders, parseRoute } from "./protocol.js";
import { RequestReader, replyHead, type WireItem, type WireRequest } from "./wire.js";

export interface RuntimeApiHandlers {
  /** an invocation finished (response, error, too large) or init failed */
  onCompletion: (c: Completion) => void;
  /** the runtime asked for an event; the first call marks the end of its init */
  onNext?: () => void;
  /** an invocation was written to the runtime: its clock starts now */
  onDeliver?: (inv: Invocation) => void;
  /**
   * Whether other requests wait for this runtime: then its 202 goes out before the caller is
   * answered, so the runtime asks for the next event while lgw writes the answer (throughput);
   * otherwise the caller is answered first (latency). Default: answer first.
   */
  othersWaiting?: () => boolean;
}

export interface RuntimeApi {
  /** host:port, the value of AWS_LAMBDA_RUNTIME_API */
  readonly address: string;
  /** queues an invocation; a runtime parked on /next gets it at once */
  submit(inv: Invocation): void;
  /** forgets an invocation so late posts for it get 400 */
  abandon(id: string): void;
  /** stops listening and drops every connection; safe to call twice */
  close(): Promise<void>;
}

const JSON_TYPE = ["Content-Type", "application/json"];
const CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";

/** One runtime connection: its reader, and the requests read while an earlier one waits. */
class Conn {
  readonly reader = new RequestReader(MAX_RESPONSE_BYTES + 1, () => this.socket.write(CONTINUE));
  /** a request of this connection is waiting for its reply (a parked /next) */
  waiting = false;
  /** the request being answered asked to close afterwards */
  closeAfter = false;
  /** the request being handled has had its reply: nothing more may be written for it */
  replied = false;
  readonly backlog: WireItem[] = [];
  constructor(readonly socket: net.Socket) {}

  send(status: number, body: string | Buffer, headers: readonly string[] = JSON_TYPE): void {
    if (this.socket.destroyed || this.replied) return;
    this.replied = true;
    const bytes = typeof body === "string" ? Buffer.byteLength(body) : body.length;
    const head = replyHead(status, headers, bytes, this.closeAfter);
    if (typeof body === "string") this.socket.write(head + body);
    else {
      // one writev for head and payload
      this.socket.cork();
      this.socket.write(head, "latin1");
      this.socket.write(body);
      this.socket.uncork();
    }
    if (this.closeAfter) this.socket.end();
  }

  reply(reply: Reply): void {
    this.send(reply.status, reply.body);
  }
}

const errorBody = (errorMessage: string, errorType: string): string => JSON.stringify({ errorMessage, errorType });

export async function startRuntimeApi(handlers: RuntimeApiHandlers): Promise<RuntimeApi> {
  const state = new InvocationState();
  const conns = new Set<Conn>();
  let parked: Conn | undefined;
  let closed = false;

  const deliver = (conn: Conn, inv: Invocation): void => {
    if (conn.socket.destroyed) {
      state.undeliver(inv);
      return;
    }
    conn.send(200, inv.payload, nextHeaders(inv));
    handlers.onDeliver?.(inv);
  };

  /** The reply to this request has gone out: read what came after it. */
  const done = (conn: Conn): void => {
    conn.waiting = false;
    while (!conn.waiting && conn.backlog.length > 0) handle(conn, conn.backlog.shift()!);
  };

  const complete = (conn: Conn, result: { reply: Reply; completion?: Completion }): void => {
    if (!result.completion) return conn.reply(result.reply);
    if (handlers.othersWaiting?.()) {
      conn.reply(result.reply);
      return handlers.onCompletion(result.completion);
    }
    handlers.onCompletion(result.completion);
    // the caller waiting for this result is answered first: its answer is written once the
    // completion's promises settle, within this turn; the runtime's 202 goes out after that
    conn.waiting = true;
    setImmediate(() => {
      conn.reply(result.reply);
      done(conn);
    });
  };

  const route = (conn: Conn, req: WireRequest): void => {
    const r = parseRoute(req.method, req.target);
    switch (r.kind) {
      case "next": {
        const result = state.next(Date.now());
        handlers.onNext?.();
        if ("deliver" in result) return deliver(conn, result.deliver);
        if ("reply" in result) return conn.reply(result.reply);
        if (parked && parked !== conn) parked.socket.destroy();
        parked = conn;
        conn.waiting = true;
        return;
      }
      case "response":
        return complete(conn, state.response(r.id, req.body, req.bytes));
      case "error":
        return complete(conn, state.error(r.id, req.body.subarray(0, MAX_RESPONSE_BYTES), req.headers["lambda-runtime-function-error-type"]));
      case "init-error":
        return complete(conn, state.initError(req.body.subarray(0, MAX_RESPONSE_BYTES), req.headers["lambda-runtime-function-error-type"]));
      case "wrong-method":
        return conn.send(405, errorBody(`Use ${r.allowed} for ${req.target}`, "MethodNotAllowed"), ["Allow", r.allowed, ...JSON_TYPE]);
      default:
        return conn.send(404, errorBody(`No such Runtime API route: ${req.method} ${req.target}`, "NotFound"));
    }
  };

  const handle = (conn: Conn, item: WireItem): void => {
    if (conn.waiting) {
      conn.backlog.push(item);
      return;
    }
    if ("error" in item) {
      conn.closeAfter = true;
      conn.replied = false;
      return conn.send(item.error.status, errorBody(item.error.message, "InvalidRequest"));
    }
    conn.closeAfter = item.close;
    conn.replied = false;
    try {
      route(conn, item);
    } catch (err) {
      conn.send(500, errorBody(`lgw emulator error: ${(err as Error).message}`, "ServiceException"));
    }
  };

  const server = net.createServer({ noDelay: true }, (socket) => {
    const conn = new Conn(socket);
    conns.add(conn);
    socket.on("data", (chunk: Buffer) => {
      for (const item of conn.reader.feed(chunk)) handle(conn, item);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      conns.delete(conn);
      if (parked === conn) {
        parked = undefined;
        state.cancelWait();
      }
    });
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
    submit(inv) {
      const { deliver: now } = state.enqueue(inv, Date.now());
      if (!now) return;
      const conn = parked;
      parked = undefined;
      if (!conn) return state.undeliver(now);
      deliver(conn, now);
      done(conn);
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
        for (const c of conns) c.socket.destroy();
      });
    },
  };
}
