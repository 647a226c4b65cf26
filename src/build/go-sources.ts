// What a Go build reads, in one place: the build fingerprint hashes it and `lgw serve --watch`
// watches it, so an edit that changes the binary is always a rebuild under both, and an edit
// that does not (a _test.go file, a README, events/) is neither.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Go ignores directories starting with "." or "_" and "testdata"; node_modules never holds Go.
const SKIP_DIRS = new Set(["node_modules", "testdata"]);
const GO_META = new Set(["go.mod", "go.sum", "go.work", "go.work.sum"]);

export function isSkippedDir(name: string): boolean {
  return name.startsWith(".") || name.startsWith("_") || SKIP_DIRS.has(name);
}

/** A file the go command compiles or resolves modules from: non-test .go files and go.mod/sum/work. */
export function isGoSource(file: string): boolean {
  const base = path.basename(file);
  if (base.startsWith(".")) return false;
  return (base.endsWith(".go") && !base.endsWith("_test.go")) || GO_META.has(base);
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

/** The folders whose files can reach the binary: the module of `dir` and its local replaces. */
export function sourceRoots(dir: string): string[] {
  const modDir = moduleRoot(dir);
  const roots = [modDir];
  const goMod = path.join(modDir, "go.mod");
  if (existsSync(goMod)) roots.push(...localReplaceDirs(readFileSync(goMod, "utf8"), modDir));
  return [...new Set(roots)].sort();
}

export interface SourceFiles {
  /** Go sources, hashed by content */
  sources: string[];
  /** every other file, which counts only below a package using //go:embed */
  others: string[];
}

function walk(dir: string, exclude: Set<string>, into: SourceFiles): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!isSkippedDir(e.name) && !exclude.has(full)) walk(full, exclude, into);
    } else if ((e.isFile() || e.isSymbolicLink()) && !e.name.startsWith(".")) {
      (isGoSource(full) ? into.sources : into.others).push(full);
    }
  }
}

/** Every file below the roots, sorted and split into Go sources and the rest. */
export function listSourceFiles(roots: string[], excludeDirs: string[] = []): SourceFiles {
  const exclude = new Set(excludeDirs.map((d) => path.resolve(d)));
  const files: SourceFiles = { sources: [], others: [] };
  for (const r of roots) walk(r, exclude, files);
  return { sources: [...new Set(files.sources)].sort(), others: [...new Set(files.others)].sort() };
}

/** Folders (ending in a separator) of packages whose sources hold a //go:embed directive. */
export function embedDirs(sources: { file: string; content: Buffer | string }[]): string[] {
  return sources.filter((s) => s.file.endsWith(".go") && s.content.includes("//go:embed")).map((s) => path.dirname(s.file) + path.sep);
}

/** Whether a changed file can change the binary, given the packages that embed files. */
export function isBuildInput(file: string, embeds: string[]): boolean {
  if (isGoSource(file)) return true;
  if (path.basename(file).startsWith(".")) return false;
  return embeds.some((d) => file.startsWith(d));
}

/**
 * What the watcher needs: the roots to watch and a filter that knows today's embed folders
 * (refreshed by refresh(), which serve calls after each rebuild, as sources may have changed).
 */
export function buildInputs(dir: string, excludeDirs: string[] = []): { roots: string[]; isInput(file: string): boolean; refresh(): void } {
  const roots = sourceRoots(dir);
  let embeds: string[] = [];
  const refresh = () => {
    const { sources } = listSourceFiles(roots, excludeDirs);
    embeds = embedDirs(sources.filter((f) => f.endsWith(".go")).map((file) => ({ file, content: safeRead(file) })));
  };
  refresh();
  return { roots, isInput: (file) => isBuildInput(path.resolve(file), embeds), refresh };
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
