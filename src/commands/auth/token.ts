import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { tokenOptions } from "../auth.meta.js";
import { issueToken } from "../../auth/dev.js";

export default async function handler(ctx: CommandContext<OptionsOf<typeof tokenOptions>>): Promise<number> {
  const o = ctx.opts;
  const r = await issueToken({ cwd: ctx.cwd, authorizer: o.authorizer || undefined, sub: o.sub, claims: o.claim, scopes: o.scope, expires: o.expires });
  if (r.warning) ctx.log.warn(r.warning);
  // just the token on stdout, so $(lgw auth token) works in a shell
  ctx.log.result(r, () => r.token);
  return 0;
}
