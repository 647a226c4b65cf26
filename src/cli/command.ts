// Commands are data: a spec (name, arguments, options, examples) registered statically, and a
// handler module loaded lazily only when that command runs.
import type { Logger } from "../ui/logger.js";

export type OptionKind = "boolean" | "string" | "int" | "number" | "list" | "repeat";

export interface OptionSpec {
  /** commander flags, e.g. "--arch <arch>" or "-f, --force" */
  flags: string;
  description: string;
  kind?: OptionKind;
  default?: string | boolean | number | readonly string[];
  choices?: readonly string[];
  /**
   * turns the flag's text into its value; a UsageError it throws is reported by commander as bad
   * usage (exit 2). Lets one spelling rule (e.g. normalizeArch's) serve every command.
   */
  parse?: (value: string) => unknown;
}

// ---- Typed options: a handler's `ctx.opts` type follows from its spec's option flags ----
// "-f, --follow" -> follow: boolean; "--since <time>" -> since: string; "--no-auth" -> auth: boolean;
// "--endpoint-url <url>" -> endpointUrl; kind int/number -> number, list/repeat -> string[]; a
// `parse` function's result type; an option with a default is always there.
type LongName<F extends string> = F extends `${string}--${infer Rest}` ? LongName<Rest> extends never ? Rest : LongName<Rest> : never;
type BareName<L extends string> = L extends `${infer N} ${string}` ? N : L;
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type OptionKey<F extends string> = F extends `${string}--no-${infer R}` ? Camel<BareName<R>> : Camel<BareName<LongName<F>>>;
type ArgOf<F extends string> = F extends `${string}<${string}>${string}` ? "required" : F extends `${string}[${string}]${string}` ? "optional" : "none";
type OptionValue<O extends OptionSpec> = O extends { parse: (value: string) => infer R }
  ? R
  : O extends { choices: readonly (infer C)[] }
    ? C
    : O["kind"] extends "int" | "number"
    ? number
    : O["kind"] extends "list" | "repeat"
      ? string[]
      : ArgOf<O["flags"]> extends "none"
        ? boolean
        : ArgOf<O["flags"]> extends "optional"
          ? string | true
          : string;

/** lgw's global options, present for every command. */
export interface GlobalOptions {
  cwd?: string;
  json?: boolean;
  verbose?: boolean;
  color?: boolean;
}

/**
 * The parsed options of a command, from its meta file's `options` (exported `as const satisfies
 * readonly OptionSpec[]`, apart from the spec so the handler's types do not loop through `load`).
 */
type Defaulted = { default: string | number | boolean | readonly string[] };
type KeysOf<Os extends readonly OptionSpec[]> = OptionKey<Os[number]["flags"]>;
/** every option spelling one key (--stage <name> and --no-stage) adds its value type */
type ValueFor<Os extends readonly OptionSpec[], K> = Os[number] extends infer O ? (O extends OptionSpec ? (OptionKey<O["flags"]> extends K ? OptionValue<O> : never) : never) : never;
type DefaultedKeys<Os extends readonly OptionSpec[]> = Os[number] extends infer O ? (O extends OptionSpec & Defaulted ? OptionKey<O["flags"]> : never) : never;

/**
 * The parsed options of a command, from its meta file's `options` (exported `as const satisfies
 * readonly OptionSpec[]`, apart from the spec so the handler's types do not loop through `load`).
 */
export type OptionsOf<Os extends readonly OptionSpec[]> = GlobalOptions & { [K in DefaultedKeys<Os>]: ValueFor<Os, K> } & {
  [K in Exclude<KeysOf<Os>, DefaultedKeys<Os>>]?: ValueFor<Os, K>;
};

export interface CommandContext<O = Record<string, unknown>> {
  /** positional arguments in declaration order (variadic ones as arrays) */
  args: unknown[];
  /** this command's options merged with the global ones */
  opts: O;
  /** the directory given by -C/--cwd, resolved, or process.cwd() */
  cwd: string;
  json: boolean;
  verbose: boolean;
  log: Logger;
  /** aborted on SIGINT/SIGTERM: long-running commands stop and clean up */
  signal: AbortSignal;
}

/** A handler returns an exit code (default 0). Its ctx.opts may be typed by OptionsOf<its spec>. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandHandler = (ctx: CommandContext<any>) => Promise<number | void>;

export interface CommandSpec {
  name: string;
  summary: string;
  description?: string;
  /** commander argument syntax: "<path>", "[dir]", "[files...]" */
  args?: { syntax: string; description: string }[];
  options?: readonly OptionSpec[];
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
