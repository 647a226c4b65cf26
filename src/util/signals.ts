// The exit code a signal ends lgw with, as a shell reports it (128 + the signal's number), and the
// same for every command: 130 for SIGINT (Ctrl-C), 143 for SIGTERM, 129 for SIGHUP.
const NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** `reason` is what an AbortSignal was aborted with (main.ts aborts with the signal's name). */
export function signalExitCode(reason: unknown): number {
  return 128 + (typeof reason === "string" ? NUMBERS[reason] ?? 2 : 2);
}
