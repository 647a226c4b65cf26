import type { CommandContext } from "../../cli/command.js";
import { listRoutes, routeCells } from "../../api/routes.js";
import { table } from "../../ui/logger.js";
import { apiOptions } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const r = await listRoutes(apiOptions(ctx));
  ctx.log.result(r, () =>
    r.routes.length ? table(routeCells(r.routes), ["PATH", "METHOD", "INTEGRATION", "TARGET", "AUTH"]) : `REST API ${r.apiId} has no resources`,
  );
  return 0;
}
