// One definition of lgw.json (src/config/schema/): the loader and the shipped JSON Schema must
// agree on every case, and the committed schema/lgw.schema.json must be the one the definition
// makes today.
import { Ajv } from "ajv";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/parse.js";
import { SCHEMA_FILE, lgwJsonSchemaText } from "../src/config/schema/json-schema.js";
import { planScaffold, type InitAnswers } from "../src/scaffold/plan.js";
import { readTemplate } from "../src/scaffold/templates.js";
import { ALL_CASES, type ConfigCase } from "./fixtures/lgw-json-cases.js";

const root = path.resolve(import.meta.dirname, "..");
const shipped = JSON.parse(readFileSync(path.join(root, SCHEMA_FILE), "utf8"));
// strict: a keyword ajv does not know is an error, except errorMessage, which editors (VS Code) show
const ajv = new Ajv({ strict: true, allErrors: true });
ajv.addKeyword("errorMessage");
const schemaAccepts = ajv.compile(shipped);

function loaderOutcome(json: unknown): { ok: true } | { ok: false; message: string; exitCode: unknown } {
  try {
    parseConfig(JSON.stringify(json), "lgw.json", "/p");
    return { ok: true };
  } catch (err) {
    return { ok: false, message: (err as Error).message, exitCode: (err as { exitCode?: unknown }).exitCode };
  }
}

describe("the loader and the shipped schema agree", () => {
  it.each(ALL_CASES.map((c) => [c.what, c] as [string, ConfigCase]))("%s", (_what, c) => {
    const loader = loaderOutcome(c.json);
    const schema = schemaAccepts(c.json);
    if (c.rejects === undefined) {
      expect(loader).toEqual({ ok: true });
      expect(schemaAccepts.errors ?? []).toEqual([]);
      return;
    }
    expect(loader.ok).toBe(false);
    if (loader.ok) return;
    expect(loader.message).toMatch(/^lgw\.json: /);
    expect(loader.message).toContain(c.rejects);
    expect(loader.message).not.toContain("\n");
    expect(loader.exitCode).toBe(2);
    // a rule no JSON Schema can hold is the loader's alone; every other rule is the schema's too
    expect(schema).toBe(c.loaderOnly === true);
  });

  it("covers every kind of case", () => {
    expect(ALL_CASES.filter((c) => c.rejects === undefined).length).toBeGreaterThan(10);
    expect(ALL_CASES.filter((c) => c.loaderOnly).length).toBeGreaterThan(4);
  });
});

describe("the lgw.json files lgw itself writes pass both", () => {
  const base: InitAnswers = { name: "hello", module: "example.com/hello", architecture: "arm64", eventFormat: "v1" };
  const scaffolds: [string, Partial<InitAnswers>][] = [
    ["lgw init (v1)", {}],
    ["lgw init --event v2 --arch x86_64", { eventFormat: "v2", architecture: "x86_64" }],
    ["lgw init --event v2 --auth jwt", { eventFormat: "v2", auth: "jwt" }],
    ["lgw init --auth token", { auth: "token" }],
  ];
  it.each(scaffolds)("%s", async (_what, answers) => {
    const full = { ...base, ...answers };
    const extras = { schema: lgwJsonSchemaText(), lgw: "lgw" as const };
    const text = planScaffold(full, await readTemplate(full.eventFormat), extras).find((op) => op.path === "lgw.json")!.contents;
    expect(loaderOutcome(JSON.parse(text))).toEqual({ ok: true });
    expect(schemaAccepts(JSON.parse(text))).toBe(true);
  });

  it("the README's example", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const example = /## lgw\.json[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(loaderOutcome(JSON.parse(example!))).toEqual({ ok: true });
    expect(schemaAccepts(JSON.parse(example!))).toBe(true);
  });
});

describe(SCHEMA_FILE, () => {
  it("is the one the definition makes (run `npm run build` and commit it when this fails)", () => {
    expect(readFileSync(path.join(root, SCHEMA_FILE), "utf8")).toBe(lgwJsonSchemaText());
  });
});
