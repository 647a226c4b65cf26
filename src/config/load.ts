// Edge: finds and reads lgw.json, and edits it in place (keeping the user's other settings).
import { existsSync, lstatSync, readFileSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LgwError, UsageError } from "../errors.js";
import { duplicateKey } from "../util/json.js";
import { implicitConfig, parseConfig } from "./parse.js";
import { refreshSchemaCopy } from "./schema-copy.js";
import { readTemplateFiles } from "./templates.js";
import { readModelFiles } from "./rest-access.js";
import type { ProjectConfig } from "./types.js";

export const CONFIG_FILE = "lgw.json";

/** Walks up from cwd to the nearest lgw.json. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    // lstat, not exists: a dangling lgw.json symlink is this project's file, and loadConfig says so
    if (lstatSync(candidate, { throwIfNoEntry: false })) return candidate;
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
  if (file) {
    const text = readConfigText(file);
    const config = readTemplateFiles(parseConfig(text, file, path.dirname(file)));
    refreshSchemaCopy(path.dirname(file), (JSON.parse(text) as { $schema?: unknown }).$schema);
    if (config.api.rest) readModelFiles(config.root, file, config.api.rest);
    return config;
  }
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

/**
 * The text of lgw.json, refused in one line when it is not a regular file (a folder, a dangling
 * symlink, a device) or holds a key twice in one object (JSON.parse would keep the last silently).
 */
export function readConfigText(file: string): string {
  const link = lstatSync(file);
  const target = statSync(file, { throwIfNoEntry: false });
  if (!target) throw new UsageError(`${file} is a symlink to ${readlinkSync(file)}, which does not exist: fix or remove the link`);
  if (target.isDirectory()) throw new UsageError(`${file} is a folder; lgw.json must be a JSON file: move the folder away, or run \`lgw init\` elsewhere`);
  if (!target.isFile()) throw new UsageError(`${file}${link.isSymbolicLink() ? ` (a symlink to ${readlinkSync(file)})` : ""} is not a regular file; lgw.json must be a JSON file`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const dup = duplicateKey(text);
  if (dup) {
    const where = dup.path ? dup.path : "the top level";
    throw new UsageError(`${file}:${dup.line}:${dup.column}: ${where} has "${dup.key}" twice (first at line ${dup.first.line}:${dup.first.column}); JSON keeps only the last, so remove or rename one`);
  }
  return text;
}

/**
 * Reads lgw.json as plain JSON, lets `mutate` change it, and writes it back (2-space indent);
 * a `mutate` that returns false changed nothing, and the file is left as it is.
 */
export function updateConfigFile(file: string, mutate: (json: Record<string, unknown>) => void | false): void {
  const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  if (mutate(json) === false) return;
  writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
}
