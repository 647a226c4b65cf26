// Where lgw's own files (templates/, schema/) are, wherever lgw was installed or bundled.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cachedRoot: string | undefined;

/**
 * The lgw package root: the nearest directory above this module holding lgw's package.json.
 * This module runs from src/util/ in development and from dist/ or dist/chunks/ when
 * bundled, so a fixed relative path would be wrong in one of them.
 */
export function packageRoot(from: string = import.meta.url): string {
  if (cachedRoot && from === import.meta.url) return cachedRoot;
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "lgw") {
          if (from === import.meta.url) cachedRoot = dir;
          return dir;
        }
      } catch {
        // an unreadable package.json on the way up is not ours
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`lgw's package.json not found above ${fileURLToPath(from)}`);
    dir = parent;
  }
}
