import type { CommandContext } from "../../cli/command.js";
import { writeDevJwks } from "../../auth/dev.js";
import { str } from "../api/common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const r = await writeDevJwks({ cwd: ctx.cwd, authorizer: str(ctx.opts.authorizer) });
  const what = r.change === "unchanged" ? "already holds" : r.change === "created" ? "created with" : "now also holds";
  ctx.log.result(r, () => `✔ ${r.file} ${what} the development key ${r.kid} (authorizer ${r.authorizer}; used by lgw serve only)`);
  return 0;
}
