// functions.NAME: one Lambda function built from a Go package.
import * as Type from "@sinclair/typebox";
import type { Static } from "@sinclair/typebox";
import { ARCH_ALIASES_TEXT, ARCH_NAMES, EVENT_FORMATS, MEMORY_MB, TIMEOUT_S } from "../limits.js";
import { FUNCTION_NAME_RE, functionNameProblem } from "../names.js";
import { namedMap, nonEmpty, oneOf, settings, stringMap, text, trueOrFalse, wholeNumber, withProblem } from "./common.js";

/** Lambda's names, plus aarch64, amd64 and x86-64 (parse.ts reads them as Lambda's). */
export const architecture = (description: string) =>
  withProblem(
    oneOf(ARCH_NAMES, {
      description: `${description} arm64 or x86_64 (${ARCH_ALIASES_TEXT} are read as those).`,
      errorMessage: `must be "arm64" or "x86_64" (${ARCH_ALIASES_TEXT} are accepted too)`,
    }),
    (v) =>
      typeof v === "string" ? `must be "arm64" or "x86_64", not "${v}"` : 'must be "arm64" or "x86_64"',
  );

export const eventFormat = (description: string) => oneOf(EVENT_FORMATS, { description });

const ENTRY = 'must be a package directory ("." or "./cmd/x") or a list of .go files';
const entry = Type.Union(
  [Type.String({ minLength: 1, errorMessage: ENTRY }), Type.Array(Type.String({ pattern: "\\.go$", errorMessage: ENTRY }), { minItems: 1, errorMessage: ENTRY })],
  { errorMessage: ENTRY, description: "Go package directory (relative to lgw.json) or a list of .go files.", default: "." },
);

export const functionSettings = settings({
  entry: Type.Optional(entry),
  architecture: Type.Optional(architecture("This function's architecture (default: the project's):")),
  memory: Type.Optional(wholeNumber(MEMORY_MB, { description: "Memory in MB.", default: 128 })),
  timeout: Type.Optional(wholeNumber(TIMEOUT_S, { description: "Timeout in seconds.", default: 3 })),
  environment: Type.Optional(stringMap({ description: "Environment variables of the function." })),
  description: Type.Optional(text({ description: "The function's description (may be empty, as in Lambda)." })),
  role: Type.Optional(nonEmpty({ description: "Execution role ARN used when creating the function." })),
  roleCreatedByLgw: Type.Optional(
    trueOrFalse({ description: "Written by lgw deploy --create: lgw created the role (lgw-<function>), so lgw delete may remove it." }),
  ),
  create: Type.Optional(trueOrFalse({ description: "Create the function on deploy when it does not exist." })),
  eventFormat: Type.Optional(
    eventFormat("this function's event payload (default: the project's eventFormat); behind an HTTP API a v1 function gets payload 1.0"),
  ),
});

export const functions = namedMap(FUNCTION_NAME_RE, (name) => `has an invalid name: ${functionNameProblem(name)}`, functionSettings, 'must name at least one function, e.g. {"hello": {"entry": "."}}', {
  minProperties: 1,
  description: "One entry per Lambda function, by its name (1-64 letters, digits, - and _).",
});

export type FunctionSettings = Static<typeof functionSettings>;
