// Bundles the CLI into dist/ so `lgw --version` loads one small file. Each command is its own
// chunk (code splitting), so heavy code loads only when that command runs. Runtime
// dependencies that are large or have native/dynamic loading stay external.
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ["src/cli/main.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  legalComments: "none",
  minify: true,
  chunkNames: "chunks/[name]-[hash]",
  external: ["@aws-sdk/*", "@smithy/*", "archiver", "@inquirer/prompts", "chokidar"],
  define: { __LGW_VERSION__: JSON.stringify(pkg.version) },
  logLevel: "warning",
  // bundled CommonJS (commander) calls require() for node built-ins
  banner: { js: "import { createRequire as __lgwCreateRequire } from \"node:module\"; const require = __lgwCreateRequire(import.meta.url);" },
});
