// Writing a test's file tree: each file under root, its folders made as needed; and the
// temporary folders tests make, removed when their test ends.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";

/** Writes root/rel (rel may hold folders: they are made). */
export function writeAt(root: string, rel: string, text = ""): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A new folder in the OS's temporary folder, removed when the calling test ends (pass or fail). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
