// File-system failures (ENOENT, ENOTDIR, EACCES, ...) that reach the CLI unhandled are the
// user's path or the machine's state, not bugs: this turns them into one-line LgwErrors that name
// the path, say what is wrong with it and what to do. Pure but for `fileInTheWay`, passed in.
import { lstatSync } from "node:fs";
import path from "node:path";
import { LgwError } from "./errors.js";

interface Reason {
  /** what is wrong with the path; `inTheWay` is the file found where a folder was needed */
  why: (inTheWay: string | undefined) => string;
  hint: string;
  /** 2 when the path given is wrong (bad input), 1 when the machine refuses */
  exitCode: 1 | 2;
}

const REASONS: Record<string, Reason> = {
  ENOENT: { why: () => "no such file or folder", hint: "check the path (relative paths start at the current folder, or at -C)", exitCode: 2 },
  ENOTDIR: {
    why: (file) => (file ? `${file} is a file, not a folder` : "a part of the path is a file, not a folder"),
    hint: "choose a path whose parents are all folders, or move that file away",
    exitCode: 2,
  },
  EISDIR: { why: () => "is a folder where a file is needed", hint: "give the path of a file, not of a folder", exitCode: 2 },
  EEXIST: { why: () => "already exists", hint: "remove it or choose another path", exitCode: 2 },
  ELOOP: { why: () => "is a symbolic link that lgw does not follow here, or a loop of links", hint: "replace the link with the file or folder it points to", exitCode: 2 },
  ENAMETOOLONG: { why: () => "the name is too long", hint: "choose a shorter path", exitCode: 2 },
  EACCES: { why: () => "permission denied", hint: "check the path's permissions (ls -ld), or choose a path you may write", exitCode: 1 },
  EPERM: { why: () => "operation not permitted", hint: "check the path's permissions and attributes, or choose another path", exitCode: 1 },
  EROFS: { why: () => "the file system is read-only", hint: "choose a path on a writable file system", exitCode: 1 },
  ENOSPC: { why: () => "no space left on the device", hint: "free some space (df -h) and run the command again", exitCode: 1 },
};

const VERBS: Record<string, string> = {
  mkdir: "create the folder",
  open: "open",
  read: "read",
  write: "write",
  scandir: "list",
  opendir: "list",
  stat: "read",
  lstat: "read",
  unlink: "remove",
  rmdir: "remove",
  rm: "remove",
  rename: "move",
  copyfile: "copy",
  cp: "copy",
  symlink: "create the link",
  link: "create the link",
  chmod: "change the mode of",
  access: "access",
  realpath: "resolve",
  readlink: "read the link",
  utime: "set the times of",
};

/** The first ancestor of `p` that exists and is not a folder: what an ENOTDIR tripped on. */
export function fileInTheWay(p: string): string | undefined {
  for (let dir = path.dirname(p); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      if (!lstatSync(dir).isDirectory()) return dir;
    } catch {
      // missing: the file in the way is further up
    }
  }
  return undefined;
}

/** An errno error of a file-system call that names its path. */
export function isFsErrno(err: unknown): err is NodeJS.ErrnoException & { code: string; path: string; dest?: unknown } {
  const e = err as NodeJS.ErrnoException | null;
  return e instanceof Error && typeof e.code === "string" && typeof e.path === "string" && e.code in REASONS;
}

/**
 * The user error for a file-system failure, or undefined when `err` is not one lgw knows.
 * `cannot create the folder /tmp/f/x: /tmp/f is a file, not a folder` (exit 2, code ENOTDIR).
 */
export function errnoToUserError(err: unknown, findFileInTheWay: (p: string) => string | undefined = fileInTheWay): LgwError | undefined {
  if (!isFsErrno(err)) return undefined;
  const reason = REASONS[err.code]!;
  const verb = VERBS[err.syscall ?? ""] ?? "use";
  const inTheWay = err.code === "ENOTDIR" ? findFileInTheWay(err.path) : undefined;
  const dest = typeof err.dest === "string" ? ` to ${err.dest}` : "";
  return new LgwError(`cannot ${verb} ${err.path}${dest}: ${reason.why(inTheWay)}`, {
    exitCode: reason.exitCode,
    hint: reason.hint,
    code: err.code,
    cause: err,
  });
}
