import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { corsOptions } from "../api.meta.js";
import { enableCors } from "../../api/methods.js";
import { apiOptions, savedLine } from "./common.js";

function corsWhat(c: { saved: true; change: string; paths: string[] | "routed" } | { saved: false }): string {
  if (!c.saved) return "";
  const paths = c.paths === "routed" ? "every routed path" : c.paths.join(", ");
  return c.change === "replaced" ? `api.cors replaced (covers ${paths})` : `api.cors covers ${paths}`;
}

type Opts = OptionsOf<typeof corsOptions>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const r = await enableCors(
    { ...apiOptions(ctx), path: String(ctx.args[0]), origin: ctx.opts.origin || undefined, methods: ctx.opts.methods, headers: ctx.opts.headers, save: ctx.opts.save !== false, force: ctx.opts.force === true },
    ctx.log,
  );
  ctx.log.result(r, () =>
    [
      ...r.resources.created.map((p) => `+ resource ${p}`),
      `✔ CORS on ${r.path}: ${r.change}`,
      `  origin  ${r.cors.origin}`,
      `  methods ${r.cors.methods.join(",")}`,
      `  headers ${r.cors.headers.join(",")}`,
      savedLine(r.config, corsWhat(r.config), `gives ${r.path} this preflight (api.cors)`),
    ].join("\n"),
  );
  return 0;
}
