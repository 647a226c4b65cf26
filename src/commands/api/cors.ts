import type { CommandContext } from "../../cli/command.js";
import { enableCors } from "../../api/methods.js";
import { apiOptions, list, str } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const r = await enableCors(
    { ...apiOptions(ctx), path: String(ctx.args[0]), origin: str(ctx.opts.origin), methods: list(ctx.opts.methods), headers: list(ctx.opts.headers) },
    ctx.log,
  );
  ctx.log.result(r, () =>
    [
      ...r.resources.created.map((p) => `+ resource ${p}`),
      `✔ CORS on ${r.path}: ${r.change}`,
      `  origin  ${r.cors.origin}`,
      `  methods ${r.cors.methods.join(",")}`,
      `  headers ${r.cors.headers.join(",")}`,
    ].join("\n"),
  );
  return 0;
}
