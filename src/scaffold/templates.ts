// The template registry: which directories under templates/ make up each flavour, and how to
// read them. Templates are real Go projects (cd templates/go-v1 && go test ./... works), so a
// flavour is its own directory layered over templates/common.
import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { EventFormat } from "../config/types.js";
import { packageRoot } from "../util/package-root.js";

/** A file of a template: a posix path relative to the template root, as stored (before renames). */
export interface TemplateFile {
  path: string;
  contents: string;
  mode: number;
}

/** Later layers win when two hold the same path. Optional layers (auth-jwt) come last. */
export const TEMPLATE_LAYERS: Record<EventFormat, string[]> = {
  v1: ["common", "go-v1"],
  v2: ["common", "go-v2"],
};

// What building or running a template in place leaves behind; never copied into a new project.
const SKIP = new Set([".lgw", "bootstrap", ".DS_Store", "node_modules"]);
const SKIP_EXT = [".zip"];

export function templatesDir(): string {
  return path.join(packageRoot(), "templates");
}

async function walk(root: string, rel: string, out: Map<string, TemplateFile>): Promise<void> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  for (const entry of entries) {
    if (SKIP.has(entry.name) || SKIP_EXT.some((ext) => entry.name.endsWith(ext))) continue;
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    const abs = path.join(root, relPath);
    if (entry.isDirectory()) {
      await walk(root, relPath, out);
    } else if (entry.isFile()) {
      const [contents, info] = await Promise.all([readFile(abs, "utf8"), stat(abs)]);
      out.set(relPath, { path: relPath, contents, mode: info.mode & 0o111 ? 0o755 : 0o644 });
    }
  }
}

/** Every file of a flavour's template, layers merged, sorted by path. */
export async function readTemplate(flavour: EventFormat, dir: string = templatesDir(), extras: string[] = []): Promise<TemplateFile[]> {
  const files = new Map<string, TemplateFile>();
  for (const layer of [...TEMPLATE_LAYERS[flavour], ...extras]) {
    const root = path.join(dir, layer);
    if (!existsSync(root)) throw new Error(`template directory ${root} is missing from the lgw package`);
    await walk(root, "", files);
  }
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
