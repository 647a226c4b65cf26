// A minimal client of Delve's headless JSON-RPC API (API version 2), enough for tests to act as
// a debugger would: set a breakpoint, continue, read variables. Delve speaks Go's net/rpc JSON
// codec over TCP: one JSON object per request ({method, params: [arg], id}), one per answer
// ({id, result, error}), each answer ending in a newline.
import net from "node:net";

export interface DelveState {
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

  async localVars(): Promise<DelveVariable[]> {
    return (await this.call<{ Variables: DelveVariable[] }>("ListLocalVars", { Scope: CURRENT_FRAME, Cfg: LOAD })).Variables;
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
