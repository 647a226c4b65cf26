// Runs the CLI in-process (like wrangler's runWrangler) and captures what it prints.
import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
  return () => Buffer.concat(chunks).toString("utf8");
}

/** `runLgw(["build", "--json"], { cwd })` — cwd becomes -C; NO_COLOR output. */
export async function runLgw(args: string[], opts: { cwd?: string; signal?: AbortSignal } = {}): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const argv = [...(opts.cwd ? ["-C", opts.cwd] : []), "--no-color", ...args];
  const code = await runCli(argv, { stdout, stderr, signal: opts.signal });
  return { code, stdout: out(), stderr: err() };
}
