import type { CommandContext } from "../../cli/command.js";
import { applyPlan, undeployedError } from "../../api/apply.js";
import { renderPlan, undeployedMessage } from "../../api/plan.js";
import { prepareSync } from "../../api/sync.js";
import { apiOptions } from "./common.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const dryRun = Boolean(ctx.opts.dryRun);
  const prune = Boolean(ctx.opts.prune);
  const { aws, plan, resources, implicitRoutes } = await prepareSync({ ...apiOptions(ctx), prune });
  // a real sync needs every routed function's ARN: refuse before printing or changing anything
  if (!dryRun && plan.undeployed.length) throw undeployedError(plan.undeployed);
  if (implicitRoutes) ctx.log.info("lgw.json has no routes: every path goes to the project's only function (ANY / and ANY /{proxy+})");
  // the plan first, on the human stream (stderr under --json, where stdout holds the result)
  ctx.log.info(renderPlan(plan));
  for (const fn of plan.undeployed) ctx.log.warn(undeployedMessage(fn));
  const applied = dryRun ? 0 : await applyPlan(aws, plan, resources, ctx.log);
  ctx.log.result({ ...plan, dryRun, prune, applied }, () => {
    if (plan.steps.length === 0) return "";
    if (dryRun) return "(dry run: nothing changed; run without --dry-run to apply)";
    return `✔ applied ${applied} change${applied === 1 ? "" : "s"} to ${plan.apiId} (deploy with \`lgw api create-stage <stage>\`)`;
  });
  return 0;
}
