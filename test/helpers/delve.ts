// A minimal client of Delve's headless JSON-RPC API (API version 2), enough for tests to act as
// a debugger would: set a breakpoint, continue, read variables. Delve speaks Go's net/rpc JSON
// codec over TCP: one JSON object per request ({method, params: [arg], id}), one per answer
// ({id, result, error}), each answer ending in a newline.
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { REPO_ROOT } from "./moto.js";

/** The Delve the tests use, pinned: test/global-setup.ts installs it here with `go install`. */
export const DLV_VERSION = "v1.27.2";
export const DLV_MODULE = "github.com/go-delve/delve/cmd/dlv";
export const DLV_TEST_GOBIN = path.join(REPO_ROOT, "node_modules", ".cache", `lgw-test-dlv-${DLV_VERSION}`);
export const DLV_TEST_BIN = path.join(DLV_TEST_GOBIN, "dlv");
/** Written by the global setup when the install was impossible: why the Delve tests skip. */
export const DLV_MISSING_REASON = path.join(DLV_TEST_GOBIN, "install-failed.txt");

/** undefined when the pinned dlv is there, else why not (for a skip that says so). */
export function delveUnavailable(): string | undefined {
  if (existsSync(DLV_TEST_BIN)) return undefined;
  const why = existsSync(DLV_MISSING_REASON) ? readFileSync(DLV_MISSING_REASON, "utf8").trim() : "the global setup did not run";
  return `dlv ${DLV_VERSION} could not be installed into ${DLV_TEST_GOBIN}: ${why}`;
}

export interface DelveState {
  /** the debugged program's pid */
  Pid: number;
  Running: boolean;
  exited: boolean;
  exitStatus: number;
  currentThread?: { file: string; line: number; function?: { name: string }; breakPoint?: { id: number } };
}

export interface DelveVariable {
  name: string;
  type: string;
  value: string;
  children: DelveVariable[];
}

/** How much of a value Delve loads: enough for the strings and structs of a test event. */
const LOAD = { FollowPointers: true, MaxVariableRecurse: 2, MaxStringLen: 4096, MaxArrayValues: 64, MaxStructFields: -1 };
const CURRENT_FRAME = { GoroutineID: -1, Frame: 0 };

export class DelveClient {
  private nextId = 1;
  private buffer = "";
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private closed?: Error;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.onData(chunk));
    const fail = (err: Error) => {
      this.closed ??= err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("the Delve connection closed")));
  }

  static connect(port: number, host = "127.0.0.1"): Promise<DelveClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host, () => {
        socket.off("error", reject);
        resolve(new DelveClient(socket));
      });
      socket.once("error", reject);
    });
  }

  call<T = unknown>(method: string, arg: unknown = {}): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.socket.write(JSON.stringify({ method: `RPCServer.${method}`, params: [arg], id }) + "\n");
    });
  }

  createBreakpoint(file: string, line: number): Promise<{ Breakpoint: { id: number; file: string; line: number } }> {
    return this.call("CreateBreakpoint", { Breakpoint: { file, line } });
  }

  /** Resumes the target; resolves when it stops again (a breakpoint, or its exit). */
  async continue(): Promise<DelveState> {
    return (await this.call<{ State: DelveState }>("Command", { name: "continue" })).State;
  }

  async eval(expr: string): Promise<DelveVariable> {
    return (await this.call<{ Variable: DelveVariable }>("Eval", { Scope: CURRENT_FRAME, Expr: expr, Cfg: LOAD })).Variable;
  }

  async functionArgs(): Promise<DelveVariable[]> {
    return (await this.call<{ Args: DelveVariable[] }>("ListFunctionArgs", { Scope: CURRENT_FRAME, Cfg: LOAD })).Args;
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf("\n"); nl !== -1; nl = this.buffer.indexOf("\n")) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (!line) continue;
      const answer = JSON.parse(line) as { id: number; result: unknown; error: string | null };
      const w = this.waiting.get(answer.id);
      if (!w) continue;
      this.waiting.delete(answer.id);
      if (answer.error) w.reject(new Error(`Delve: ${answer.error}`));
      else w.resolve(answer.result);
    }
  }
}
