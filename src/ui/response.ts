// How a function's answer is shown: the same for `lgw exec` (local) and `lgw invoke` (deployed),
// so a script that reads one reads the other.
import type { Logger } from "./logger.js";

/** The response JSON parsed, or the text itself when it is not JSON. */
export function parsedOrText(body: Buffer): unknown {
  const text = body.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A successful response on stdout: pretty-printed on a terminal; otherwise the bytes as the
 * function returned them, plus a final newline only when they do not end with one (so the shell
 * prompt or the next command's output starts on its own line, and `| jq` still sees the same JSON).
 */
export function printResponse(log: Logger, body: Buffer): void {
  if (!log.stdoutIsTTY) {
    log.out(body);
    if (body.length > 0 && body[body.length - 1] !== 0x0a) log.out("\n");
    return;
  }
  const value = parsedOrText(body);
  const text = typeof value === "string" && body.toString("utf8") === value ? value : JSON.stringify(value, null, 2);
  log.out(text.endsWith("\n") ? text : text + "\n");
}

/** A function error on stdout: one line of JSON, pretty-printed on a terminal. */
export function printFunctionError(log: Logger, error: unknown): void {
  log.out((log.stdoutIsTTY ? JSON.stringify(error, null, 2) : JSON.stringify(error)) + "\n");
}

const PLATFORM_LINE = /^(START|END|REPORT|INIT_START|INIT_REPORT|EXTENSION|TELEMETRY) /;
const ERROR_LINE = /\b(ERROR|panic:|Task timed out|Runtime\.\w+|errorType|fatal error:)/;

/** Colours one line of a function's log: Lambda's own lines dim, errors red. */
export function colorLogLine(log: Logger, line: string): string {
  if (PLATFORM_LINE.test(line)) return log.c.dim(line);
  if (ERROR_LINE.test(line)) return log.c.red(line);
  return line;
}
