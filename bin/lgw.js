#!/usr/bin/env node
// Tiny launcher: the whole CLI is bundled into dist/ by `npm run build`. CommonJS (bin/package.json),
// so that `lgw exec`, the command run in a tight edit-run loop, loads one CommonJS file and no ESM
// graph: dist/exec.cjs.
"use strict";
const nodeModule = require("node:module");
const path = require("node:path");

/**
 * The command lgw runs: the first word after the global options of src/cli/program.ts
 * (src/cli/launcher.test.ts fails when one is added there and not here).
 */
function commandOf(argv) {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-C" || a === "--cwd") i++;
    else if (!["--json", "-v", "--verbose", "--no-color"].includes(a) && !a.startsWith("--cwd=") && !/^-C./.test(a)) return a;
  }
  return undefined;
}

function main() {
  // Node >= 22.1 keeps V8's compiled code between runs (in node's default cache folder, or
  // NODE_COMPILE_CACHE's; NODE_DISABLE_COMPILE_CACHE turns it off), so a command does not compile
  // dist/ again. For dist/exec.cjs, ./compile-cache.cjs keeps V8's code cache itself, on every
  // Node: Node 20 has no compile cache, and Node 22's holds only the code compiled while loading,
  // where compile-cache.cjs saves at exit what the whole run compiled (a cached exec 9-14 ms faster).
  try {
    nodeModule.enableCompileCache?.();
  } catch {
    // a cache folder that cannot be written only costs speed
  }
  const argv = process.argv.slice(2);
  if (commandOf(argv) === "exec") {
    const file = path.join(__dirname, "..", "dist", "exec.cjs");
    require("./compile-cache.cjs").requireWithCodeCache(file).run(argv);
  } else {
    import("../dist/main.js").then((m) => m.run(argv));
  }
}

// run as the lgw command; required (by the launcher's test), it only exports commandOf
if (require.main === module) main();
else module.exports = { commandOf };
