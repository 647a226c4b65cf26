// The gateway's contract with what runs it (local/serve.ts) and what it calls (the function
// host, integrations): its options, what an invocation came to, and the server handle.
import type { EventFormat } from "../config/types.js";
import type { Route } from "../routes/table.js";
import type { Logger } from "../ui/logger.js";
import type { HostPolicy } from "./front-door.js";
import type { Guard } from "./guard.js";
import type { Integrate } from "./integrations.js";
import type { EventOptions } from "./request.js";

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

