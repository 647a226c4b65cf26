#!/usr/bin/env node
// Tiny launcher: the whole CLI is bundled into dist/ by `npm run build`.
import module from "node:module";

// Node >= 22.1 keeps V8's compiled code for dist/ between runs (in node's default cache folder,
// or NODE_COMPILE_CACHE's), so a cached `lgw exec` does not compile the bundle again. Node 20
// has no such cache: there, fewer and larger chunks on the exec path are what helps.
try {
  module.enableCompileCache?.();
} catch {
  // a cache folder that cannot be written only costs speed
}
import("../dist/main.js").then((m) => m.run(process.argv.slice(2)));
