import path from "node:path";
import type { CommandContext, OptionsOf } from "../cli/command.js";
import type { options } from "./build.meta.js";
import { resolveProject } from "../config/resolve.js";
import { selectFunctions } from "../config/parse.js";
import { buildFunction, type BuildResult } from "../build/index.js";

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function render(results: BuildResult[], cwd: string): string {
  return results
    .map((r) => {
      const rel = path.relative(cwd, r.zipPath) || r.zipPath;
      const shown = rel.startsWith("..") ? r.zipPath : rel;
      const note = r.cached ? " (unchanged)" : "";
      return `${r.function} (${r.architecture})${note}: ${shown}\n  size ${humanSize(r.size)} (${r.size} bytes)  CodeSha256 ${r.codeSha256}`;
    })
    .join("\n");
}

type Opts = OptionsOf<typeof options>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const config = resolveProject(ctx.cwd, "required");
  const fns = selectFunctions(config, ctx.args[0] as string | undefined);
  const arch = ctx.opts.arch;
  const outDir = ctx.opts.out !== undefined ? path.resolve(ctx.cwd, ctx.opts.out) : undefined;
  const results: BuildResult[] = [];
  // one at a time: go already uses every core for one package
  for (const fn of fns) {
    results.push(await buildFunction({ config, fn, arch, outDir, force: ctx.opts.force === true, log: ctx.log, signal: ctx.signal }));
  }
  ctx.log.result({ functions: results }, () => render(results, ctx.cwd));
  return 0;
}
