// Questions for the user, only when someone can answer them: with stdin not a TTY (CI, pipes,
// tests) every question takes its default at once. @inquirer/prompts is imported only when a
// question is really asked, so non-interactive runs never load it.
import { ExitCode } from "../errors.js";

export interface TextQuestion {
  message: string;
  default: string;
  /** returns a problem to show (the user answers again), or undefined when the answer is fine */
  validate?: (value: string) => string | undefined;
}

export interface SelectQuestion<T extends string> {
  message: string;
  choices: { value: T; name: string; description?: string }[];
  default: T;
}

/** What a core needs to ask questions; tests pass a scripted one. */
export interface Prompter {
  text(q: TextQuestion): Promise<string>;
  select<T extends string>(q: SelectQuestion<T>): Promise<T>;
}

export interface PromptOptions {
  /** ask only when true; defaults to "stdin is a TTY" */
  interactive?: boolean;
  /** where answers are read (default stdin) */
  input?: NodeJS.ReadableStream;
  /** where questions are drawn: stderr keeps stdout clean for --json */
  output?: NodeJS.WritableStream;
  /** aborts a pending question (SIGINT/SIGTERM) */
  signal?: AbortSignal;
}

export function stdinIsTTY(): boolean {
  return Boolean(process.stdin.isTTY);
}

/** A prompter that answers every question with its default. */
export const defaultsPrompter: Prompter = {
  text: async (q) => q.default,
  select: async (q) => q.default,
};

/** Ctrl-C at a question (inquirer's ExitPromptError) or an aborted one. */
export function isPromptCancel(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === "ExitPromptError" || name === "AbortPromptError";
}

/**
 * An interactive prompter, or the defaults one when nobody can answer. A cancelled question
 * throws ExitCode(130) so the command stops without a stack and without side effects.
 */
export function createPrompter(opts: PromptOptions = {}): Prompter {
  if (!(opts.interactive ?? stdinIsTTY())) return defaultsPrompter;
  const context = { input: opts.input, output: opts.output, signal: opts.signal };
  const cancellable = async <T>(ask: () => Promise<T>): Promise<T> => {
    try {
      return await ask();
    } catch (err) {
      if (isPromptCancel(err)) throw new ExitCode(130);
      throw err;
    }
  };
  return {
    text: (q) =>
      cancellable(async () => {
        const { input } = await import("@inquirer/prompts");
        const answer = await input(
          {
            message: q.message,
            default: q.default,
            validate: (value: string) => q.validate?.(value.trim()) ?? true,
          },
          context,
        );
        return answer.trim();
      }),
    select: <T extends string>(q: SelectQuestion<T>) =>
      cancellable(async () => {
        const { select } = await import("@inquirer/prompts");
        return select<T>({ message: q.message, choices: q.choices, default: q.default }, context);
      }),
  };
}
