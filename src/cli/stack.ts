// A bug's stack, in TypeScript. The bundle is minified and ships with esbuild's linked source maps
// (dist/**/*.js.map); instead of enabling Node's source maps for every run (--enable-source-maps
// parses each map at load, ~10-30 ms on `lgw --version`), the maps are read only here, once a bug
// has been thrown, so a run that does not fail pays nothing.
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// "    at fn (file:///x/dist/main.js:3:44)", "    at file:///x/dist/main.js:3:44" or
// "    at fn (/x/dist/exec.cjs:3:44)" (CommonJS frames are plain paths)
const FRAME = /^(\s*at (?:.*? \()?)((?:file:\/\/)?\/[^():]+\.[mc]?js):(\d+):(\d+)(\)?)$/;

/** Reads the map esbuild links from `file` (file + ".map"), or undefined when there is none. */
export type MapReader = (jsFile: string) => SourceMap | undefined;

function readLinkedMap(jsFile: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(jsFile + ".map", "utf8")));
  } catch {
    return undefined;
  }
}

/**
 * The stack with every frame of a mapped file pointing at its TypeScript source
 * (`at run (/…/src/cli/main.ts:203:20)`); frames without a map (node:internal, node_modules
 * kept external) stay as they are.
 */
export function sourceMappedStack(stack: string, readMap: MapReader = readLinkedMap): string {
  const maps = new Map<string, SourceMap | undefined>();
  return stack
    .split("\n")
    .map((line) => {
      const m = FRAME.exec(line);
      if (!m) return line;
      const [, head, location, lineText, columnText, tail] = m as unknown as [string, string, string, string, string, string];
      const file = location.startsWith("file://") ? fileURLToPath(location) : location;
      if (!maps.has(file)) maps.set(file, readMap(file));
      const entry = maps.get(file)?.findEntry(Number(lineText) - 1, Number(columnText) - 1);
      if (!entry || !("originalSource" in entry) || !entry.originalSource) return line;
      const source = entry.originalSource.startsWith("file://")
        ? fileURLToPath(entry.originalSource)
        : path.resolve(path.dirname(file), entry.originalSource);
      return `${head}${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${tail}`;
    })
    .join("\n");
}
