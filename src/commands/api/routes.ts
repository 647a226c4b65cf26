import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { routesOptions } from "../api.meta.js";
import { httpRouteCells, listHttpRoutes } from "../../api/http/routes.js";
import { listRoutes, routeCells } from "../../api/routes.js";
import { resolveProject } from "../../config/resolve.js";
import { table } from "../../ui/logger.js";
import { apiOptions } from "./common.js";

type Opts = OptionsOf<typeof routesOptions>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const options = apiOptions(ctx);
  const config = resolveProject(options.cwd, "optional");
  const type = ctx.opts.type ?? config?.api.type ?? "rest";
  if (type === "http") {
    const r = await listHttpRoutes(options, config);
    ctx.log.result(r, () => (r.routes.length ? table(httpRouteCells(r.routes), ["ROUTE", "TARGET", "PAYLOAD", "AUTH"]) : `HTTP API ${r.apiId} has no routes`));
    return 0;
  }
  const r = await listRoutes(options);
  ctx.log.result(r, () =>
    r.routes.length ? table(routeCells(r.routes), ["PATH", "METHOD", "INTEGRATION", "TARGET", "AUTH"]) : `REST API ${r.apiId} has no resources`,
  );
  return 0;
}
