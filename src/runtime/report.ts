// What Lambda writes around an invocation (START / END / REPORT) and the messages of the
// failures the platform itself reports. Pure, so the exact text is pinned by tests.
import { MAX_RESPONSE_BYTES } from "./invocations.js";

export interface ReportFigures {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memoryMB: number;
  maxMemoryUsedMB?: number;
  /** only on the invocation that started the process */
  initDurationMs?: number;
  /** "timeout" or "error" when the platform ended the invocation */
  status?: "timeout" | "error";
  errorType?: string;
}

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export function reportLine(f: ReportFigures): string {
  const parts = [
    `REPORT RequestId: ${f.requestId}`,
    `Duration: ${f.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${f.billedDurationMs} ms`,
    `Memory Size: ${f.memoryMB} MB`,
  ];
  if (f.maxMemoryUsedMB !== undefined) parts.push(`Max Memory Used: ${f.maxMemoryUsedMB} MB`);
  if (f.initDurationMs !== undefined) parts.push(`Init Duration: ${f.initDurationMs.toFixed(2)} ms`);
  if (f.status) parts.push(`Status: ${f.status}`);
  if (f.status === "error" && f.errorType) parts.push(`Error Type: ${f.errorType}`);
  return parts.join("\t");
}

/**
 * Whole milliseconds, rounded up. On OS-only runtimes (provided.al2023) Lambda bills the init
 * phase too, so a cold invocation's billed duration includes it.
 */
export function billedDuration(durationMs: number, initDurationMs = 0): number {
  return Math.max(1, Math.ceil(durationMs + initDurationMs));
}

/** VmHWM from /proc/<pid>/status, in MB (rounded up), or undefined when the text has none. */
export function maxMemoryFromProcStatus(status: string): number | undefined {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  return m ? Math.ceil(Number(m[1]) / 1024) : undefined;
}

export function timeoutMessage(requestId: string, timeoutMs: number): string {
  return `RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
}

// Go's os/exec spelling of a signal (syscall.Signal.String), which is what Lambda's message uses.
const SIGNAL_TEXT: Record<string, string> = {
  SIGKILL: "killed",
  SIGTERM: "terminated",
  SIGINT: "interrupt",
  SIGSEGV: "segmentation fault",
  SIGABRT: "aborted",
  SIGBUS: "bus error",
  SIGILL: "illegal instruction",
  SIGFPE: "floating point exception",
  SIGHUP: "hangup",
  SIGQUIT: "quit",
  SIGPIPE: "broken pipe",
  SIGTRAP: "trace/breakpoint trap",
  SIGSYS: "bad system call",
  SIGUSR1: "user defined signal 1",
  SIGUSR2: "user defined signal 2",
};

/** "exit status 1" or "signal: killed", as Go's exec.ExitError prints them. */
export function exitDescription(code: number | null, signal: NodeJS.Signals | string | null): string {
  if (signal) return `signal: ${SIGNAL_TEXT[signal] ?? signal}`;
  return `exit status ${code ?? 0}`;
}

export function exitMessage(requestId: string, code: number | null, signal: NodeJS.Signals | string | null): string {
  return `RequestId: ${requestId} Error: Runtime exited with error: ${exitDescription(code, signal)}`;
}

export const RESPONSE_TOO_LARGE_MESSAGE = `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`;
