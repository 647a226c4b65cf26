// Checks where build output is to go before anything is created there. Node's recursive mkdir
// loops for ever where mkdir(2) answers ENOENT under an existing parent (/proc/self, measured at
// 100% CPU), so the nearest existing ancestor is judged first: a folder, writable, and on a real
// file system rather than /proc, /sys or /dev.
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { LgwError } from "../errors.js";

const KERNEL_FILE_SYSTEMS = ["/proc", "/sys", "/dev"];

export interface AncestorProbe {
  exists(p: string): boolean;
  isDirectory(p: string): boolean;
  realpath(p: string): string;
  writable(p: string): boolean;
}

const disk: AncestorProbe = {
  exists: (p) => {
    try {
      statSync(p);
      return true;
    } catch (err) {
      // a file in the way (ENOTDIR) is something that exists, for the caller to name
      return (err as NodeJS.ErrnoException).code === "ENOTDIR";
    }
  },
  isDirectory: (p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  realpath: (p) => realpathSync(p),
  writable: (p) => {
    try {
      accessSync(p, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
};

/** Pure over its probe: why `dir` (absolute) cannot hold build output, or undefined. */
export function outputDirProblem(dir: string, probe: AncestorProbe = disk): string | undefined {
  let at = path.resolve(dir);
  while (!probe.exists(at) && path.dirname(at) !== at) at = path.dirname(at);
  // a path that is a file, or has one where a folder should be: the file is what is in the way
  let file: string | undefined;
  for (let p = at; ; p = path.dirname(p)) {
    if (probe.exists(p) && !probe.isDirectory(p)) file = p;
    if (path.dirname(p) === p) break;
  }
  if (file) return `a file is in the way (${file})`;
  const real = probe.realpath(at);
  const kernel = KERNEL_FILE_SYSTEMS.find((k) => real === k || real.startsWith(k + "/"));
  if (kernel) return `it is under ${kernel}, a kernel file system`;
  if (!probe.writable(at)) return `${at} is not writable`;
  return undefined;
}

/** Refuses, in one line, an output folder that cannot be made; `outDir` is the one to name. */
export function checkOutputDir(dir: string, outDir: string): void {
  const problem = outputDirProblem(dir);
  if (!problem) return;
  throw new LgwError(`cannot create the build output ${dir}: ${problem}`, {
    exitCode: 2,
    hint: `give --out a folder on disk that you can write (not ${outDir})`,
  });
}
