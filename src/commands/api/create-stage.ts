import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { createStageOptions } from "../api.meta.js";
import { createHttpStage } from "../../api/http/stage.js";
import { createStage } from "../../api/stage.js";
import { describeStageResult } from "../../api/sync-stage.js";
import { resolveProject } from "../../config/resolve.js";
import { apiOptions } from "./common.js";

type Opts = OptionsOf<typeof createStageOptions>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const input = { ...apiOptions(ctx), stage: String(ctx.args[0]), description: ctx.opts.description || undefined, variables: ctx.opts.variable };
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
