import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { createResourceOptions } from "../api.meta.js";
import { createResourcePath } from "../../api/methods.js";
import { apiOptions } from "./common.js";

type Opts = OptionsOf<typeof createResourceOptions>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const result = await createResourcePath({ ...apiOptions(ctx), path: String(ctx.args[0]) }, ctx.log);
  ctx.log.result(result, () => {
    const lines = result.created.map((p) => `+ ${p}`);
    const summary = result.created.length
      ? `✔ ${result.path}: created ${result.created.length}, ${result.existing.length} already there`
      : `✔ ${result.path} already exists: nothing to create`;
    return [...lines, summary].join("\n");
  });
  return 0;
}
