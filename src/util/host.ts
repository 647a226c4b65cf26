// What the host says about a file or a process, asked the same way by every edge that needs it
// (finding go and dlv on PATH; telling a dead run's leftovers from a live one's).
import { accessSync, constants, statSync } from "node:fs";

/** A regular file this process may execute. */
export function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The pid names a running process (EPERM: one that is alive but not ours to signal). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
