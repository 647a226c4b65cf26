// Pure: what in an existing folder stops `lgw init` from writing its files there. Three kinds:
// files it would overwrite (--force allows that), symlinks on the way to a file it writes
// (never written through, even with --force: `events/` pointing elsewhere would put the events
// there), and Go files of another program in a folder it writes Go files into (the project would
// then not build: two mains, or two packages in one folder).
import type { FileOp } from "./plan.js";

export type PathKind = "missing" | "file" | "dir" | "symlink" | "other";

export interface TargetProblems {
  /** planned files that exist (overwritten with --force) */
  existing: string[];
  /** paths that are symlinks or not folders where lgw needs a folder: refused even with --force */
  blocked: string[];
}

/** Every folder on the way to a planned file, and the file itself, by the caller's lstat. */
export function targetProblems(ops: FileOp[], kindOf: (relPath: string) => PathKind): TargetProblems {
  const existing: string[] = [];
  const blocked = new Set<string>();
  for (const op of ops) {
    const parts = op.path.split("/");
    let ok = true;
    for (let i = 1; i < parts.length && ok; i++) {
      const dir = parts.slice(0, i).join("/");
      const kind = kindOf(dir);
      if (kind === "symlink") blocked.add(`${dir}/ (a symlink)`);
      else if (kind === "file" || kind === "other") blocked.add(`${dir} (not a folder)`);
      ok = kind === "missing" || kind === "dir";
    }
    if (!ok) continue;
    const kind = kindOf(op.path);
    if (kind === "symlink") blocked.add(`${op.path} (a symlink)`);
    else if (kind === "dir" || kind === "other") blocked.add(`${op.path} (not a file)`);
    else if (kind === "file") existing.push(op.path);
  }
  return { existing, blocked: [...blocked] };
}

/** The package a Go file declares, past comments and build constraints; undefined if none. */
export function packageClause(source: string): string | undefined {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");
  return /^\s*package\s+([A-Za-z_]\w*)/m.exec(code)?.[1];
}

export interface GoFile {
  /** posix path relative to the target */
  path: string;
  package: string | undefined;
}

/**
 * Go files already in a folder the scaffold writes Go files into, which are not among the files
 * it writes: they share the package (and its `main`, `handler`, ...) with the scaffold's files.
 * An external test package (`main_test`) does not collide.
 */
export function goClashes(ops: FileOp[], present: GoFile[]): GoFile[] {
  const planned = new Set(ops.map((o) => o.path));
  const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");
  const goDirs = new Set(ops.filter((o) => o.path.endsWith(".go")).map((o) => dirOf(o.path)));
  return present.filter((f) => !planned.has(f.path) && goDirs.has(dirOf(f.path)) && !(f.package ?? "").endsWith("_test"));
}
