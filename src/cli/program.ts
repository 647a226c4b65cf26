// The CLI program: builds commander from a list of command specs, runs one command, and is the
// one place that turns errors into output and exit codes. main.ts binds it to the whole registry;
// exec-main.ts to `exec` alone, for the launcher's fast path (one CommonJS file, no chunks).
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import path from "node:path";
import { existsSync, statSync } from "node:fs";
import type { CommandContext, CommandSpec, OptionSpec } from "./command.js";
import { LgwError, UsageError } from "../errors.js";
import type { Logger } from "../ui/logger.js";
import { errorJson, reportError } from "./report.js";
import { killAllChildren } from "../util/children.js";
import { signalExitCode } from "../util/signals.js";

declare const __LGW_VERSION__: string | undefined;
export const VERSION: string = typeof __LGW_VERSION__ === "string" ? __LGW_VERSION__ : "0.0.0-dev";

export interface RunOptions {
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** abort to stop a long-running command (tests); the bin wires SIGINT/SIGTERM to it */
  signal?: AbortSignal;
}

const GLOBAL_EXAMPLES: [string, string][] = [
  ["lgw init hello --yes", "scaffold a Go Lambda project in ./hello"],
  ["lgw build --arch arm64", "cross-compile and zip bootstrap for arm64"],
  ["lgw exec events/get-hello.json", "run the function locally on a sample event"],
  ["lgw serve --watch", "local API Gateway with hot reload"],
  ["lgw deploy --create", "create the function (and its execution role) or update it"],
];

function parseInt10(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("expected a whole number");
  return n;
}

function parseNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError("expected a number");
  return n;
}

function buildOption(spec: OptionSpec): Option {
  const opt = new Option(spec.flags, spec.description);
  if (spec.choices) opt.choices(spec.choices);
  switch (spec.kind) {
    case "int":
      opt.argParser(parseInt10);
      break;
    case "number":
      opt.argParser(parseNumber);
      break;
    case "list":
      opt.argParser((v: string, prev: string[] | undefined) => [
        ...(prev ?? []),
        ...v.split(",").map((s) => s.trim()).filter(Boolean),
      ]);
      break;
    case "repeat":
      opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
      break;
    default:
      break;
  }
  if (spec.parse) {
    const parse = spec.parse;
    opt.argParser((v: string) => {
      try {
        return parse(v);
      } catch (err) {
        if (err instanceof LgwError) throw new InvalidArgumentError(err.message);
        throw err;
      }
    });
  }
  if (spec.default !== undefined) opt.default(spec.default);
  return opt;
}

function examplesText(examples: [string, string][]): string {
  const width = Math.max(...examples.map(([cmd]) => cmd.length));
  return "\nExamples:\n" + examples.map(([cmd, what]) => `  $ ${cmd.padEnd(width)}  # ${what}`).join("\n") + "\n";
}

interface Invocation {
  spec: CommandSpec;
  /** "api sync": the command's full name below lgw */
  name: string;
  args: unknown[];
  opts: Record<string, unknown>;
}

function addCommand(parent: Command, spec: CommandSpec, onRun: (inv: Invocation) => void): void {
  const cmd = parent.command(spec.name).summary(spec.summary).description(spec.description ?? spec.summary);
  for (const arg of spec.args ?? []) cmd.argument(arg.syntax, arg.description);
  for (const opt of spec.options ?? []) cmd.addOption(buildOption(opt));
  if (spec.examples?.length) cmd.addHelpText("after", examplesText(spec.examples));
  if (spec.subcommands) {
    for (const sub of spec.subcommands) addCommand(cmd, sub, onRun);
  }
  if (spec.load) {
    cmd.action((...all: unknown[]) => {
      const command = all[all.length - 1] as Command;
      const names: string[] = [];
      for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
      onRun({ spec, name: names.join(" "), args: all.slice(0, -2), opts: command.optsWithGlobals() });
    });
  }
}

export function createProgram(commands: readonly CommandSpec[], onRun: (inv: Invocation) => void, io: RunOptions = {}): Command {
  const program = new Command("lgw")
    .description("Build, run, serve and deploy Go AWS Lambda functions behind API Gateway.")
    .version(VERSION, "-V, --version", "print lgw's version")
    .option("-C, --cwd <dir>", "run as if lgw was started in <dir>")
    .option("--json", "print a machine-readable result on stdout (and nothing else there)")
    .option("-v, --verbose", "print more detail")
    .option("--no-color", "disable colours (NO_COLOR is honoured too)")
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .addHelpText("after", examplesText(GLOBAL_EXAMPLES))
    .exitOverride();
  program.configureOutput({
    writeOut: (s) => (io.stdout ?? process.stdout).write(s),
    writeErr: (s) => (io.stderr ?? process.stderr).write(s),
  });
  for (const spec of commands) addCommand(program, spec, onRun);
  // subcommands inherit output settings and exitOverride
  const walk = (c: Command): void => {
    for (const sub of c.commands) {
      sub.exitOverride();
      sub.configureOutput({
        writeOut: (s) => (io.stdout ?? process.stdout).write(s),
        writeErr: (s) => (io.stderr ?? process.stderr).write(s),
      });
      walk(sub);
    }
  };
  walk(program);
  return program;
}

function resolveCwd(dir: unknown): string {
  if (typeof dir !== "string") return process.cwd();
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new LgwError(`--cwd ${dir}: no such directory`, { exitCode: 2 });
  }
  return abs;
}

/**
 * How long after a first signal lgw waits for the command to stop on its own before it forces
 * the exit. Commands that change AWS finish the call in flight (a method is not left without its
 * integration), which can take longer than a local command's cleanup.
 */
let forceExitAfterMs = 3000;
const FORCE_EXIT_AWS_MS = 30_000;

/** --json among the global options (before a "--"), for failures that happen before parsing ends. */
function jsonRequested(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

// loaded only when a command runs or fails: --version and --help never pay for chalk
async function createLogger(opts: Record<string, unknown>, io: RunOptions): Promise<Logger> {
  const { Logger } = await import("../ui/logger.js");
  return new Logger({ json: Boolean(opts.json), verbose: Boolean(opts.verbose), color: opts.color !== false, stdout: io.stdout, stderr: io.stderr });
}

/** Runs the CLI in-process and returns the exit code. Never calls process.exit. */
export async function runCli(commands: readonly CommandSpec[], argv: string[], io: RunOptions = {}): Promise<number> {
  let invocation: Invocation | undefined;
  const program = createProgram(commands, (inv) => (invocation = inv), io);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return 0;
      // commander already printed its message on stderr; bad usage is exit 2
      if (jsonRequested(argv)) {
        const [first = "", ...more] = err.message.replace(/^error: /, "").split("\n");
        const usage = new UsageError(first, { hint: more.join(" ").trim() || "see lgw --help, or lgw <command> --help" });
        (await createLogger({ json: true }, io)).result(errorJson(usage));
      }
      return 2;
    }
    return reportError(err, await createLogger({ json: jsonRequested(argv) }, io));
  }
  if (!invocation) {
    // `lgw` alone or `lgw api` alone: show help
    const target = argv.length ? program.commands.find((c) => c.name() === argv[0]) ?? program : program;
    target.outputHelp();
    return argv.length ? 2 : 0;
  }
  const { spec, name, args, opts } = invocation;
  // the command's module loads while the logger does: one round of module loading, not two
  const loading = spec.load!();
  loading.catch(() => undefined);
  const log = await createLogger(opts, io);
  try {
    const ctx: CommandContext = {
      args,
      opts,
      cwd: resolveCwd(opts.cwd),
      json: Boolean(opts.json),
      verbose: Boolean(opts.verbose),
      log,
      signal: io.signal ?? new AbortController().signal,
    };
    const mod = await loading;
    forceExitAfterMs = spec.lock ? FORCE_EXIT_AWS_MS : 3000;
    const lock = spec.lock && !opts.dryRun ? await takeProjectLock(ctx, name) : undefined;
    try {
      const code = await mod.default(ctx);
      return typeof code === "number" ? code : 0;
    } finally {
      lock?.release();
    }
  } catch (err) {
    return reportError(err, log);
  }
}

async function takeProjectLock(ctx: CommandContext, name: string): Promise<{ release(): void } | undefined> {
  const [{ acquireProjectLock, lockRoot }, { findConfigFile }] = await Promise.all([import("../util/lock.js"), import("../config/load.js")]);
  const root = lockRoot(ctx.cwd, findConfigFile(ctx.cwd));
  if (!root) return undefined;
  const waitMs = Number(process.env.LGW_LOCK_WAIT ?? "") * 1000;
  return acquireProjectLock(root, name, { signal: ctx.signal, onWait: (m) => ctx.log.step(m), ...(waitMs >= 0 && Number.isFinite(waitMs) && process.env.LGW_LOCK_WAIT ? { waitMs } : {}) });
}

function crashExit(code: number): never {
  killAllChildren();
  process.exit(code);
}

/** The bin's entry: wires signals to an orderly shutdown and sets the exit code. */
export async function run(commands: readonly CommandSpec[], argv: string[]): Promise<void> {
  // `lgw ... | head` closes the pipe early: stop quietly instead of crashing on EPIPE
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE") throw err;
      killAllChildren();
      process.exit(process.exitCode ?? 0);
    });
  }
  // a throw outside the command's own promise (an event handler, a timer): still a bug report with
  // a source-mapped stack, and no child process left behind
  const onCrash = (err: unknown) => {
    void createLogger({ json: jsonRequested(argv) }, {}).then(
      (log) => crashExit(reportError(err, log)),
      () => crashExit(1),
    );
  };
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    controller.abort(sig);
    // a command that does not stop promptly (or a second Ctrl-C) ends lgw at once
    const force = () => {
      killAllChildren();
      process.exit(signalExitCode(sig));
    };
    if (signals > 1) force();
    else setTimeout(force, forceExitAfterMs).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
  const code = await runCli(commands, argv, { signal: controller.signal });
  killAllChildren();
  // a command stopped by a signal says "interrupted" with 130 (or 0); the signal decides the code,
  // so SIGTERM is 143 and SIGHUP 129 whichever command was running
  process.exitCode = controller.signal.aborted && (code === 0 || code === 130) ? signalExitCode(controller.signal.reason) : code;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  process.off("SIGHUP", onSignal);
}
