import type { CommandContext } from "../../cli/command.js";
import { createHttpStage } from "../../api/http/stage.js";
import { createStage } from "../../api/stage.js";
import { loadProjectIfAny } from "../../api/target.js";
import { apiOptions, list, str } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const input = { ...apiOptions(ctx), stage: String(ctx.args[0]), description: str(ctx.opts.description), variables: list(ctx.opts.variable) };
  const config = loadProjectIfAny(input.cwd);
  if (config?.api.type === "http") {
    const r = await createHttpStage(input, config, ctx.log);
    const what = r.change === "unchanged" ? "is already there" : r.change;
    ctx.log.result(r, () => `✔ stage ${r.stage} of HTTP API ${r.apiId} ${what} (auto-deploy on)\n${r.url}`);
    return 0;
  }
  const r = await createStage(input, ctx.log);
  ctx.log.result(r, () => `✔ deployed ${r.apiId} to stage ${r.stage} (deployment ${r.deploymentId})\n${r.url}`);
  return 0;
}
