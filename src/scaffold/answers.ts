// `lgw init`'s questions: flags answer first, then the prompter (which, without a TTY or with
// --yes, takes each default). Pure apart from the prompter it is given.
import path from "node:path";
import { UsageError } from "../errors.js";
import { normalizeArch } from "../config/arch.js";
import { functionNameProblem, modulePathProblem } from "../config/names.js";
import type { Arch, EventFormat } from "../config/types.js";
import type { Prompter } from "../ui/prompts.js";
import { checkAnswers, DEFAULT_NAME, defaultModule, EVENT_DESCRIPTIONS, sanitizeName, type InitAnswers } from "./plan.js";

export interface InitFlags {
  dir?: string;
  name?: string;
  module?: string;
  arch?: string;
  event?: string;
  auth?: string;
}

export interface ResolvedInit {
  /** absolute target directory */
  dir: string;
  answers: InitAnswers;
}

function eventFormat(value: string): EventFormat {
  if (value === "v1" || value === "v2") return value;
  throw new UsageError(`--event must be v1 (REST API) or v2 (HTTP API), not "${value}"`);
}

export async function resolveInit(flags: InitFlags, cwd: string, prompter: Prompter): Promise<ResolvedInit> {
  const dirGiven = flags.dir !== undefined && flags.dir !== "";
  const suggestedName = dirGiven ? sanitizeName(path.basename(path.resolve(cwd, flags.dir!))) : DEFAULT_NAME;

  // flags are checked before any question, so a bad flag fails fast instead of after the questions
  if (flags.name !== undefined) {
    const problem = functionNameProblem(flags.name);
    if (problem) throw new UsageError(`--name: ${problem}`);
  }
  if (flags.module !== undefined) {
    const problem = modulePathProblem(flags.module);
    if (problem) throw new UsageError(`--module: ${problem}`);
  }
  const flagArch: Arch | undefined = flags.arch === undefined ? undefined : normalizeArch(flags.arch);
  const flagEvent: EventFormat | undefined = flags.event === undefined ? undefined : eventFormat(flags.event);
  if (flags.auth !== undefined && flags.auth !== "jwt" && flags.auth !== "token") throw new UsageError(`--auth ${flags.auth}: use jwt (HTTP API, --event v2) or token (REST API, --event v1)`);
  if (flags.auth === "jwt" && flagEvent === "v1") throw new UsageError("--auth jwt needs --event v2: JWT authorizers belong to HTTP APIs");
  if (flags.auth === "token" && flagEvent === "v2") throw new UsageError("--auth token needs --event v1: TOKEN authorizers belong to REST APIs (for an HTTP API use --auth jwt)");

  const name =
    flags.name ??
    (await prompter.text({ message: "Function name", default: suggestedName, validate: functionNameProblem }));
  const module =
    flags.module ??
    (await prompter.text({ message: "Go module path", default: defaultModule(name), validate: modulePathProblem }));
  const architecture =
    flagArch ??
    (await prompter.select<Arch>({
      message: "Default architecture",
      default: "arm64",
      choices: [
        { value: "arm64", name: "arm64", description: "Graviton: lower price per GB-second" },
        { value: "x86_64", name: "x86_64", description: "Intel/AMD" },
      ],
    }));
  const event =
    flagEvent ??
    (await prompter.select<EventFormat>({
      message: "API Gateway event format",
      default: "v1",
      choices: [
        { value: "v1", name: EVENT_DESCRIPTIONS.v1 },
        { value: "v2", name: EVENT_DESCRIPTIONS.v2 },
      ],
    }));

  if (flags.auth === "jwt" && event !== "v2") throw new UsageError("--auth jwt needs --event v2: JWT authorizers belong to HTTP APIs");
  if (flags.auth === "token" && event !== "v1") throw new UsageError("--auth token needs --event v1: TOKEN authorizers belong to REST APIs (for an HTTP API use --auth jwt)");
  const auth = flags.auth === "jwt" || flags.auth === "token" ? flags.auth : undefined;
  const answers: InitAnswers = { name, module, architecture, eventFormat: event, ...(auth ? { auth } : {}) };
  checkAnswers(answers);
  return { dir: path.resolve(cwd, dirGiven ? flags.dir! : name), answers };
}
