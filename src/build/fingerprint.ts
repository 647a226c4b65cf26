// The build cache key. Even a fully cached `go build` costs hundreds of milliseconds, so an
// unchanged project must be recognised without running go at all: the key hashes the Go
// version, the exact command and environment, and the sources of the module.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { relevantEnv, type BuildTarget } from "./target.js";

const FORMAT = "lgw-build-fingerprint-v1";

// Go ignores directories starting with "." or "_" and "testdata"; the rest never hold sources.
const SKIP_DIRS = new Set(["node_modules", "testdata"]);
const GO_META = new Set(["go.mod", "go.sum", "go.work", "go.work.sum"]);

function skipDir(name: string): boolean {
  return name.startsWith(".") || name.startsWith("_") || SKIP_DIRS.has(name);
}

interface Walked {
  /** .go files (not _test.go) and go.mod/go.sum/go.work, hashed by content */
  sources: string[];
  /** every other file, hashed by size and mtime, counted only next to a //go:embed */
  others: string[];
}

function walk(dir: string, exclude: Set<string>, into: Walked): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDir(e.name) && !exclude.has(full)) walk(full, exclude, into);
    } else if (e.isFile() || e.isSymbolicLink()) {
      if (e.name.startsWith(".")) continue;
      if ((e.name.endsWith(".go") && !e.name.endsWith("_test.go")) || GO_META.has(e.name)) into.sources.push(full);
      else into.others.push(full);
    }
  }
}

/** The nearest directory at or above `dir` holding go.mod (the module root), else `dir`. */
export function moduleRoot(dir: string): string {
  for (let d = path.resolve(dir); ; ) {
    if (existsSync(path.join(d, "go.mod"))) return d;
    const parent = path.dirname(d);
    if (parent === d) return path.resolve(dir);
    d = parent;
  }
}

/** Local `replace x => ../dir` targets of a go.mod: their sources are part of the build too. */
export function localReplaceDirs(goMod: string, modDir: string): string[] {
  const dirs: string[] = [];
  for (const m of goMod.matchAll(/=>\s*(\.{1,2}(?:\/[^\s)]*)?|\/[^\s)]+)(?=\s|\)|$)/gm)) {
    dirs.push(path.resolve(modDir, m[1]!));
  }
  return dirs;
}

function sortedUnique(list: string[]): string[] {
  return [...new Set(list)].sort();
}

/**
 * SHA-256 (hex) over everything that decides the binary: the toolchain's identity, the go
 * command and its environment, and the path and content of every Go source of the module.
 */
export function computeFingerprint(opts: { target: BuildTarget; goVersion: string; goPath: string; root: string; excludeDirs?: string[] }): string {
  const { target } = opts;
  const hash = createHash("sha256");
  const field = (s: string): void => {
    hash.update(s);
    hash.update("\0");
  };
  field(FORMAT);
  field(opts.goPath);
  field(opts.goVersion);
  field(target.cwd);
  // the per-process temp output stands for the final one, so every process agrees on the fingerprint
  for (const a of target.args) field(a === target.tempBinaryPath ? target.binaryPath : a);
  for (const [k, v] of relevantEnv(target.env)) field(`${k}=${v}`);

  const modDir = moduleRoot(opts.root);
  const exclude = new Set((opts.excludeDirs ?? []).map((d) => path.resolve(d)));
  const walked: Walked = { sources: [], others: [] };
  const roots = [modDir];
  const goModPath = path.join(modDir, "go.mod");
  if (existsSync(goModPath)) roots.push(...localReplaceDirs(readFileSync(goModPath, "utf8"), modDir));
  for (const r of sortedUnique(roots)) walk(r, exclude, walked);

  const embedDirs: string[] = [];
  for (const file of sortedUnique(walked.sources)) {
    const content = readFileSync(file);
    field(file);
    field(String(content.length));
    hash.update(content);
    if (file.endsWith(".go") && content.includes("//go:embed")) embedDirs.push(path.dirname(file) + path.sep);
  }
  // //go:embed can pull in any file below its package: those count by size and mtime, which is
  // cheap; other files (README, lgw.json, events/) never trigger a rebuild.
  if (embedDirs.length) {
    for (const file of sortedUnique(walked.others)) {
      if (!embedDirs.some((d) => file.startsWith(d))) continue;
      const st = statSync(file);
      field(`${file}:${st.size}:${st.mtimeMs}`);
    }
  }
  return hash.digest("hex");
}

/** What is stored beside the outputs. `zip` is set once the zip of this binary was written. */
export interface FingerprintRecord {
  fingerprint: string;
  zip?: { size: number; mtimeMs: number; codeSha256: string };
}

export function readRecord(file: string): FingerprintRecord | undefined {
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as FingerprintRecord;
    return typeof json.fingerprint === "string" ? json : undefined;
  } catch {
    return undefined;
  }
}

export function writeRecord(file: string, record: FingerprintRecord): void {
  writeFileSync(file, JSON.stringify(record) + "\n");
}
