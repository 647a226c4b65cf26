// esbuild's options for lgw's bundles, shared by `npm run build` and the tests that spawn lgw as a
// real process (test/helpers/bin.ts), so what tests run is bundled as what ships: minified, with
// linked source maps for the bug printer. Two bundles: dist/main.js (ESM, code split per command,
// so `lgw --version` loads one small file) and dist/exec.cjs (the `exec` command alone in one
// CommonJS file, which bin/lgw.js loads for `lgw exec`: no chunk graph to resolve and link, and
// one file whose compiled code a cache can keep).
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** @param {{ outdir: string, version: string }} opts */
export function lgwEsbuildOptions({ outdir, version }) {
  return {
    ...shared(version),
    entryPoints: [path.join(repo, "src/cli/main.ts")],
    outdir,
    splitting: true,
    format: "esm",
    chunkNames: "chunks/[name]-[hash]",
    // bundled CommonJS (commander) calls require() for node built-ins
    banner: { js: 'import { createRequire as __lgwCreateRequire } from "node:module"; const require = __lgwCreateRequire(import.meta.url);' },
  };
}

/** dist/exec.cjs: `lgw exec` alone, one CommonJS file (see bin/lgw.js). */
/** @param {{ outdir: string, version: string }} opts */
export function lgwExecEsbuildOptions({ outdir, version }) {
  const base = shared(version);
  return {
    ...base,
    entryPoints: [path.join(repo, "src/cli/exec-main.ts")],
    outfile: path.join(outdir, "exec.cjs"),
    format: "cjs",
    // the ESM sources read import.meta.url (the package root); in CommonJS it comes from __filename
    define: { ...base.define, "import.meta.url": "__lgwImportMetaUrl" },
    // import() of the external packages becomes require() (each ships CommonJS too): bin/lgw.js
    // runs this file through vm.Script on Node 20, where import() needs an experimental hook
    supported: { "dynamic-import": false },
    banner: { js: 'var __lgwImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
}

/** Both bundles, as `npm run build` writes them into `outdir`. */
/** @param {{ outdir: string, version: string }} opts */
export function lgwBuilds(opts) {
  return [lgwEsbuildOptions(opts), lgwExecEsbuildOptions(opts)];
}

function shared(version) {
  return {
    bundle: true,
    platform: "node",
    target: "node20",
    // maps serve the bug printer (src/cli/stack.ts), which needs locations only, not the sources
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    minify: true,
    // runtime dependencies that are large or load natively/dynamically stay external
    external: ["@aws-sdk/*", "@smithy/*", "archiver", "@inquirer/prompts", "chokidar"],
    define: { __LGW_VERSION__: JSON.stringify(version) },
    logLevel: "warning",
  };
}
