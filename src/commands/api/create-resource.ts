import type { CommandContext } from "../../cli/command.js";
import { createResourcePath } from "../../api/methods.js";
import { apiOptions } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
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
