// The one place that writes to the terminal. Everything else asks the logger.
// Rules: with --json, stdout carries only the final JSON result; human messages go to stderr.
// Colour follows chalk's detection (NO_COLOR, FORCE_COLOR, --no-color, TTY).
import { Chalk, type ChalkInstance } from "chalk";

export interface LoggerOptions {
  json?: boolean;
  verbose?: boolean;
  color?: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** the clock later() reads, in ms (performance.now; a test's own) */
  now?: () => number;
}

/** Loggers holding batched text: it is written before the process exits, whatever the exit. */
const holding = new Set<Logger>();
let exitHook = false;

/**
 * How long later()'s text may wait, at most, to share one write with what comes after it, when
 * it comes within BUSY_GAP_MS of the last write. One event-loop turn is too short under load:
 * lgw serve then finishes about one request per turn, so its access log cost a write per
 * request; a few milliseconds make it one write for dozens. Text after a quiet spell still goes
 * out at the end of its turn, so someone (or a script) reading the log after a request sees it.
 */
export const LATER_MS = 10;
const BUSY_GAP_MS = 1;
/** Batched text past this many characters is written at once. */
const LATER_MAX_CHARS = 64 * 1024;

export class Logger {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly c: ChalkInstance;
  private readonly stdout: NodeJS.WritableStream;
  private readonly stderr: NodeJS.WritableStream;
  /** batched text, in order, and the stream each piece is for */
  private pending: { stream: NodeJS.WritableStream; text: string }[] = [];
  private pendingChars = 0;
  private timer?: NodeJS.Timeout;
  private flushedAt = -Infinity;
  private readonly now: () => number;

  constructor(opts: LoggerOptions = {}) {
    this.json = opts.json ?? false;
    this.verbose = opts.verbose ?? false;
    this.stdout = opts.stdout ?? process.stdout;
    this.stderr = opts.stderr ?? process.stderr;
    this.now = opts.now ?? (() => performance.now());
    const noColor = opts.color === false || "NO_COLOR" in process.env;
    this.c = noColor ? new Chalk({ level: 0 }) : new Chalk();
  }

  /** Where human-readable messages go: stdout normally, stderr when stdout is reserved for JSON. */
  private get human(): NodeJS.WritableStream {
    return this.json ? this.stderr : this.stdout;
  }

  info(message: string): void {
    this.write(this.human, message + "\n");
  }

  success(message: string): void {
    this.write(this.human, this.c.green("✔ ") + message + "\n");
  }

  /** A step of a longer operation (progress). */
  step(message: string): void {
    this.write(this.stderr, this.c.dim("› ") + message + "\n");
  }

  warn(message: string): void {
    this.write(this.stderr, this.c.yellow("warning: ") + message + "\n");
  }

  error(message: string): void {
    this.write(this.stderr, this.c.red("error: ") + message + "\n");
  }

  debug(message: string): void {
    if (this.verbose) this.write(this.stderr, this.c.gray("debug: " + message) + "\n");
  }

  /**
   * Like info() (human: true) or err(), but written at the end of this event-loop turn, or
   * within LATER_MS while lines keep coming, together with whatever else was batched: under load
   * (lgw serve's access log and function output) one write for many lines. Anything written
   * directly flushes the batch first, so order is kept; so does exit.
   */
  later(text: string, human = false): void {
    if (this.pending.length === 0) {
      // unref: a batch waiting to be written never keeps the process alive (exit writes it)
      if (this.now() - this.flushedAt < BUSY_GAP_MS) this.timer = setTimeout(() => this.flush(), LATER_MS).unref();
      else setImmediate(() => this.flush());
      holding.add(this);
      if (!exitHook) {
        exitHook = true;
        process.once("exit", () => holding.forEach((l) => l.flush()));
      }
    }
    this.pending.push({ stream: human ? this.human : this.stderr, text });
    this.pendingChars += text.length;
    if (this.pendingChars > LATER_MAX_CHARS) this.flush();
  }

  /** Writes the batched text now. */
  flush(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    clearTimeout(this.timer);
    this.flushedAt = this.now();
    holding.delete(this);
    // consecutive pieces for one stream become one write
    let from = 0;
    for (let i = 1; i <= pending.length; i++) {
      if (i < pending.length && pending[i]!.stream === pending[from]!.stream) continue;
      const text = from + 1 === i ? pending[from]!.text : pending.slice(from, i).map((p) => p.text).join("");
      pending[from]!.stream.write(text);
      from = i;
    }
  }

  private write(stream: NodeJS.WritableStream, text: string | Uint8Array): void {
    if (this.pending.length) this.flush();
    stream.write(text);
  }

  /** The command's result: JSON on stdout with --json, otherwise the rendered text. */
  result(data: unknown, render?: () => string): void {
    if (this.json) {
      this.write(this.stdout, JSON.stringify(data, null, 2) + "\n");
    } else if (render) {
      const text = render();
      if (text) this.write(this.stdout, text.endsWith("\n") ? text : text + "\n");
    }
  }

  /** Raw bytes for stdout (e.g. a function's response). */
  out(text: string | Uint8Array): void {
    this.write(this.stdout, text);
  }

  /** Raw bytes for stderr (e.g. a function's own output). */
  err(text: string | Uint8Array): void {
    this.write(this.stderr, text);
  }

  get stdoutIsTTY(): boolean {
    return Boolean((this.stdout as NodeJS.WriteStream).isTTY);
  }

  get stderrIsTTY(): boolean {
    return Boolean((this.stderr as NodeJS.WriteStream).isTTY);
  }
}

/** Aligns rows of cells into a plain-text table. */
export function table(rows: string[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows;
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return all
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "))
    .join("\n");
}
