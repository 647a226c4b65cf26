// The shapes an Instance takes and returns; lgw exec renders them and lgw serve maps them to HTTP.
import type { ChildProcess } from "node:child_process";
import type { FunctionErrorBody } from "./protocol.js";

export type { FunctionErrorBody } from "./protocol.js";

export type OutputSource = "stdout" | "stderr" | "platform";

export interface InstanceOptions {
  /** absolute path of the executable; it runs in its own directory */
  bootstrapPath: string;
  functionName: string;
  memoryMB: number;
  configRegion?: string;
  /** the function's environment from lgw.json */
  functionEnv?: Record<string, string>;
  /** --env values, which win over lgw.json */
  envOverrides?: Record<string, string>;
  /** lgw's environment (default process.env) */
  hostEnv?: Record<string, string | undefined>;
  /** other requests wait for this process (lgw serve's pool): its runtime is acknowledged first */
  othersWaiting?: () => boolean;
  /** every output line: the function's (stdout/stderr) and START/END/REPORT ("platform") */
  onOutput?: (line: string, requestId: string | undefined, source: OutputSource) => void;
  /**
   * false: nobody reads START/END/REPORT (lgw serve without --verbose), so they are not made
   * and memory is not sampled after each invocation (maxMemoryUsedMB is then the last sample)
   */
  platformLines?: boolean;
  /** the process ended, whatever the reason */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  initTimeoutMs?: number;
  /** runs the bootstrap under another program (Delve, for --debug) instead of directly */
  launcher?: Launcher;
}

/**
 * A program the Instance spawns in place of the bootstrap, which starts the bootstrap itself
 * (debugger.ts: `dlv exec`). The Instance still owns the spawned process; the launcher knows
 * what it started outside that process's group.
 */
export interface Launcher {
  command(bootstrapPath: string): { file: string; args: string[] };
  /** true for an output line of the launcher's own, which is not the function's output */
  claims(line: string, source: "stdout" | "stderr"): boolean;
  /** the launcher process is up; `onTarget` gets the bootstrap's pid once it is known */
  spawned(child: ChildProcess, onTarget: (pid: number) => void): void;
  /** asks the launcher to stop itself and the bootstrap (before the Instance kills its group) */
  stop(): Promise<void>;
  /** kills at once whatever the launcher started outside its own process group */
  kill(): void;
  /** how the bootstrap itself ended, when the launcher knows (the launcher's own exit says little) */
  targetExit(): { code: number } | undefined;
}

export interface InvokeOptions {
  timeoutMs: number;
  requestId?: string;
  /** JSON text for Lambda-Runtime-Client-Context */
  clientContext?: string;
  /** JSON text for Lambda-Runtime-Cognito-Identity */
  cognitoIdentity?: string;
  /** "Root=1-...": the trace root the caller (the gateway) put in the event; a new one when absent */
  traceRoot?: string;
}

export interface InvokeMetrics {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memoryMB: number;
  /** only on the instance's first invocation */
  initDurationMs?: number;
  maxMemoryUsedMB?: number;
}

export type InvokeOutcome =
  | (InvokeMetrics & { kind: "success"; body: Buffer })
  | (InvokeMetrics & { kind: "function-error"; error: FunctionErrorBody; raw: Buffer })
  | (InvokeMetrics & { kind: "timeout"; error: FunctionErrorBody })
  | (InvokeMetrics & { kind: "exit"; error: FunctionErrorBody; exitCode: number | null; signal: string | null; stderrTail: string })
  | (InvokeMetrics & { kind: "init-error"; error: FunctionErrorBody; raw: Buffer })
  | (InvokeMetrics & { kind: "too-large"; error: FunctionErrorBody; bytes: number })
  | (InvokeMetrics & { kind: "invalid-entrypoint"; error: FunctionErrorBody });

/** What ended an invocation, before the instance adds its figures. */
export type Failure = Exclude<InvokeOutcome, { kind: "success" }>;
export type Ending = { kind: "success"; body: Buffer } | DistributiveOmit<Failure, keyof InvokeMetrics>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
