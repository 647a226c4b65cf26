import { SourceMap } from "node:module";
import { describe, expect, it } from "vitest";
import { sourceMappedStack } from "./stack.js";

// a map whose every position is line 10, column 5 of ../src/cli/x.ts
const map = new SourceMap({ version: 3, file: "x.js", sources: ["../src/cli/x.ts"], names: [], mappings: "AASI", sourceRoot: "", sourcesContent: [] });
const maps = (file: string) => (file.startsWith("/app/dist/") ? map : undefined);

describe("sourceMappedStack", () => {
  it.each([
    ["an ESM frame (file URL)", "    at run (file:///app/dist/main.js:1:1)", "    at run (/app/src/cli/x.ts:10:5)"],
    ["an anonymous ESM frame", "    at file:///app/dist/main.js:1:1", "    at /app/src/cli/x.ts:10:5"],
    ["a CommonJS frame of dist/exec.cjs (a plain path)", "    at Object.run (/app/dist/exec.cjs:1:1)", "    at Object.run (/app/src/cli/x.ts:10:5)"],
    ["an .mjs frame", "    at /app/dist/x.mjs:1:1", "    at /app/src/cli/x.ts:10:5"],
    ["a file without a map: as it was", "    at f (/app/node_modules/y/index.js:3:4)", "    at f (/app/node_modules/y/index.js:3:4)"],
    ["node's own frames: as they were", "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)", "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"],
    ["the message line: as it was", "TypeError: x is not a function", "TypeError: x is not a function"],
  ])("%s", (_name, line, expected) => {
    expect(sourceMappedStack(line, maps)).toBe(expected);
  });
});
