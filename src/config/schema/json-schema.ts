// schema/lgw.schema.json, made from the definition in project.ts (TypeBox schemas are JSON
// Schema already; the lgw-only `problem` functions sit under symbols JSON leaves out).
// scripts/build.mjs writes it and a test fails when the committed copy is stale.
import { lgwJson } from "./project.js";

export const SCHEMA_FILE = "schema/lgw.schema.json";

export function lgwJsonSchema(): Record<string, unknown> {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://unpkg.com/lgw/schema/lgw.schema.json",
    title: "lgw project",
    description: "Settings of an lgw project: Go Lambda functions and the API Gateway routes in front of them.",
    ...(JSON.parse(JSON.stringify(lgwJson)) as Record<string, unknown>),
  };
}

/** The file's text: 2-space JSON and a final newline. */
export const lgwJsonSchemaText = (): string => JSON.stringify(lgwJsonSchema(), null, 2) + "\n";
