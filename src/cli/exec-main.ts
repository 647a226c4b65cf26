// The entry of dist/exec.cjs: the program with `exec` alone. bin/lgw.js loads it for
// `lgw exec ...` because a cached exec's cost is mostly starting node and loading code: one
// CommonJS file (no ESM graph of chunks to resolve and link), whose compiled code
// bin/compile-cache.cjs keeps between runs on every Node version. Its help, errors and
// exit codes are the full CLI's, as the same program builds them.
import exec from "../commands/exec.meta.js";
import { run as runProgram } from "./program.js";

export function run(argv: string[]): Promise<void> {
  return runProgram([exec], argv);
}
