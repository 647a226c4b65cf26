// Every child process lgw starts is tracked here, so that none outlives lgw: on normal exit,
// on an error and on SIGINT/SIGTERM (main.ts turns signals into an orderly exit) the survivors
// are killed. Children started in their own process group are killed as a group, which also
// takes down what they spawned (go build's compiler and linker, for example).
// SIGKILL of lgw runs none of that, so a watchdog does it: a small shell, in a session of its
// own, that reads on a pipe which processes are live and kills them when the pipe reaches its end,
// which is when lgw is gone, however it went.
import { spawn, type ChildProcess } from "node:child_process";
import type { Writable } from "node:stream";

interface Tracked {
  child: ChildProcess;
  group: boolean;
}

const live = new Map<number, Tracked>();
/** pid -> killed as a group */
const others = new Map<number, boolean>();
let hooked = false;

// lines "add T" / "del T", T a pid or -pgid; at end of input every T still listed is killed
const WATCHDOG = `t=" "
while read -r op id; do
  case $op in
    add) t="$t$id " ;;
    del) case $t in *" $id "*) t="\${t%% $id *} \${t#* $id }" ;; esac ;;
  esac
done
for id in $t; do kill -9 $id 2>/dev/null; done`;

let watchdog: Writable | undefined | null;

/**
 * Starts the watchdog if it is not running yet. Call it before spawning a child that track()
 * will register: started only in track(), the watchdog's own spawn (about a millisecond) came
 * after the child's, and a SIGKILL of lgw in that window left the child running (1 run in 5 of
 * the SIGKILL test).
 */
export function startWatchdog(): void {
  if (watchdog === undefined) {
    watchdog = null;
    if (process.platform === "win32") return;
    try {
      const dog = spawn("/bin/sh", ["-c", WATCHDOG], { cwd: "/", stdio: ["pipe", "ignore", "ignore"], detached: true });
      dog.on("error", () => (watchdog = null));
      dog.unref();
      // neither the watchdog nor its pipe may keep lgw running
      (dog.stdin as Writable & { unref?: () => void }).unref?.();
      dog.stdin!.on("error", () => (watchdog = null));
      watchdog = dog.stdin!;
    } catch {
      return;
    }
  }
}

/** Tells the watchdog to kill `target` (a pid, -pgid for a group) if lgw dies. */
function watch(op: "add" | "del", target: number): void {
  startWatchdog();
  watchdog?.write(`${op} ${target}\n`);
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", () => killAllChildren());
}

export function track<T extends ChildProcess>(child: T, opts: { group?: boolean } = {}): T {
  if (child.pid === undefined) return child;
  const pid = child.pid;
  const group = opts.group ?? false;
  live.set(pid, { child, group });
  watch("add", group ? -pid : pid);
  child.once("exit", () => {
    live.delete(pid);
    watch("del", group ? -pid : pid);
  });
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
  const group = opts.group ?? false;
  others.set(pid, group);
  watch("add", group ? -pid : pid);
  hookExit();
  return () => {
    if (others.delete(pid)) watch("del", group ? -pid : pid);
  };
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
