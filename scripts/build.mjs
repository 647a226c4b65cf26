// Bundles the CLI into dist/: main.js, code split so `lgw --version` loads one small file and heavy
// code loads only when its command runs, and exec.cjs, `lgw exec` alone in one file (see
// scripts/esbuild-options.mjs).
import { build } from "esbuild";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lgwBuilds } from "./esbuild-options.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
const outdir = fileURLToPath(new URL("../dist", import.meta.url));
await Promise.all(lgwBuilds({ outdir, version: pkg.version }).map((options) => build(options)));

// schema/lgw.schema.json comes from the lgw.json definition (src/config/schema/). Under CI the
// committed file is left as it is, so the test that compares it with the definition can fail.
if (!process.env.CI) {
  const out = await build({ entryPoints: ["src/config/schema/json-schema.ts"], bundle: true, write: false, format: "esm", platform: "node", logLevel: "warning" });
  const { lgwJsonSchemaText, SCHEMA_FILE } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
  const file = new URL(`../${SCHEMA_FILE}`, import.meta.url);
  const text = lgwJsonSchemaText();
  if (readFileSync(file, "utf8") !== text) writeFileSync(file, text);
}
