// Writing a test's file tree: each file under root, its folders made as needed.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Writes root/rel (rel may hold folders: they are made). */
export function writeAt(root: string, rel: string, text = ""): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}
