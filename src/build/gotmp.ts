// Go's scratch space (GOTMPDIR) for one build: <root>/.lgw/tmp/<pid>-<n>, removed when the
// build ends however it ends. go leaves its go-build* work folder behind when a signal stops it
// (19 MB measured for one function), so lgw removes it, and each build first sweeps what runs
// that are gone left (a lgw killed with SIGKILL cannot clean up after itself).
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pidAlive } from "../util/host.js";

export const GO_TMP_DIR = path.join(".lgw", "tmp");

const active = new Set<string>();
let counter = 0;

/** Pure: may this entry of .lgw/tmp go? Another live process's is left alone. */
export function sweepable(name: string, me: number, activeNames: ReadonlySet<string>, alive: (pid: number) => boolean): boolean {
  const m = /^(\d+)-\d+$/.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  return pid === me ? !activeNames.has(name) : !alive(pid);
}

/** Removes what finished or dead runs left in <root>/.lgw/tmp. */
export function sweepGoTmp(root: string): void {
  const base = path.join(root, GO_TMP_DIR);
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  const mine = new Set([...active].map((d) => path.basename(d)));
  for (const name of names) if (sweepable(name, process.pid, mine, pidAlive)) rmSync(path.join(base, name), { recursive: true, force: true });
}

/** A fresh GOTMPDIR for one go run; release() removes it and everything go left in it. */
export function takeGoTmp(root: string): { dir: string; release: () => void } {
  sweepGoTmp(root);
  const dir = path.join(root, GO_TMP_DIR, `${process.pid}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  active.add(dir);
  return {
    dir,
    release: () => {
      active.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Half-written binaries (.bootstrap.<pid>.tmp, see target.ts) of runs that are gone: an lgw
 * killed with SIGKILL leaves its go running, which may still write one after lgw's end.
 */
export function sweepTempBinaries(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^\.bootstrap\.(\d+)\.tmp$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1]))) rmSync(path.join(dir, name), { force: true });
  }
}
