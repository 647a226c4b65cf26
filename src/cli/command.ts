// Commands are data: a spec (name, arguments, options, examples) registered statically, and a
// handler module loaded lazily only when that command runs.
import type { Logger } from "../ui/logger.js";

export type OptionKind = "boolean" | "string" | "int" | "number" | "list" | "repeat";

export interface OptionSpec {
  /** commander flags, e.g. "--arch <arch>" or "-f, --force" */
  flags: string;
  description: string;
  kind?: OptionKind;
  default?: string | boolean | number | string[];
  choices?: string[];
  /**
   * turns the flag's text into its value; a UsageError it throws is reported by commander as bad
   * usage (exit 2). Lets one spelling rule (e.g. normalizeArch's) serve every command.
   */
  parse?: (value: string) => unknown;
}

export interface CommandContext {
  /** positional arguments in declaration order (variadic ones as arrays) */
  args: unknown[];
  /** this command's options merged with the global ones */
  opts: Record<string, unknown>;
  /** the directory given by -C/--cwd, resolved, or process.cwd() */
  cwd: string;
  json: boolean;
  verbose: boolean;
  log: Logger;
  /** aborted on SIGINT/SIGTERM: long-running commands stop and clean up */
  signal: AbortSignal;
}

/** A handler returns an exit code (default 0). */
export type CommandHandler = (ctx: CommandContext) => Promise<number | void>;

export interface CommandSpec {
  name: string;
  summary: string;
  description?: string;
  /** commander argument syntax: "<path>", "[dir]", "[files...]" */
  args?: { syntax: string; description: string }[];
  options?: OptionSpec[];
  /** [command line, what it does] */
  examples?: [string, string][];
  /**
   * the command changes AWS: it runs holding the project's lock (.lgw/lock), so two runs at
   * once cannot interleave; not taken with --dry-run
   */
  lock?: boolean;
  /** lazily loads the handler module (default export) */
  load?: () => Promise<{ default: CommandHandler }>;
  subcommands?: CommandSpec[];
}

export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec;
}
