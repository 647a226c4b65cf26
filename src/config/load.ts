// Edge: finds and reads lgw.json, and edits it in place (keeping the user's other settings).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LgwError } from "../errors.js";
import { implicitConfig, parseConfig } from "./parse.js";
import { readTemplateFiles } from "./templates.js";
import type { ProjectConfig } from "./types.js";

export const CONFIG_FILE = "lgw.json";

/** Walks up from cwd to the nearest lgw.json. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Loads the project around cwd. Without lgw.json, a directory with go.mod is treated as a
 * one-function project named after the directory; otherwise it is an error naming `lgw init`.
 */
export function loadConfig(cwd: string): ProjectConfig {
  const file = findConfigFile(cwd);
  if (file) return readTemplateFiles(parseConfig(readFileSync(file, "utf8"), file, path.dirname(file)));
  const root = path.resolve(cwd);
  if (existsSync(path.join(root, "go.mod"))) {
    const name = path.basename(root).replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 64) || "function";
    return implicitConfig(root, name);
  }
  throw new LgwError(`no lgw.json or go.mod in ${root} or above`, {
    exitCode: 2,
    hint: "run `lgw init <dir>` to create a project, or use -C <dir> to point at one",
  });
}

/** Reads lgw.json as plain JSON, lets `mutate` change it, and writes it back (2-space indent). */
export function updateConfigFile(file: string, mutate: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  mutate(json);
  writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
}
