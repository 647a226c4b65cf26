import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { createOptions } from "../api.meta.js";
import { createApi } from "../../api/create.js";
import { apiOptions } from "./common.js";

type Opts = OptionsOf<typeof createOptions>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const { id: _none, ...opts } = apiOptions(ctx);
  const result = await createApi(
    {
      ...opts,
      name: String(ctx.args[0]),
      description: ctx.opts.description || undefined,
      force: ctx.opts.force === true,
      type: ctx.opts.type || undefined,
      stage: ctx.opts.stage === false ? false : typeof ctx.opts.stage === "string" ? ctx.opts.stage || undefined : undefined,
    },
    ctx.log,
  );
  ctx.log.result(result, () =>
    [
      `✔ created ${result.type === "http" ? "HTTP" : "REST"} API ${result.name} (${result.id}) in ${result.region}`,
      result.stage ? `  stage ${result.stage} (auto-deploy): ${result.url}` : "",
      result.recordedIn ? `  recorded as api.id and api.type in ${result.recordedIn}` : "",
      result.type === "http" ? "  next: `lgw api sync` creates the routes" : "",
    ]
      .filter(Boolean)
      .join("\n"),
  );
  return 0;
}
