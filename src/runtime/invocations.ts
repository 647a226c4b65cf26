// The Runtime API's state, as a pure state machine: invocations wait in a queue, /next hands
// one to the runtime (or parks the runtime until one exists), and a response or error for the
// invocation in flight completes it. The HTTP server (api-server.ts) only translates requests
// into these calls and the returned replies back into HTTP; time comes in as an argument.

/** Largest response a runtime may post (CONTRACTS.md §1). */
export const MAX_RESPONSE_BYTES = 6291556;
/** Largest synchronous request payload (observed). */
export const MAX_INVOKE_PAYLOAD_BYTES = 6291456;

export interface Invocation {
  id: string;
  payload: Buffer;
  timeoutMs: number;
  functionArn: string;
  traceId: string;
  /** JSON text, sent as Lambda-Runtime-Client-Context when present */
  clientContext?: string;
  /** JSON text, sent as Lambda-Runtime-Cognito-Identity when present */
  cognitoIdentity?: string;
  /** epoch ms; set when the invocation is handed to the runtime */
  deadlineMs?: number;
}

export interface Reply {
  status: number;
  /** JSON text */
  body: string;
}

export type Completion =
  | { kind: "response"; id: string; body: Buffer }
  | { kind: "error"; id: string; body: Buffer; errorTypeHeader?: string }
  | { kind: "too-large"; id: string; bytes: number }
  /** id: the invocation that was waiting for init, if any */
  | { kind: "init-error"; id?: string; body: Buffer; errorTypeHeader?: string };

export type NextResult = { deliver: Invocation } | { wait: true } | { reply: Reply };

const ACCEPTED: Reply = { status: 202, body: '{"status":"OK"}' };

export const TOO_LARGE_REPLY: Reply = {
  status: 413,
  body: JSON.stringify({
    errorMessage: `Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
    errorType: "RequestEntityTooLarge",
  }),
};

function invalidId(id: string): Reply {
  return { status: 400, body: JSON.stringify({ errorMessage: `Invalid request ID: "${id}"`, errorType: "InvalidRequestID" }) };
}

const DEAD_REPLY: Reply = {
  status: 500,
  body: JSON.stringify({ errorMessage: "The runtime reported an init error; this environment is shutting down", errorType: "Runtime.ExitError" }),
};

export class InvocationState {
  private readonly pending: Invocation[] = [];
  private current?: Invocation;
  private waiting = false;
  private dead = false;
  private nextCalls = 0;

  /** The invocation the runtime is working on. */
  get inFlight(): Invocation | undefined {
    return this.current;
  }

  /** How many times the runtime has asked for an event (the first one ends init). */
  get nextCount(): number {
    return this.nextCalls;
  }

  /** Adds an invocation; when the runtime is parked on /next it gets it at once. */
  enqueue(inv: Invocation, nowMs: number): { deliver?: Invocation } {
    this.pending.push(inv);
    if (this.waiting && !this.current) {
      this.waiting = false;
      return { deliver: this.take(nowMs)! };
    }
    return {};
  }

  /** GET /next. */
  next(nowMs: number): NextResult {
    this.nextCalls++;
    if (this.dead) return { reply: DEAD_REPLY };
    // A runtime asking again without answering leaves its invocation in flight: it will time
    // out, as it would on Lambda.
    const inv = this.current ? undefined : this.take(nowMs);
    if (inv) return { deliver: inv };
    this.waiting = true;
    return { wait: true };
  }

  /** The parked /next went away (its connection closed) before an event came. */
  cancelWait(): void {
    this.waiting = false;
  }

  /**
   * A delivered invocation could not be written to the runtime (its connection had closed):
   * put it back at the head of the queue for the runtime's next /next.
   */
  undeliver(inv: Invocation): void {
    if (this.current?.id !== inv.id) return;
    this.current = undefined;
    this.pending.unshift(inv);
  }

  /** POST /invocation/{id}/response; bytes is the full body size even if body was cut short. */
  response(id: string, body: Buffer, bytes: number): { reply: Reply; completion?: Completion } {
    if (this.current?.id !== id) return { reply: invalidId(id) };
    this.current = undefined;
    if (bytes > MAX_RESPONSE_BYTES) return { reply: TOO_LARGE_REPLY, completion: { kind: "too-large", id, bytes } };
    return { reply: ACCEPTED, completion: { kind: "response", id, body } };
  }

  /** POST /invocation/{id}/error. */
  error(id: string, body: Buffer, errorTypeHeader?: string): { reply: Reply; completion?: Completion } {
    if (this.current?.id !== id) return { reply: invalidId(id) };
    this.current = undefined;
    return { reply: ACCEPTED, completion: { kind: "error", id, body, errorTypeHeader } };
  }

  /** POST /init/error: the environment is dead; whatever was waiting fails with this error. */
  initError(body: Buffer, errorTypeHeader?: string): { reply: Reply; completion: Completion } {
    this.dead = true;
    const victim = this.current ?? this.pending[0];
    this.current = undefined;
    this.pending.length = 0;
    return { reply: ACCEPTED, completion: { kind: "init-error", id: victim?.id, body, errorTypeHeader } };
  }

  /** Forgets an invocation (timed out, or its caller gave up): later posts for it get 400. */
  abandon(id: string): void {
    if (this.current?.id === id) this.current = undefined;
    const at = this.pending.findIndex((p) => p.id === id);
    if (at !== -1) this.pending.splice(at, 1);
  }

  private take(nowMs: number): Invocation | undefined {
    const queued = this.pending.shift();
    if (!queued) return undefined;
    this.current = { ...queued, deadlineMs: nowMs + queued.timeoutMs };
    return this.current;
  }
}
