// A problem TypeBox found in lgw.json -> the one line lgw prints: "functions.a.memory must be a
// whole number from 128 to 10240". The words come from the definition (errorMessage, or a
// `problem` function for words that quote the value); this finds the field and the words.
import { Kind, type TSchema } from "@sinclair/typebox";
import { Errors, ValueErrorType, type ValueError } from "@sinclair/typebox/errors";
import { brokenRule, DISCRIMINATOR, INNER, KEY_PROBLEM, PROBLEM, type Annotated } from "./common.js";

const segments = (pointer: string): string[] => (pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")));

/** Keys under these are written in brackets: routes["GET /x"], responses["4\\d{2}"]. */
const BRACKETED = new Set(["routes", "requestTemplates", "templates", "responses"]);

/**
 * functions.a.memory, routes["GET /x"].authorizer, "the top level"; list positions are left out.
 * `badKey`: the last key is itself the problem (headers["X Y"]), so it is bracketed too.
 */
export function fieldName(root: unknown, pointer: string, badKey = false): string {
  let out = "";
  let at: unknown = root;
  const keys = segments(pointer);
  keys.forEach((key, i) => {
    const inList = Array.isArray(at);
    at = at !== null && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
    if (inList) return;
    const bracket = BRACKETED.has(keys[i - 1] ?? "") || (badKey && i === keys.length - 1 && keys[i - 1] === "headers");
    out += bracket ? `["${key}"]` : out ? `.${key}` : key;
  });
  return out || "the top level";
}

const wordsFor = (schema: Annotated, value: unknown, fallback: string): string => schema[PROBLEM]?.(value) ?? schema.errorMessage ?? fallback;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const unknownKey = (e: ValueError) => e.type === ValueErrorType.ObjectAdditionalProperties && e.schema[Kind] !== "Record";

/** The problem to report: an unknown key first (likely the typo behind the rest), else the first. */
function pick(errors: Iterable<ValueError>): ValueError | undefined {
  const all = [...errors];
  return all.find(unknownKey) ?? all[0];
}

/**
 * "field problem" for one error, looking inside unions for the variant the value was meant as.
 * `base`: the pointer of the value the error's own path starts from (errors inside a `ruled`
 * object are found by checking that object alone).
 */
function describe(root: unknown, e: ValueError, base = ""): string {
  const schema = e.schema as Annotated;
  const at = base + e.path;
  const field = fieldName(root, at);
  if (schema[INNER] && e.type === ValueErrorType.Kind) {
    // a `ruled` object: its own errors first, then the rule it breaks
    const inner = pick(Errors(schema[INNER], e.value));
    if (inner) return describe(root, inner, at);
    const problem = brokenRule(schema, e.value)?.problem(e.value);
    if (problem) return at === "" ? problem : `${field}.${problem}`;
  }
  if (e.type === ValueErrorType.ObjectAdditionalProperties) {
    const key = segments(at).at(-1)!;
    if (schema[KEY_PROBLEM]) return `${fieldName(root, at, true)} ${schema[KEY_PROBLEM](key)}`;
    return `${field} is not a known setting (known: ${Object.keys(schema.properties ?? {}).join(", ")})`;
  }
  if (e.type === ValueErrorType.Union) {
    const variants = (schema.anyOf ?? []) as TSchema[];
    const tag = schema[DISCRIMINATOR];
    if (tag) {
      const value = e.value;
      if (!isObject(value)) return `${field} must be an object`;
      const i = variants.findIndex((v) => v.properties?.[tag]?.const === value[tag]);
      if (i < 0) return `${field}.${tag} ${wordsFor(schema, value, e.message)}`;
      const inner = pick(e.errors[i]!);
      if (inner) return describe(root, inner, base);
    } else {
      // the variant of the value's own JSON type (a string, an object), when only one has it
      const close = variants.flatMap((v, i) => (jsonTypeOf(e.value) === (v.type === "integer" ? "number" : v.type) ? [pick(e.errors[i]!)] : []));
      if (close.length === 1 && close[0]) return describe(root, close[0], base);
    }
  }
  return `${field} ${wordsFor(schema, e.value, e.message)}`;
}

const jsonTypeOf = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** The first problem of `value` against `schema`, as "field problem", or undefined when it is valid. */
export function schemaProblem(schema: TSchema, value: unknown): string | undefined {
  const e = pick(Errors(schema, value));
  return e && describe(value, e);
}
