import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { createMethodOptions } from "../api.meta.js";
import { createMethod } from "../../api/methods.js";
import { apiOptions, savedLine } from "./common.js";

type Opts = OptionsOf<typeof createMethodOptions>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const r = await createMethod(
    {
      ...apiOptions(ctx),
      method: String(ctx.args[0]),
      path: String(ctx.args[1]),
      functionName: ctx.opts.function || undefined,
      authorization: ctx.opts.authorization || undefined,
      authorizerId: ctx.opts.authorizerId || undefined,
      apiKeyRequired: ctx.opts.apiKeyRequired === true,
      save: ctx.opts.save !== false,
      force: ctx.opts.force === true,
    },
    ctx.log,
  );
  const c = r.config;
  const what = c.saved && c.change === "replaced" ? `route "${c.key}" now goes to ${r.functionName}${c.was ? ` (was ${c.was})` : ""}` : `added route "${c.saved ? c.key : ""}": ${r.functionName}`;
  ctx.log.result(r, () =>
    [
      ...r.resources.created.map((p) => `+ resource ${p}`),
      `method       ${r.method} ${r.path}: ${r.methodChange}`,
      `integration  AWS_PROXY -> ${r.functionName}: ${r.integrationChange}`,
      `permission   ${r.permission.statementId}: ${r.permission.outcome}`,
      savedLine(c, what, `routes ${r.method} ${r.path} to ${r.functionName}`),
      ...(c.saved && c.wasImplicit ? [`  note: lgw.json had no routes, so every path went to ${r.functionName}; now only its routes do (add "ANY /{proxy+}" for the rest)`] : []),
      `✔ ${r.method} ${r.path} -> ${r.functionName} (deploy with \`lgw api create-stage <stage>\`, or \`lgw api sync --stage <stage>\`)`,
    ].join("\n"),
  );
  return 0;
}
