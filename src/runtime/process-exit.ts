// Edge: when a spawned bootstrap (or the program Delve runs) is really gone.
import type { ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import type { InstanceOptions } from "./types.js";

export /**
 * Resolves once the process is gone: it could not be spawned, or it exited and its pipes are
 * drained ('close'), or 250 ms after its exit when a grandchild still holds them. Under a
 * debugger the exit that counts is the debugged program's (the launcher's), not dlv's.
 */
function exitOf(
  child: ChildProcess,
  launcher: InstanceOptions["launcher"],
  on: { spawnError(err: NodeJS.ErrnoException): void; exit(info: { code: number | null; signal: NodeJS.Signals | null; at: number }): void },
): Promise<void> {
  return new Promise((resolve) => {
    child.once("error", (err) => {
      if (child.pid === undefined) {
        on.spawnError(err);
        resolve();
      }
    });
    child.once("exit", (code, signal) => {
      const target = launcher?.targetExit();
      on.exit(target ? { code: target.code, signal: null, at: performance.now() } : { code, signal, at: performance.now() });
      const late = setTimeout(resolve, 250);
      child.once("close", () => {
        clearTimeout(late);
        resolve();
      });
    });
  });
}
