import type { CommandContext } from "../../cli/command.js";
import { createHttpStage } from "../../api/http/stage.js";
import { createStage } from "../../api/stage.js";
import { describeStageResult } from "../../api/sync-stage.js";
import { resolveProject } from "../../config/resolve.js";
import { apiOptions, list, str } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const input = { ...apiOptions(ctx), stage: String(ctx.args[0]), description: str(ctx.opts.description), variables: list(ctx.opts.variable) };
  const config = resolveProject(input.cwd, "optional");
  if (config?.api.type === "http") {
    const r = await createHttpStage(input, config, ctx.log);
    ctx.log.result(r, () => describeStageResult({ kind: "http", ...r }));
    return 0;
  }
  const r = await createStage(input, ctx.log);
  ctx.log.result(r, () => describeStageResult({ kind: "rest", ...r }));
  return 0;
}
