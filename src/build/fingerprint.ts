// The build cache key. Even a fully cached `go build` costs hundreds of milliseconds, so an
// unchanged project must be recognised without running go at all: the key hashes the Go
// version, the exact command and environment, and the sources of the module.
import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { embedDirs, listSourceFiles, sourceRoots } from "./go-sources.js";
import { relevantEnv, type BuildTarget } from "./target.js";

const FORMAT = "lgw-build-fingerprint-v1";

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

  const { sources, others } = listSourceFiles(sourceRoots(opts.root), opts.excludeDirs);
  const read: { file: string; content: Buffer }[] = [];
  for (const file of sources) {
    const content = readFileSync(file);
    field(file);
    field(String(content.length));
    hash.update(content);
    read.push({ file, content });
  }
  // //go:embed can pull in any file below its package: those count by size and mtime, which is
  // cheap; other files (README, lgw.json, events/) never trigger a rebuild.
  const embeds = embedDirs(read);
  for (const file of embeds.length ? others : []) {
    if (!embeds.some((d) => file.startsWith(d))) continue;
    const st = statSync(file);
    field(`${file}:${st.size}:${st.mtimeMs}`);
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
