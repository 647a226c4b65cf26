// The one answer to "is there a project here, and which function?", for every command.
import { UsageError } from "../errors.js";
import { findConfigFile, loadConfig } from "./load.js";
import { selectOneFunction } from "./parse.js";
import type { ProjectConfig } from "./types.js";

/**
 * How a command needs a project:
 * - "required": lgw.json, or a folder with go.mod as a one-function project; otherwise an error
 *   naming `lgw init` (build, exec, serve, deploy, auth);
 * - "optional": the same, or no project when there is neither (the api commands, delete: an --id
 *   or a name does without one);
 * - "file": only an lgw.json counts (invoke, logs, event, exec and serve with --bootstrap: a go.mod
 *   folder would invent a function name the user did not give).
 * A broken lgw.json is an error in every case.
 */
export type ProjectNeed = "required" | "optional" | "file";

export function resolveProject(cwd: string, need: "required"): ProjectConfig;
export function resolveProject(cwd: string, need: ProjectNeed): ProjectConfig | undefined;
export function resolveProject(cwd: string, need: ProjectNeed): ProjectConfig | undefined {
  if (findConfigFile(cwd)) return loadConfig(cwd);
  if (need === "file") return undefined;
  try {
    return loadConfig(cwd);
  } catch (err) {
    if (need === "required") throw err;
    return undefined;
  }
}

export interface FunctionChoice {
  /** the positional argument naming a function, if the command has one */
  positional?: string;
  /** --function */
  flag?: string;
  config?: ProjectConfig;
  /** for the message when there is neither a name nor a project, e.g. "lgw logs my-function" */
  example: string;
  /**
   * remote commands (invoke, logs): a name lgw.json does not define may still be a deployed
   * function; local ones build it, so it must be lgw.json's
   */
  deployed?: boolean;
}

/** The function: the one named (positionally or by --function, not two different), else the project's only one. */
export function resolveFunction(c: FunctionChoice): string {
  if (c.positional && c.flag && c.positional !== c.flag) throw new UsageError(`two functions given (${c.positional} and --function ${c.flag}): give one`);
  const named = c.positional ?? c.flag;
  if (!c.config) {
    if (!named) throw new UsageError(`no project here: name the ${c.deployed ? "deployed " : ""}function, e.g. \`${c.example}\``);
    return named;
  }
  if (named && c.deployed) return named;
  return selectOneFunction(c.config, named).name;
}
