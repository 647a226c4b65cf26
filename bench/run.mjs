// npm run bench: runs every benchmark in this folder in turn (each measures its own baseline
// in the same run) and prints their figures. Assumes `npm run build` ran (the npm script does it).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = ["init", "build", "exec", "serve", "auth", "deploy", "api"].filter((b) => only.length === 0 || only.includes(b));
let failed = 0;
for (const name of benches) {
  const file = path.join(here, `${name}.mjs`);
  if (!existsSync(file)) {
    console.log(`\n== ${name}: no benchmark yet`);
    continue;
  }
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, [file], { stdio: "inherit", cwd: path.dirname(here) });
  if (r.status !== 0) {
    failed++;
    console.log(`(${name} benchmark exited with ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
