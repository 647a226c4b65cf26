// Edge: the mapping templates lgw.json names by path (a .vtl file relative to the project) are
// read when lgw.json is loaded, so serve, event and api sync all see the same text and a
// missing file is one line naming the field before anything starts.
import { readFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import { isTemplatePath } from "./integration.js";
import type { ProjectConfig } from "./types.js";

const MAX_TEMPLATE_BYTES = 64 * 1024; // API Gateway's own limit on a mapping template

/** Reads one template file (relative to `root`); `field` names it in the one-line error. */
export function readTemplateFile(root: string, file: string, field: string, value: string): string {
  const abs = path.resolve(root, value.trim());
  let text: string;
  try {
    text = readFileSync(abs, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a folder" : `cannot be read (${code ?? (err as Error).message})`;
    throw new UsageError(`${file}: ${field}: ${value.trim()} ${why}; give the path of a .vtl file relative to ${path.basename(file)}'s folder, or the template itself`);
  }
  if (Buffer.byteLength(text) > MAX_TEMPLATE_BYTES) throw new UsageError(`${file}: ${field}: ${value.trim()} is over 64 KB, API Gateway's limit for a mapping template`);
  return text;
}

function resolveMap(root: string, file: string, field: string, map: Record<string, string> | undefined): void {
  for (const [type, value] of Object.entries(map ?? {})) {
    if (isTemplatePath(value)) map![type] = readTemplateFile(root, file, `${field}["${type}"]`, value);
  }
}

/** Replaces every template path of the project's non-proxy routes by the file's text (in place). */
export function readTemplateFiles(config: ProjectConfig): ProjectConfig {
  const file = config.file ?? "lgw.json";
  for (const [route, options] of Object.entries(config.routeOptions)) {
    const integ = options.integration;
    if (!integ || integ.type === "http") continue;
    const at = `routes["${route}"]`;
    resolveMap(config.root, file, `${at}.requestTemplates`, integ.requestTemplates);
    for (const [pattern, r] of Object.entries(integ.responses)) resolveMap(config.root, file, `${at}.responses["${pattern}"].templates`, r.templates);
  }
  return config;
}

/** A template file named on the command line (`lgw event --template FILE`). */
export function readTemplateArg(cwd: string, file: string): string {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--template ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : `cannot be read (${code ?? (err as Error).message})`}; give the path of a .vtl mapping template`);
  }
  if (Buffer.byteLength(text) > MAX_TEMPLATE_BYTES) throw new UsageError(`--template ${file} is over 64 KB, API Gateway's limit for a mapping template`);
  return text;
}
