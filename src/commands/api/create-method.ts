import type { CommandContext } from "../../cli/command.js";
import { createMethod } from "../../api/methods.js";
import { apiOptions, str } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const r = await createMethod(
    {
      ...apiOptions(ctx),
      method: String(ctx.args[0]),
      path: String(ctx.args[1]),
      functionName: str(ctx.opts.function),
      authorization: str(ctx.opts.authorization),
      authorizerId: str(ctx.opts.authorizerId),
      apiKeyRequired: Boolean(ctx.opts.apiKeyRequired),
    },
    ctx.log,
  );
  ctx.log.result(r, () =>
    [
      ...r.resources.created.map((p) => `+ resource ${p}`),
      `method       ${r.method} ${r.path}: ${r.methodChange}`,
      `integration  AWS_PROXY -> ${r.functionName}: ${r.integrationChange}`,
      `permission   ${r.permission.statementId}: ${r.permission.outcome}`,
      `✔ ${r.method} ${r.path} -> ${r.functionName} (deploy with \`lgw api create-stage <stage>\`)`,
    ].join("\n"),
  );
  return 0;
}
