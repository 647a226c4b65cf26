#!/usr/bin/env node
// Tiny launcher: the whole CLI is bundled into dist/ by `npm run build`. CommonJS (bin/package.json),
// so that `lgw exec`, the command run in a tight edit-run loop, loads one CommonJS file and no ESM
// graph: dist/exec.cjs.
"use strict";
const nodeModule = require("node:module");
const path = require("node:path");

// Node >= 22.1 keeps V8's compiled code between runs (in node's default cache folder, or
// NODE_COMPILE_CACHE's; NODE_DISABLE_COMPILE_CACHE turns it off), so a cached `lgw exec` does not
// compile its code again. Node 20 has no such cache: there, ./compile-cache.cjs keeps V8's code
// cache for dist/exec.cjs itself.
let nodeCache = false;
try {
  if (typeof nodeModule.enableCompileCache === "function") {
    nodeModule.enableCompileCache();
    nodeCache = true;
  }
} catch {
  // a cache folder that cannot be written only costs speed
}

/** The command lgw runs: the first word after the global options of src/cli/program.ts. */
function commandOf(argv) {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-C" || a === "--cwd") i++;
    else if (!["--json", "-v", "--verbose", "--no-color"].includes(a) && !a.startsWith("--cwd=") && !/^-C./.test(a)) return a;
  }
  return undefined;
}

const argv = process.argv.slice(2);
if (commandOf(argv) === "exec") {
  const file = path.join(__dirname, "..", "dist", "exec.cjs");
  const entry = nodeCache ? require(file) : require("./compile-cache.cjs").requireWithCodeCache(file);
  entry.run(argv);
} else {
  import("../dist/main.js").then((m) => m.run(argv));
}
