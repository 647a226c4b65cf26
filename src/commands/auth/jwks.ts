import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { jwksOptions } from "../auth.meta.js";
import { writeDevJwks } from "../../auth/dev.js";

export default async function handler(ctx: CommandContext<OptionsOf<typeof jwksOptions>>): Promise<number> {
  const r = await writeDevJwks({ cwd: ctx.cwd, authorizer: ctx.opts.authorizer || undefined });
  const what = r.change === "unchanged" ? "already holds" : r.change === "created" ? "created with" : "now also holds";
  ctx.log.result(r, () => `✔ ${r.file} ${what} the development key ${r.kid} (authorizer ${r.authorizer}; used by lgw serve only)`);
  return 0;
}
