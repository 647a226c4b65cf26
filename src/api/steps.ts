// Runs a sync plan's steps in order and stops cleanly on Ctrl-C: no new step starts once the
// command's signal has fired, the one in flight is finished (its AWS calls carry no abort
// signal, so a method is never left without its integration), and what was done and what is
// left are handed back for the command to print.
import { ExitCode } from "../errors.js";
import { signalExitCode } from "../util/signals.js";

type Log = { step(message: string): void };

/** Thrown when a signal stopped a plan between two steps. */
export class SyncInterrupted extends ExitCode {
  constructor(
    readonly done: string[],
    readonly remaining: string[],
    exitCode: number,
  ) {
    super(exitCode);
    this.name = "SyncInterrupted";
  }
}

export async function runSteps<S>(steps: S[], describe: (step: S) => string, run: (step: S) => Promise<void>, log: Log, signal?: AbortSignal): Promise<number> {
  let current: string | undefined;
  const onAbort = () => {
    if (current) log.step(`interrupted: finishing "${current}", then stopping (press Ctrl-C again to stop at once)`);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (const [i, step] of steps.entries()) {
      if (signal?.aborted) {
        throw new SyncInterrupted(steps.slice(0, i).map(describe), steps.slice(i).map(describe), signalExitCode(signal.reason));
      }
      current = describe(step);
      log.step(`[${i + 1}/${steps.length}] ${current}`);
      await run(step);
    }
    current = undefined;
    return steps.length;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

/** What the command prints after an interrupted sync: the changes made, and those a rerun makes. */
export function interruptedReport(err: SyncInterrupted, apiId: string, command: string): string[] {
  const n = err.done.length;
  return [
    `interrupted: ${n} of ${n + err.remaining.length} change${n + err.remaining.length === 1 ? "" : "s"} made to ${apiId}${n ? ":" : ""}`,
    ...err.done.map((d) => `  ${d}`),
    `running \`${command}\` again makes the other ${err.remaining.length}:`,
    ...err.remaining.map((r) => `  ${r}`),
  ];
}
