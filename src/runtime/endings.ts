// Pure: how an invocation ends, as Lambda reports it: from the runtime's answer (a response, an
// error, a response too large), from an environment that is gone (the bootstrap could not start,
// init failed, the process exited), and the END and REPORT lines that close it.
import type { Completion } from "./invocations.js";
import { parseErrorBody } from "./protocol.js";
import * as report from "./report.js";
import type { Ending, InvokeMetrics } from "./types.js";

const ERRNO_TEXT: Record<string, string> = { EACCES: "permission denied", ENOENT: "no such file or directory", ENOEXEC: "exec format error" };

/** The runtime's answer to one invocation (not an init error). */
export function completionEnding(c: Exclude<Completion, { kind: "init-error" }>): Ending {
  if (c.kind === "response") return { kind: "success", body: c.body };
  if (c.kind === "error") return { kind: "function-error", error: parseErrorBody(c.body, c.errorTypeHeader, "Unhandled"), raw: c.body };
  return { kind: "too-large", error: { errorType: "Function.ResponseSizeTooLarge", errorMessage: report.RESPONSE_TOO_LARGE_MESSAGE }, bytes: c.bytes };
}

export interface DeadEnvironment {
  id: string;
  bootstrapPath: string;
  spawnError?: NodeJS.ErrnoException;
  initFailure?: Extract<Completion, { kind: "init-error" }>;
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  stderrTail: string;
}

/** An invocation whose environment is gone: Runtime.InvalidEntrypoint, Runtime.InitError or Runtime.ExitError. */
export function deadEnding(d: DeadEnvironment): Ending {
  if (d.spawnError) {
    const why = ERRNO_TEXT[d.spawnError.code ?? ""] ?? d.spawnError.message;
    return { kind: "invalid-entrypoint", error: { errorType: "Runtime.InvalidEntrypoint", errorMessage: `RequestId: ${d.id} Error: fork/exec ${d.bootstrapPath}: ${why}` } };
  }
  if (d.initFailure) {
    const error = parseErrorBody(d.initFailure.body, d.initFailure.errorTypeHeader, "Runtime.InitError");
    return { kind: "init-error", error, raw: d.initFailure.body };
  }
  const code = d.exit?.code ?? null;
  const signal = d.exit?.signal ?? null;
  return { kind: "exit", error: { errorType: "Runtime.ExitError", errorMessage: report.exitMessage(d.id, code, signal) }, exitCode: code, signal, stderrTail: d.stderrTail };
}

/** The END and REPORT lines of an invocation (REPORT carries status and error type for platform errors). */
export function endReportLines(metrics: InvokeMetrics, ending: Ending): string[] {
  const platformError = ending.kind !== "success" && ending.kind !== "function-error";
  return [
    report.endLine(metrics.requestId),
    report.reportLine({
      ...metrics,
      status: ending.kind === "timeout" ? "timeout" : platformError ? "error" : undefined,
      errorType: platformError ? ending.error.errorType : undefined,
    }),
  ];
}
