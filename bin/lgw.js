#!/usr/bin/env node
// Tiny launcher: the whole CLI is bundled into dist/ by `npm run build`.
import("../dist/main.js").then((m) => m.run(process.argv.slice(2)));
