// A project-local lock for the commands that change AWS (deploy, api sync, create*, cors): two
// runs at once against one project interleave their reads and writes (two syncs on a fresh API
// made every path twice). The lock is .lgw/lock, created exclusively and holding the owner's
// pid, process start time, host and command; a lock whose process is gone is taken over. A
// second run waits a little for the first, then refuses with one line naming it.
// (Created by link(2), which is atomic like O_EXCL and also on NFS.)
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { ExitCode, LgwError } from "../errors.js";
import { pidAlive } from "./host.js";
import { signalExitCode } from "./signals.js";

export const LOCK_FILE = path.join(".lgw", "lock");

export interface LockOwner {
  pid: number;
  /** the owner's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for it */
  start?: number;
  host: string;
  command: string;
  /** ISO time */
  since: string;
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot. */
export function processStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may hold spaces and parentheses: count from the last ")"
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const start = Number(fields[19]);
    return Number.isFinite(start) ? start : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Pure: is this owner's run over? Only a lock from this host can be judged (a pid means nothing
 * elsewhere); a live pid whose start time differs is another process that reused the pid.
 */
export function isStale(owner: LockOwner, here: { host: string; alive: (pid: number) => boolean; start: (pid: number) => number | undefined }): boolean {
  if (owner.host !== here.host) return false;
  if (!here.alive(owner.pid)) return true;
  if (owner.start === undefined) return false;
  const now = here.start(owner.pid);
  return now !== undefined && now !== owner.start;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as LockOwner;
    return typeof o.pid === "number" && typeof o.command === "string" ? o : undefined;
  } catch {
    return undefined;
  }
}

function readOwner(file: string): { text: string; owner?: LockOwner } | undefined {
  try {
    const text = readFileSync(file, "utf8");
    return { text, owner: parseOwner(text) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/**
 * Creates the lock with its content in one step: written to a file of our own, then hard-linked
 * to the lock's name, which fails if the name exists (O_EXCL's guarantee, and a reader never
 * sees a lock file still empty).
 */
function tryCreate(file: string, content: string): boolean {
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, content, { mode: 0o644 });
  try {
    linkSync(mine, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    unlinkSync(mine);
  }
}

/**
 * Removes a stale lock only if it is still the one judged stale: it is renamed aside first and
 * its content compared, so two runs taking over at once cannot remove each other's fresh lock.
 */
function removeStale(file: string, staleText: string): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if (readFileSync(aside, "utf8") !== staleText) {
    // someone's fresh lock: put it back (link fails if yet another run holds the name now)
    try {
      linkSync(aside, file);
    } catch {
      // that run holds the lock; this one goes on waiting
    }
  }
  unlinkSync(aside);
}

export interface HeldLock {
  release(): void;
}

const ago = (since: string, now: number) => {
  const s = Math.max(0, Math.round((now - Date.parse(since)) / 1000));
  return Number.isFinite(s) ? `${s} s ago` : "at an unknown time";
};

/**
 * Takes the lock in `root` (the project folder) for `command`, waiting up to waitMs for another
 * run to finish. Released by release() and, whatever happens, when this process exits.
 */
export async function acquireProjectLock(
  root: string,
  command: string,
  opts: { waitMs?: number; signal?: AbortSignal; onWait?: (message: string) => void } = {},
): Promise<HeldLock> {
  const file = path.join(root, LOCK_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  const me: LockOwner = { pid: process.pid, start: processStart(process.pid), host: hostname(), command, since: new Date().toISOString() };
  const content = JSON.stringify(me) + "\n";
  const here = { host: me.host, alive: pidAlive, start: processStart };
  const deadline = Date.now() + (opts.waitMs ?? 5000);
  let told = false;
  for (;;) {
    if (tryCreate(file, content)) break;
    const held = readOwner(file);
    if (held?.owner && isStale(held.owner, here)) {
      removeStale(file, held.text);
      continue;
    }
    if (opts.signal?.aborted) throw new ExitCode(signalExitCode(opts.signal.reason));
    const o = held?.owner;
    const who = o ? `\`lgw ${o.command}\` (pid ${o.pid}${o.host !== me.host ? ` on ${o.host}` : ""}, started ${ago(o.since, Date.now())})` : "another lgw";
    if (!told) opts.onWait?.(`waiting for ${who} to finish`);
    told = true;
    if (Date.now() >= deadline) {
      throw new LgwError(`${who} is changing AWS for this project (${path.relative(process.cwd(), file) || file} is held)`, {
        hint: "wait for it to finish and run this again; if no such run exists, remove that file",
      });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // only our own lock: a run that took over a lock it thought stale must not lose it to us
    if (readOwner(file)?.text === content) unlinkSync(file);
  };
  process.on("exit", release);
  return { release };
}

/** The folder a project lock lives in: lgw.json's, or cwd when it holds a go.mod; none elsewhere. */
export function lockRoot(cwd: string, configFile: string | undefined): string | undefined {
  if (configFile) return path.dirname(configFile);
  return existsSync(path.join(cwd, "go.mod")) ? cwd : undefined;
}
