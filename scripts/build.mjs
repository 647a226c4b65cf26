// Bundles the CLI into dist/ so `lgw --version` loads one small file. Each command is its own
// chunk (code splitting), so heavy code loads only when that command runs.
import { build } from "esbuild";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lgwEsbuildOptions } from "./esbuild-options.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build(lgwEsbuildOptions({ outdir: fileURLToPath(new URL("../dist", import.meta.url)), version: pkg.version }));

// schema/lgw.schema.json comes from the lgw.json definition (src/config/schema/). Under CI the
// committed file is left as it is, so the test that compares it with the definition can fail.
if (!process.env.CI) {
  const out = await build({ entryPoints: ["src/config/schema/json-schema.ts"], bundle: true, write: false, format: "esm", platform: "node", logLevel: "warning" });
  const { lgwJsonSchemaText, SCHEMA_FILE } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
  const file = new URL(`../${SCHEMA_FILE}`, import.meta.url);
  const text = lgwJsonSchemaText();
  if (readFileSync(file, "utf8") !== text) writeFileSync(file, text);
}
