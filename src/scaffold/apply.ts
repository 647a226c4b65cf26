// The edge of `lgw init`: checks the target, writes the planned files, runs `go mod tidy`.
import { spawn } from "node:child_process";
import { existsSync, lstatSync, statSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { LgwError } from "../cli/errors.js";
import { killChild, track } from "../util/children.js";
import { conflicts, type FileOp } from "./plan.js";

/** How to name dir to a user standing in cwd: ".", "hello", "../x" or an absolute path. */
export function displayDir(dir: string, cwd: string): string {
  const rel = path.relative(cwd, dir);
  if (rel === "") return ".";
  return rel.startsWith("../..") || path.isAbsolute(rel) ? dir : rel;
}

// keeps the refusal one readable line when the whole project is already there
const MAX_LISTED = 6;

/**
 * Throws, before anything is written, when the target is not a directory or already holds a
 * file lgw would write (unless force).
 */
export function checkTarget(dir: string, ops: FileOp[], opts: { force: boolean; cwd: string; verbose?: boolean }): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new LgwError(`${displayDir(dir, opts.cwd)} exists and is not a directory; choose another target`);
  }
  if (opts.force) return;
  const existing = conflicts(ops, (rel) => {
    try {
      lstatSync(path.join(dir, rel));
      return true;
    } catch {
      return false;
    }
  });
  if (existing.length > 0) {
    const shown = existing.length > MAX_LISTED && !opts.verbose ? [...existing.slice(0, MAX_LISTED - 1), `and ${existing.length - MAX_LISTED + 1} more`] : existing;
    throw new LgwError(
      `${displayDir(dir, opts.cwd)} already has ${shown.join(", ")}; nothing was written (use --force to overwrite ${existing.length === 1 ? "it" : "them"})`,
      shown.length < existing.length ? { hint: "run with --verbose to list every file" } : {},
    );
  }
}

export async function writeFiles(dir: string, ops: FileOp[]): Promise<void> {
  for (const op of ops) {
    const file = path.join(dir, ...op.path.split("/"));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, op.contents, { mode: op.mode });
    // writeFile's mode applies only to new files; --force keeps an old file's mode otherwise
    await chmod(file, op.mode);
  }
}

export type TidyResult = { ok: true } | { ok: false; reason: "no-go" | "failed" | "aborted"; message: string };

/** `go mod tidy` in dir, as a tracked child; never throws for Go's own failures. */
export function goModTidy(dir: string, signal?: AbortSignal): Promise<TidyResult> {
  return new Promise((resolve) => {
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
