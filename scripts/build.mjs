// Bundles the CLI into dist/ so `lgw --version` loads one small file. Each command is its own
// chunk (code splitting), so heavy code loads only when that command runs.
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lgwEsbuildOptions } from "./esbuild-options.mjs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build(lgwEsbuildOptions({ outdir: fileURLToPath(new URL("../dist", import.meta.url)), version: pkg.version }));
