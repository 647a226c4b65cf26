// Every child process lgw starts is tracked here, so that none outlives lgw: on normal exit,
// on an error and on SIGINT/SIGTERM (main.ts turns signals into an orderly exit) the survivors
// are killed. Children started in their own process group are killed as a group, which also
// takes down what they spawned (go build's compiler and linker, for example).
import type { ChildProcess } from "node:child_process";

interface Tracked {
  child: ChildProcess;
  group: boolean;
}

const live = new Map<number, Tracked>();
/** pid -> killed as a group */
const others = new Map<number, boolean>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", () => killAllChildren());
}

export function track<T extends ChildProcess>(child: T, opts: { group?: boolean } = {}): T {
  if (child.pid === undefined) return child;
  const pid = child.pid;
  live.set(pid, { child, group: opts.group ?? false });
  child.once("exit", () => live.delete(pid));
  hookExit();
  return child;
}

/** Kills one tracked child (and its group if it has one). Safe to call twice. */
export function killChild(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): void {
  const pid = child.pid;
  if (pid === undefined) return;
  const entry = live.get(pid);
  try {
    if (entry?.group) process.kill(-pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

/**
 * A process lgw did not spawn itself but started all the same (the program Delve runs for
 * `--debug`): killed with lgw's children, its group too when `group`. The caller untracks it
 * once it is gone, as no 'exit' event can tell.
 */
export function trackPid(pid: number, opts: { group?: boolean } = {}): () => void {
  others.set(pid, opts.group ?? false);
  hookExit();
  return () => void others.delete(pid);
}

export function killAllChildren(signal: NodeJS.Signals = "SIGKILL"): void {
  for (const { child } of [...live.values()]) killChild(child, signal);
  for (const [pid, group] of [...others]) {
    try {
      process.kill(group ? -pid : pid, signal);
    } catch {
      // already gone
    }
  }
}

export function liveChildCount(): number {
  return live.size + others.size;
}
