// esbuild's options for lgw's bundle, shared by `npm run build` and the tests that spawn lgw as a
// real process (test/helpers/bin.ts), so what tests run is bundled as what ships: minified, code
// split per command, with linked source maps for the bug printer.
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** @param {{ outdir: string, version: string }} opts */
export function lgwEsbuildOptions({ outdir, version }) {
  return {
    entryPoints: [path.join(repo, "src/cli/main.ts")],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // maps serve the bug printer (src/cli/stack.ts), which needs locations only, not the sources
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    minify: true,
    chunkNames: "chunks/[name]-[hash]",
    // runtime dependencies that are large or load natively/dynamically stay external
    external: ["@aws-sdk/*", "@smithy/*", "archiver", "@inquirer/prompts", "chokidar"],
    define: { __LGW_VERSION__: JSON.stringify(version) },
    logLevel: "warning",
    // bundled CommonJS (commander) calls require() for node built-ins
    banner: { js: 'import { createRequire as __lgwCreateRequire } from "node:module"; const require = __lgwCreateRequire(import.meta.url);' },
  };
}
