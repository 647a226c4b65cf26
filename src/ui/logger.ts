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
}

export class Logger {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly c: ChalkInstance;
  private readonly stdout: NodeJS.WritableStream;
  private readonly stderr: NodeJS.WritableStream;

  constructor(opts: LoggerOptions = {}) {
    this.json = opts.json ?? false;
    this.verbose = opts.verbose ?? false;
    this.stdout = opts.stdout ?? process.stdout;
    this.stderr = opts.stderr ?? process.stderr;
    const noColor = opts.color === false || "NO_COLOR" in process.env;
    this.c = noColor ? new Chalk({ level: 0 }) : new Chalk();
  }

  /** Where human-readable messages go: stdout normally, stderr when stdout is reserved for JSON. */
  private get human(): NodeJS.WritableStream {
    return this.json ? this.stderr : this.stdout;
  }

  info(message: string): void {
    this.human.write(message + "\n");
  }

  success(message: string): void {
    this.human.write(this.c.green("✔ ") + message + "\n");
  }

  /** A step of a longer operation (progress). */
  step(message: string): void {
    this.stderr.write(this.c.dim("› ") + message + "\n");
  }

  warn(message: string): void {
    this.stderr.write(this.c.yellow("warning: ") + message + "\n");
  }

  error(message: string): void {
    this.stderr.write(this.c.red("error: ") + message + "\n");
  }

  debug(message: string): void {
    if (this.verbose) this.stderr.write(this.c.gray("debug: " + message) + "\n");
  }

  /** The command's result: JSON on stdout with --json, otherwise the rendered text. */
  result(data: unknown, render?: () => string): void {
    if (this.json) {
      this.stdout.write(JSON.stringify(data, null, 2) + "\n");
    } else if (render) {
      const text = render();
      if (text) this.stdout.write(text.endsWith("\n") ? text : text + "\n");
    }
  }

  /** Raw bytes for stdout (e.g. a function's response). */
  out(text: string | Uint8Array): void {
    this.stdout.write(text);
  }

  /** Raw bytes for stderr (e.g. a function's own output). */
  err(text: string | Uint8Array): void {
    this.stderr.write(text);
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
