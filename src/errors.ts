// One error family for the whole of lgw, outside src/cli so cores throw these without depending
// on the CLI layer. The handler in src/cli prints an LgwError as one line (plus an optional hint
// line) and exits with its code; anything else is a bug and shows a stack.

/** Something went wrong that the user can act on. Exit 1 unless said otherwise. */
export class LgwError extends Error {
  readonly exitCode: number;
  readonly hint?: string;
  /** Extra detail printed before the message (e.g. a compiler's output). */
  readonly detail?: string;
  /**
   * A stable name for what failed, for `--json` readers (`{"error": {"code"}}`): an errno such
   * as ENOTDIR, or else BAD_INPUT (exit 2) / FAILED.
   */
  readonly code: string;
  constructor(message: string, opts: { exitCode?: number; hint?: string; detail?: string; cause?: unknown; code?: string } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "LgwError";
    this.exitCode = opts.exitCode ?? 1;
    this.hint = opts.hint;
    this.detail = opts.detail;
    this.code = opts.code ?? (this.exitCode === 2 ? "BAD_INPUT" : "FAILED");
  }
}

/** Bad usage or bad input: exit 2. */
export class UsageError extends LgwError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, { ...opts, exitCode: 2 });
    this.name = "UsageError";
  }
}

/** The command already reported what happened; just exit with this code. */
export class ExitCode extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = "ExitCode";
  }
}
