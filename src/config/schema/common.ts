// Building blocks of the lgw.json definition (TypeBox: each is plain JSON Schema plus TypeScript
// types). Each carries `errorMessage`, the words lgw says when a value breaks its rule ("must be
// a whole number from 128 to 10240"); issues.ts puts the field in front. Editors that read JSON
// Schema (VS Code) show the same words. Words that depend on the value are a `problem` function,
// kept under a symbol so they stay out of the shipped file.
import * as Type from "@sinclair/typebox";
import { Kind, TypeRegistry, type SchemaOptions, type Static, type TSchema, type TUnsafe } from "@sinclair/typebox";
import { Errors } from "@sinclair/typebox/errors";

/** value -> what is wrong with it, for messages that quote the value. */
export const PROBLEM = Symbol.for("lgw.problem");
/** On a record: key -> what is wrong with it ("has an invalid name: ..."). */
export const KEY_PROBLEM = Symbol.for("lgw.keyProblem");
/** On a union of objects: the property that picks the variant ("type"). */
export const DISCRIMINATOR = Symbol.for("lgw.discriminator");

/** On a `ruled` schema: the schema without its rules, and the rules. */
export const INNER = Symbol.for("lgw.inner");
export const RULES = Symbol.for("lgw.rules");

/**
 * A rule across the fields of one object, written once: `if` the value is like `when`, it must
 * be like `then` (both TypeBox schemas, shipped as JSON Schema's if/then), else `problem(value)`
 * says what is wrong as "field words", the field relative to the object.
 */
export interface Rule<V = never> {
  when: TSchema;
  then: TSchema;
  problem: (value: V) => string;
}

export type Annotated = TSchema & {
  errorMessage?: string;
  [PROBLEM]?: (value: unknown) => string;
  [KEY_PROBLEM]?: (key: string) => string;
  [DISCRIMINATOR]?: string;
  [INNER]?: TSchema;
  [RULES]?: Rule<unknown>[];
};

const valid = (schema: TSchema, value: unknown): boolean => Errors(schema, value).First() === undefined;

/** The first rule of a `ruled` schema that `value` breaks. */
export function brokenRule(schema: Annotated, value: unknown): Rule<unknown> | undefined {
  return schema[RULES]?.find((r) => valid(r.when, value) && !valid(r.then, value));
}

TypeRegistry.Set<Annotated>("Ruled", (schema, value) => valid(schema[INNER]!, value) && brokenRule(schema, value) === undefined);

/** `schema` with `rules` across its fields (checked after the schema itself). */
export function ruled<T extends TSchema>(schema: T, rules: Rule<Static<T>>[]): T {
  const json = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  const shipped = rules.map((r) => ({ if: r.when, then: r.then }));
  return { ...json, allOf: [...((json.allOf as unknown[]) ?? []), ...shipped], [Kind]: "Ruled", [INNER]: schema, [RULES]: rules } as unknown as T;
}

/** Adds a `problem` function to a schema (message words that quote the value). */
export function withProblem<T extends TSchema>(schema: T, problem: (value: unknown) => string): T {
  return Object.assign(schema, { [PROBLEM]: problem });
}

TypeRegistry.Set<{ enum: string[] }>("StringEnum", (schema, value) => typeof value === "string" && schema.enum.includes(value));

/** One of a few words, as JSON Schema's `enum`: `must be "a" or "b"`. */
export function oneOf<const T extends readonly string[]>(values: T, options: SchemaOptions = {}): TUnsafe<T[number]> {
  const message = `must be ${values.map((v) => `"${v}"`).join(" or ")}`;
  return Type.Unsafe<T[number]>({ [Kind]: "StringEnum", type: "string", enum: [...values], errorMessage: message, ...options });
}

/** An object that takes only the keys it knows; `notObject` is said when the value is not one. */
export function settings<P extends Parameters<typeof Type.Object>[0]>(properties: P, notObject = "must be an object", options: SchemaOptions = {}) {
  return Type.Object(properties, { additionalProperties: false, errorMessage: notObject, ...options });
}

/** A whole number in [min, max]; `unit` reads "of seconds " in "a whole number of seconds from". */
export function wholeNumber(range: { min: number; max: number }, options: SchemaOptions & { unit?: string } = {}) {
  const { unit = "", ...rest } = options;
  return Type.Integer({ minimum: range.min, maximum: range.max, errorMessage: `must be a whole number ${unit}from ${range.min} to ${range.max}`, ...rest });
}

export const trueOrFalse = (options: SchemaOptions = {}) => Type.Boolean({ errorMessage: "must be true or false", ...options });

/** A string, "" included (AWS takes an empty description). */
export const text = (options: SchemaOptions = {}) => Type.String({ errorMessage: "must be a string", ...options });

/** A string that must say something (an ARN, an id, a region, a path). */
export const nonEmpty = (options: SchemaOptions = {}) => Type.String({ minLength: 1, errorMessage: "must be a non-empty string", ...options });

/** A list of non-empty strings (an element reports as the list). */
export function stringList(options: SchemaOptions & { nonEmpty?: boolean } = {}) {
  const { nonEmpty: atLeastOne, ...rest } = options;
  const errorMessage = `must be a ${atLeastOne ? "non-empty " : ""}list of strings`;
  return Type.Array(Type.String({ minLength: 1, errorMessage }), { errorMessage, ...(atLeastOne ? { minItems: 1 } : {}), ...rest });
}

/** An object of strings such as environment or stageVariables. */
export const stringMap = (options: SchemaOptions = {}) =>
  Type.Record(Type.String(), Type.String({ errorMessage: "must be a string" }), { errorMessage: "must be an object of strings", ...options });

/** An object whose keys match `keyRule` (else the key's field and `keyProblem(key)`), of `value`s. */
export function namedMap<V extends TSchema>(keyRule: RegExp, keyProblem: (key: string) => string, value: V, notObject: string, options: SchemaOptions = {}) {
  const record = Type.Record(Type.String({ pattern: keyRule.source }), value, { additionalProperties: false, errorMessage: notObject, ...options });
  return Object.assign(record, { [KEY_PROBLEM]: keyProblem });
}
