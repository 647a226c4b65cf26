// The CLI entry (dist/main.js): the program with every command of the registry.
import { registry } from "./registry.js";
import { run as runProgram, runCli as runProgramCli, type RunOptions } from "./program.js";

export { VERSION, type RunOptions } from "./program.js";

/** Runs the CLI in-process and returns the exit code. Never calls process.exit. */
export function runCli(argv: string[], io: RunOptions = {}): Promise<number> {
  return runProgramCli(registry, argv, io);
}

/** The bin's entry: wires signals to an orderly shutdown and sets the exit code. */
export function run(argv: string[]): Promise<void> {
  return runProgram(registry, argv);
}
