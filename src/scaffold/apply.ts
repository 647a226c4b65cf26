// The edge of `lgw init`: checks the target, writes the planned files, runs `go mod tidy`.
import { spawn } from "node:child_process";
import { closeSync, constants, existsSync, lstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import { LgwError } from "../errors.js";
import { killChild, startWatchdog, track } from "../util/children.js";
import { goClashes, packageClause, targetProblems, type GoFile, type PathKind } from "./conflicts.js";
import type { FileOp } from "./plan.js";

/** How to name dir to a user standing in cwd: ".", "hello", "../x" or an absolute path. */
export function displayDir(dir: string, cwd: string): string {
  const rel = path.relative(cwd, dir);
  if (rel === "") return ".";
  return rel.startsWith("../..") || path.isAbsolute(rel) ? dir : rel;
}

// keeps the refusal one readable line when the whole project is already there
const MAX_LISTED = 6;

function kindAt(file: string): PathKind {
  try {
    const st = lstatSync(file);
    return st.isSymbolicLink() ? "symlink" : st.isDirectory() ? "dir" : st.isFile() ? "file" : "other";
  } catch {
    return "missing";
  }
}

/** The Go files (regular files only) in the folders the scaffold writes Go files into. */
function presentGoFiles(dir: string, ops: FileOp[]): GoFile[] {
  const dirs = new Set(ops.filter((o) => o.path.endsWith(".go")).map((o) => (o.path.includes("/") ? o.path.slice(0, o.path.lastIndexOf("/")) : "")));
  const out: GoFile[] = [];
  for (const rel of dirs) {
    const abs = path.join(dir, ...rel.split("/").filter(Boolean));
    if (kindAt(abs) !== "dir") continue;
    for (const name of readdirSync(abs)) {
      const file = path.join(abs, name);
      if (!name.endsWith(".go") || kindAt(file) !== "file") continue;
      // the package clause comes first: 64 KiB is far more than any header of comments
      const head = Buffer.alloc(64 * 1024);
      const fd = openSync(file, "r");
      let n: number;
      try {
        n = readSync(fd, head, 0, head.length, 0);
      } finally {
        closeSync(fd);
      }
      out.push({ path: rel ? `${rel}/${name}` : name, package: packageClause(head.subarray(0, n).toString("utf8")) });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function listed(items: string[], verbose?: boolean): string[] {
  return items.length > MAX_LISTED && !verbose ? [...items.slice(0, MAX_LISTED - 1), `and ${items.length - MAX_LISTED + 1} more`] : items;
}

/**
 * Throws (exit 2), before anything is written, when the target is not a directory, when a file
 * lgw writes would go through a symlink or over a folder (even with --force), when the folder
 * already holds Go code the scaffold's package would collide with, or when it holds a file lgw
 * would write (unless force). Returns what --force let through but the user should know.
 */
export function checkTarget(dir: string, ops: FileOp[], opts: { force: boolean; cwd: string; verbose?: boolean }): { warnings: string[] } {
  const shown = displayDir(dir, opts.cwd);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new LgwError(`${shown} exists and is not a directory; choose another target`, { exitCode: 2 });
  }
  if (!existsSync(dir)) return { warnings: [] };
  const { existing, blocked } = targetProblems(ops, (rel) => kindAt(path.join(dir, ...rel.split("/"))));
  if (blocked.length > 0) {
    throw new LgwError(`${shown} has ${listed(blocked, opts.verbose).join(", ")}: lgw init never writes through a symlink or over a folder; nothing was written`, {
      exitCode: 2,
      hint: "remove or rename those paths (--force does not), or choose another folder",
    });
  }
  const clashes = goClashes(ops, presentGoFiles(dir, ops)).map((f) => `${f.path} (package ${f.package ?? "?"})`);
  const warnings: string[] = [];
  if (clashes.length > 0) {
    const what = `${shown} already holds Go code the new package main would collide with: ${listed(clashes, opts.verbose).join(", ")}`;
    if (!opts.force) throw new LgwError(`${what}; nothing was written`, { exitCode: 2, hint: "run lgw init in a new folder, or move those files (--force writes anyway)" });
    warnings.push(`${what}: the project will not build until they are moved`);
  }
  if (opts.force || existing.length === 0) return { warnings };
  const shownExisting = listed(existing, opts.verbose);
  throw new LgwError(
    `${shown} already has ${shownExisting.join(", ")}; nothing was written (use --force to overwrite ${existing.length === 1 ? "it" : "them"})`,
    { exitCode: 2, ...(shownExisting.length < existing.length ? { hint: "run with --verbose to list every file" } : {}) },
  );
}

/** Writes the planned files; O_NOFOLLOW, so a symlink made since the check is refused, not followed. */
export async function writeFiles(dir: string, ops: FileOp[]): Promise<void> {
  for (const op of ops) {
    const file = path.join(dir, ...op.path.split("/"));
    await mkdir(path.dirname(file), { recursive: true });
    let handle;
    try {
      handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, op.mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ELOOP") throw new LgwError(`${op.path} became a symlink while lgw init was writing; nothing more was written`, { exitCode: 2 });
      throw err;
    }
    try {
      await handle.writeFile(op.contents);
      // the mode given to open applies only to new files; --force keeps an old file's mode otherwise
      await handle.chmod(op.mode);
    } finally {
      await handle.close();
    }
  }
}

export type TidyResult = { ok: true } | { ok: false; reason: "no-go" | "failed" | "aborted"; message: string };

/** `go mod tidy` in dir, as a tracked child; never throws for Go's own failures. */
export function goModTidy(dir: string, signal?: AbortSignal): Promise<TidyResult> {
  return new Promise((resolve) => {
    startWatchdog();
    const child = track(spawn("go", ["mod", "tidy"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"], detached: true }), {
      group: true,
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const onAbort = () => killChild(child);
    signal?.addEventListener("abort", onAbort, { once: true });
    child.once("error", (err: NodeJS.ErrnoException) => {
      signal?.removeEventListener("abort", onAbort);
      resolve(
        err.code === "ENOENT"
          ? { ok: false, reason: "no-go", message: "go is not on PATH" }
          : { ok: false, reason: "failed", message: err.message },
      );
    });
    child.once("close", (code) => {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) resolve({ ok: false, reason: "aborted", message: "interrupted" });
      else if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, reason: "failed", message: stderr.trim().split("\n").pop() || `exit code ${code}` });
    });
  });
}
