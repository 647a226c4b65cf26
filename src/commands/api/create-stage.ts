import type { CommandContext } from "../../cli/command.js";
import { createStage } from "../../api/stage.js";
import { apiOptions, list, str } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const r = await createStage(
    { ...apiOptions(ctx), stage: String(ctx.args[0]), description: str(ctx.opts.description), variables: list(ctx.opts.variable) },
    ctx.log,
  );
  ctx.log.result(r, () => `✔ deployed ${r.apiId} to stage ${r.stage} (deployment ${r.deploymentId})\n${r.url}`);
  return 0;
}
