// Pure: the answers to `lgw init` plus a template's files -> the files to write. Nothing here
// touches the disk, so every rename and edit is covered by table-driven tests.
import { UsageError } from "../cli/errors.js";
import { functionNameProblem, modulePathProblem } from "../config/names.js";
import type { Arch, EventFormat } from "../config/types.js";
import type { TemplateFile } from "./templates.js";

export interface InitAnswers {
  name: string;
  module: string;
  architecture: Arch;
  eventFormat: EventFormat;
}

/** One file to write, at a posix path relative to the target directory. */
export interface FileOp {
  path: string;
  contents: string;
  mode: number;
}

export const DEFAULT_NAME = "hello";

export const EVENT_DESCRIPTIONS: Record<EventFormat, string> = {
  v1: "REST API proxy events (v1)",
  v2: "HTTP API events, payload format 2.0 (v2)",
};

/** A function name derived from a directory name: "My App!" -> "My-App". */
export function sanitizeName(raw: string): string {
  const name = raw
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 64)
    .replace(/[-_]+$/, "");
  return name || DEFAULT_NAME;
}

export function defaultModule(name: string): string {
  return `example.com/${name}`;
}

/** Throws a UsageError naming the first answer lgw cannot use. */
export function checkAnswers(answers: InitAnswers): void {
  const nameProblem = functionNameProblem(answers.name);
  if (nameProblem) throw new UsageError(`--name: ${nameProblem}`);
  const moduleProblem = modulePathProblem(answers.module);
  if (moduleProblem) throw new UsageError(`--module: ${moduleProblem}`);
}

// Stored under another name because npm drops .gitignore files from published packages.
const RENAMES: Record<string, string> = { _gitignore: ".gitignore" };

export function targetPath(templatePath: string): string {
  const slash = templatePath.lastIndexOf("/");
  const base = templatePath.slice(slash + 1);
  return templatePath.slice(0, slash + 1) + (RENAMES[base] ?? base);
}

const MODULE_LINE = /^module\s+\S+[ \t]*$/m;

export function rewriteGoMod(text: string, module: string): string {
  if (!MODULE_LINE.test(text)) throw new Error("template go.mod has no module directive");
  return text.replace(MODULE_LINE, `module ${module}`);
}

type Json = Record<string, unknown>;

/** The template's lgw.json describes one function; it becomes the user's, under their name. */
export function rewriteLgwJson(text: string, answers: InitAnswers): string {
  const config = JSON.parse(text) as Json;
  const functions = config.functions as Record<string, unknown>;
  const names = Object.keys(functions);
  if (names.length !== 1) throw new Error(`template lgw.json must define exactly one function, not ${names.length}`);
  const templateName = names[0]!;
  config.architecture = answers.architecture;
  config.eventFormat = answers.eventFormat;
  config.functions = { [answers.name]: functions[templateName] };
  const routes = (config.routes ?? {}) as Record<string, string>;
  config.routes = Object.fromEntries(
    Object.entries(routes).map(([route, fn]) => [route, fn === templateName ? answers.name : fn]),
  );
  return JSON.stringify(config, null, 2) + "\n";
}

export function renderPlaceholders(text: string, answers: InitAnswers): string {
  const values: Record<string, string> = {
    name: answers.name,
    module: answers.module,
    architecture: answers.architecture,
    eventFormat: answers.eventFormat,
    eventDescription: EVENT_DESCRIPTIONS[answers.eventFormat],
  };
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

function render(file: TemplateFile, answers: InitAnswers): string {
  switch (file.path) {
    case "go.mod":
      return rewriteGoMod(file.contents, answers.module);
    case "lgw.json":
      return rewriteLgwJson(file.contents, answers);
    case "README.md":
      return renderPlaceholders(file.contents, answers);
    default:
      return file.contents;
  }
}

/** The files `lgw init` writes, sorted by path. */
export function planScaffold(answers: InitAnswers, template: TemplateFile[]): FileOp[] {
  checkAnswers(answers);
  return template
    .map((file) => ({ path: targetPath(file.path), contents: render(file, answers), mode: file.mode }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The planned paths that already exist, by the caller's lookup; empty when writing is safe. */
export function conflicts(ops: FileOp[], exists: (relPath: string) => boolean): string[] {
  return ops.map((op) => op.path).filter(exists);
}
