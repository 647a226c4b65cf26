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

/** The server's side of every connection: the state machine's calls and their replies. */
class RuntimeApiServer implements RuntimeApi {
  readonly state = new InvocationState();
  readonly conns = new Set<Conn>();
  address = "";
  private parked?: Conn;
  private closed = false;
  readonly server: net.Server;

  constructor(private readonly handlers: RuntimeApiHandlers) {
    this.server = net.createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  submit(inv: Invocation): void {
    const { deliver: now } = this.state.enqueue(inv, Date.now());
    if (!now) return;
    const conn = this.parked;
    this.parked = undefined;
    if (!conn) return this.state.undeliver(now);
    this.deliver(conn, now);
    this.done(conn);
  }

  abandon(id: string): void {
    this.state.abandon(id);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.parked = undefined;
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const c of this.conns) c.socket.destroy();
    });
  }

  private accept(socket: net.Socket): void {
    const conn = new Conn(socket);
    this.conns.add(conn);
    socket.on("data", (chunk: Buffer) => {
      for (const item of conn.reader.feed(chunk)) this.handle(conn, item);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.conns.delete(conn);
      if (this.parked === conn) {
        this.parked = undefined;
        this.state.cancelWait();
      }
    });
  }

  private handle(conn: Conn, item: WireItem): void {
    if (conn.waiting) {
      conn.backlog.push(item);
      return;
    }
    conn.replied = false;
    if ("error" in item) {
      conn.closeAfter = true;
      return conn.send(item.error.status, errorBody(item.error.message, "InvalidRequest"));
    }
    conn.closeAfter = item.close;
    try {
      this.route(conn, item);
    } catch (err) {
      conn.send(500, errorBody(`lgw emulator error: ${(err as Error).message}`, "ServiceException"));
    }
  }

  private route(conn: Conn, req: WireRequest): void {
    const r = parseRoute(req.method, req.target);
    const errorType = req.headers["lambda-runtime-function-error-type"];
    switch (r.kind) {
      case "next":
        return this.next(conn);
      case "response":
        return this.complete(conn, this.state.response(r.id, req.body, req.bytes));
      case "error":
        return this.complete(conn, this.state.error(r.id, req.body.subarray(0, MAX_RESPONSE_BYTES), errorType));
      case "init-error":
        return this.complete(conn, this.state.initError(req.body.subarray(0, MAX_RESPONSE_BYTES), errorType));
      case "wrong-method":
        return conn.send(405, errorBody(`Use ${r.allowed} for ${req.target}`, "MethodNotAllowed"), ["Allow", r.allowed, ...JSON_TYPE]);
      default:
        return conn.send(404, errorBody(`No such Runtime API route: ${req.method} ${req.target}`, "NotFound"));
    }
  }

  /** GET /next: an event now, or the connection parked until one is submitted. */
  private next(conn: Conn): void {
    const result = this.state.next(Date.now());
    this.handlers.onNext?.();
    if ("deliver" in result) return this.deliver(conn, result.deliver);
    if ("reply" in result) return conn.reply(result.reply);
    if (this.parked && this.parked !== conn) this.parked.socket.destroy();
    this.parked = conn;
    conn.waiting = true;
  }

  private deliver(conn: Conn, inv: Invocation): void {
    if (conn.socket.destroyed) return this.state.undeliver(inv);
    conn.send(200, inv.payload, nextHeaders(inv));
    this.handlers.onDeliver?.(inv);
  }

  /** The reply to this connection's request has gone out: read what came after it. */
  private done(conn: Conn): void {
    conn.waiting = false;
    while (!conn.waiting && conn.backlog.length > 0) this.handle(conn, conn.backlog.shift()!);
  }

  private complete(conn: Conn, result: { reply: Reply; completion?: Completion }): void {
    if (!result.completion) return conn.reply(result.reply);
    if (this.handlers.othersWaiting?.()) {
      conn.reply(result.reply);
      return this.handlers.onCompletion(result.completion);
    }
    this.handlers.onCompletion(result.completion);
    // the caller waiting for this result is answered first: its answer is written once the
    // completion's promises settle, within this turn; the runtime's 202 goes out after that
    conn.waiting = true;
    setImmediate(() => {
      conn.reply(result.reply);
      this.done(conn);
    });
  }
}

export async function startRuntimeApi(handlers: RuntimeApiHandlers): Promise<RuntimeApi> {
  const api = new RuntimeApiServer(handlers);
  await new Promise<void>((resolve, reject) => {
    api.server.once("error", reject);
    api.server.listen(0, "127.0.0.1", () => {
      api.server.off("error", reject);
      resolve();
    });
  });
  api.address = `127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  return api;
}
