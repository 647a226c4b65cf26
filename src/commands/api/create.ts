import type { CommandContext } from "../../cli/command.js";
import { createApi } from "../../api/create.js";
import { apiOptions, str } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const { id: _none, ...opts } = apiOptions(ctx);
  const result = await createApi(
    {
      ...opts,
      name: String(ctx.args[0]),
      description: str(ctx.opts.description),
      force: Boolean(ctx.opts.force),
      type: str(ctx.opts.type),
      stage: ctx.opts.stage === false ? false : str(ctx.opts.stage),
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
