// lgw exec: parse flags -> runExec (src/local/exec.ts) -> print the response or error.
import type { CommandContext, OptionsOf } from "../cli/command.js";
import type { options } from "./exec.meta.js";
import { UsageError } from "../errors.js";
import { parseDebugOption } from "../runtime/debug.js";
import type { InvokeOutcome } from "../runtime/instance.js";
import { runExec } from "../local/exec.js";
import type { Logger } from "../ui/logger.js";
import { readStreamBounded } from "../util/bounded-read.js";
import { parsedOrText, printFunctionError, printResponse } from "../ui/response.js";

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/**
 * Stdin up to `limit` + 1 bytes (a `yes |` is cut off there, not read to the end of memory);
 * on a terminal, first says how to end it (else `lgw exec -` just seems to hang).
 */
export async function readStdin(
  log: Logger,
  limit: number,
  signal?: AbortSignal,
  stdin: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<Buffer> {
  if (stdin.isTTY) log.step("reading the payload from the terminal: type or paste JSON, then press Ctrl-D on a new line");
  return (await readStreamBounded(stdin, limit, signal)).bytes;
}

const round2 = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms * 100) / 100);

type Opts = OptionsOf<typeof options>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const { opts, log } = ctx;
  const debug = opts.debug === undefined ? undefined : parseDebugOption(opts.debug, str(ctx.args[0]), true);
  if (debug && "problem" in debug) throw new UsageError(debug.problem);
  const { outcome, aborted } = await runExec({
    cwd: ctx.cwd,
    payloadArg: debug ? debug.payloadArg : str(ctx.args[0]),
    debugPort: debug?.port,
    awsCredentials: opts.awsCredentials,
    // the edge that reads the environment: the core gets it as a layer (config/settings.ts)
    lgwEnv: process.env,
    payloadInline: opts.payload,
    readStdin: (limit, signal) => readStdin(log, limit, signal),
    functionName: opts.function,
    bootstrap: opts.bootstrap,
    timeoutSeconds: opts.timeout,
    memoryMB: opts.memory,
    env: opts.env ?? [],
    event: opts.event,
    eventOptions: opts,
    log,
    signal: ctx.signal,
    onOutput: (line, _id, source) => log.err((source === "platform" ? log.c.dim(line) : line) + "\n"),
  });
  if (aborted) return 130;
  render(ctx, outcome);
  return outcome.kind === "success" ? 0 : 1;
}

/**
 * The error JSON as the runtime posted it, which is what Lambda's Invoke (and AWS's Runtime
 * Interface Emulator) answer with: its own keys in its own order (aws-lambda-go puts
 * errorMessage first). Undefined when lgw made the error (a timeout, an exit) or the runtime
 * posted something that is not a JSON object.
 */
function postedError(outcome: InvokeOutcome): Record<string, unknown> | undefined {
  if (outcome.kind !== "function-error" && outcome.kind !== "init-error") return undefined;
  try {
    const posted: unknown = JSON.parse(outcome.raw.toString("utf8"));
    return posted !== null && typeof posted === "object" && !Array.isArray(posted) ? (posted as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function render({ log }: CommandContext<Opts>, outcome: InvokeOutcome): void {
  const error = outcome.kind === "success" ? undefined : { errorType: outcome.error.errorType, errorMessage: outcome.error.errorMessage, ...(outcome.error.stackTrace !== undefined ? { stackTrace: outcome.error.stackTrace } : {}) };
  if (log.json) {
    log.result({
      requestId: outcome.requestId,
      status: error ? "error" : "success",
      ...(outcome.kind === "success" ? { response: parsedOrText(outcome.body) } : { error }),
      // a crash: what the process wrote last to stderr (the lines above END on a terminal)
      ...(outcome.kind === "exit" ? { exitCode: outcome.exitCode, signal: outcome.signal, stderrTail: outcome.stderrTail === "" ? [] : outcome.stderrTail.split("\n") } : {}),
      durationMs: round2(outcome.durationMs),
      billedDurationMs: outcome.billedDurationMs,
      initDurationMs: round2(outcome.initDurationMs),
      maxMemoryUsedMB: outcome.maxMemoryUsedMB,
    });
    return;
  }
  if (error) return printFunctionError(log, postedError(outcome) ?? error);
  printResponse(log, outcome.kind === "success" ? outcome.body : Buffer.alloc(0));
}
