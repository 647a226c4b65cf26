// Pure: renders an API Gateway mapping template (Velocity) with velocityjs, with the variables
// API Gateway defines ($input, $util, $context, $stageVariables) and the Java methods templates
// call on strings, maps and lists (replaceAll, matches, length, containsKey ...).
import { Compile, parse } from "velocityjs";
import { makeInput, type TemplateParams } from "./input.js";
import { javaValue } from "./java.js";
import { makeUtil } from "./util.js";

export interface TemplateInput {
  /** the payload the template maps: the method request body, or the integration response body */
  body: string;
  params: TemplateParams;
  /** $context: the v1 event's requestContext (the same names API Gateway documents) */
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

export class TemplateError extends Error {
  override name = "TemplateError";
}

export function renderTemplate(template: string, input: TemplateInput): string {
  let ast;
  try {
    ast = parse(template);
  } catch (err) {
    throw new TemplateError(`mapping template does not parse: ${parseProblem(err)}`);
  }
  const vars = {
    input: makeInput(input.body, input.params),
    util: makeUtil(),
    context: javaValue(input.context),
    stageVariables: { ...input.stageVariables },
  };
  try {
    return new Compile(ast, { customMethodHandlers: JAVA_METHODS }).render(vars);
  } catch (err) {
    throw new TemplateError(`mapping template failed: ${firstLine(err)}`);
  }
}

/**
 * velocityjs says "Parse error on line 1:\n<source>\n----^\nExpecting 'A', 'B', got 'C'": one
 * line with the column, and the expected tokens cut short.
 */
function parseProblem(err: unknown): string {
  const lines = String(err instanceof Error ? err.message : err).split("\n");
  if (lines.length < 4 || !/^-*\^$/.test(lines[2]!)) return lines[0]!;
  const expecting = lines[3]!.length > 100 ? `${lines[3]!.slice(0, 100)}…` : lines[3]!;
  return `${lines[0]!.replace(/:$/, "")}, column ${lines[2]!.length}: ${expecting}`;
}

function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split("\n")[0]!;
}

/** A Java regex as a JS one; Java's (?s)-less "." and whole-match semantics are the caller's. */
export function javaRegex(pattern: string, flags = ""): RegExp {
  return new RegExp(pattern, flags);
}

interface MethodPayload {
  property: string;
  params: unknown[];
  context: unknown;
}

type Handler = { uid: string; match: (p: MethodPayload) => boolean; resolve: (p: MethodPayload) => unknown };

const onString = (name: string, resolve: (s: string, params: unknown[]) => unknown): Handler => ({
  uid: `lgw: String.${name}`,
  match: (p) => p.property === name && typeof p.context === "string",
  resolve: (p) => resolve(p.context as string, p.params),
});

const onCollection = (name: string, resolve: (c: object, params: unknown[]) => unknown): Handler => ({
  uid: `lgw: Collection.${name}`,
  match: (p) => p.property === name && typeof p.context === "object" && p.context !== null,
  resolve: (p) => resolve(p.context as object, p.params),
});

const str = (v: unknown) => String(v ?? "");

const JAVA_METHODS: Handler[] = [
  onString("length", (s) => s.length),
  onString("replaceAll", (s, [re, to]) => s.replace(javaRegex(str(re), "g"), javaReplacement(str(to)))),
  onString("replaceFirst", (s, [re, to]) => s.replace(javaRegex(str(re)), javaReplacement(str(to)))),
  onString("replace", (s, [from, to]) => s.split(str(from)).join(str(to))),
  onString("matches", (s, [re]) => javaRegex(`^(?:${str(re)})$`).test(s)),
  onString("split", (s, [re]) => {
    const parts = s.split(javaRegex(str(re)));
    while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
    return parts;
  }),
  onString("equals", (s, [other]) => s === other),
  onString("equalsIgnoreCase", (s, [other]) => s.toLowerCase() === str(other).toLowerCase()),
  onString("contains", (s, [part]) => s.includes(str(part))),
  onString("isEmpty", (s) => s.length === 0),
  onString("toString", (s) => s),
  onCollection("isEmpty", (c) => (Array.isArray(c) ? c.length === 0 : Object.keys(c).length === 0)),
  onCollection("containsKey", (c, [k]) => !Array.isArray(c) && Object.prototype.hasOwnProperty.call(c, str(k))),
  onCollection("contains", (c, [v]) => Array.isArray(c) && c.includes(v)),
  onCollection("values", (c) => Object.values(c)),
];

/** Java's replacement syntax uses $1 as JS does, and \$ for a literal dollar. */
function javaReplacement(to: string): string {
  return to.replace(/\\\$/g, "$$$$").replace(/\\\\/g, "\\");
}
