import type { CommandContext } from "../../cli/command.js";
import { createApi } from "../../api/create.js";
import { apiOptions, str } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const { id: _none, ...opts } = apiOptions(ctx);
  const result = await createApi({ ...opts, name: String(ctx.args[0]), description: str(ctx.opts.description), force: Boolean(ctx.opts.force) }, ctx.log);
  ctx.log.result(result, () =>
    [`✔ created REST API ${result.name} (${result.id}) in ${result.region}`, result.recordedIn ? `  recorded as api.id in ${result.recordedIn}` : ""].filter(Boolean).join("\n"),
  );
  return 0;
}
