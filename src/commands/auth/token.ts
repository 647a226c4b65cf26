import type { CommandContext } from "../../cli/command.js";
import { issueToken } from "../../auth/dev.js";
import { list, str } from "../api/common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const r = await issueToken({ cwd: ctx.cwd, authorizer: str(ctx.opts.authorizer), sub: str(ctx.opts.sub), claims: list(ctx.opts.claim), scopes: list(ctx.opts.scope), expires: str(ctx.opts.expires) });
  if (r.warning) ctx.log.warn(r.warning);
  // just the token on stdout, so $(lgw auth token) works in a shell
  ctx.log.result(r, () => r.token);
  return 0;
}
