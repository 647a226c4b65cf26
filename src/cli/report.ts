// The one error printer. A user error (LgwError, or a file-system errno lgw can explain) is one
// line plus its hint on stderr and its own exit code; anything else is a bug: a source-mapped
// stack and exit 1. With --json, stdout also gets {"error": {"message", "code", "hint"}}.
import { ExitCode, LgwError } from "../errors.js";
import { errnoToUserError } from "../errno.js";
import type { Logger } from "../ui/logger.js";
import { sourceMappedStack } from "./stack.js";

export interface ErrorJson {
  error: { message: string; code: string; hint: string | null };
}

const BUG_HINT = "this is a bug in lgw: please report it with the stack printed on stderr";

/** What --json prints for a failure: the same message and hint as stderr, and a stable code. */
export function errorJson(err: unknown): ErrorJson {
  const user = err instanceof LgwError ? err : errnoToUserError(err);
  if (user) return { error: { message: user.message, code: user.code, hint: user.hint ?? null } };
  return { error: { message: `internal error: ${(err as Error)?.message ?? String(err)}`, code: "INTERNAL", hint: BUG_HINT } };
}

/** Prints `err` for the user and returns the exit code. */
export function reportError(err: unknown, log: Logger): number {
  if (err instanceof ExitCode) return err.exitCode;
  if (log.json) log.result(errorJson(err));
  const user = err instanceof LgwError ? err : errnoToUserError(err);
  if (user) {
    if (user.detail) log.err(user.detail.endsWith("\n") ? user.detail : user.detail + "\n");
    log.error(user.message);
    if (user.hint) log.err(log.c.dim(user.hint) + "\n");
    if (log.verbose && user.cause) log.debug(sourceMappedStack(String((user.cause as Error).stack ?? user.cause)));
    return user.exitCode;
  }
  const e = err as Error;
  log.error(`internal error (this is a bug in lgw, please report it): ${e?.message ?? String(err)}`);
  log.err(sourceMappedStack(e?.stack ?? String(err)) + "\n");
  return 1;
}
