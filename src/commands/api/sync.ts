import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { syncOptions } from "../api.meta.js";
import { UsageError } from "../../errors.js";
import { applySyncPlan, undeployedError } from "../../api/apply.js";
import { applyHttpPlan } from "../../api/http/apply.js";
import { renderHttpPlan } from "../../api/http/render.js";
import { prepareHttpSync } from "../../api/http/sync.js";
import { renderPlan, undeployedMessage } from "../../api/render.js";
import { prepareSync } from "../../api/sync.js";
import { resolveProject } from "../../config/resolve.js";
import { interruptedReport, SyncInterrupted } from "../../api/steps.js";
import { checkSyncStage, deployAfterSync, describeStageResult } from "../../api/sync-stage.js";
import { apiOptions } from "./common.js";

type Opts = OptionsOf<typeof syncOptions>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const dryRun = ctx.opts.dryRun === true;
  const prune = ctx.opts.prune === true;
  const options = { ...apiOptions(ctx), prune };
  const config = resolveProject(options.cwd, "optional");
  if (!config) throw new UsageError("no lgw.json here: `lgw api sync` applies its routes; run it in a project (or -C <dir>)");
  const http = config.api.type === "http";
  const stage = checkSyncStage(ctx.opts.stage, http);
  const prepared = http ? await prepareHttpSync(options, config) : await prepareSync(options);
  const { plan, implicitRoutes } = prepared;
  // a real sync needs every routed function's ARN: refuse before printing or changing anything
  if (!dryRun && plan.undeployed.length) throw undeployedError(plan.undeployed);
  if (implicitRoutes) {
    ctx.log.info(`lgw.json has no routes: every path goes to the project's only function (${http ? "$default" : "ANY / and ANY /{proxy+}"})`);
  }
  // the plan first, on the human stream (stderr under --json, where stdout holds the result)
  ctx.log.info("kind" in plan ? renderHttpPlan(plan, { prune }) : renderPlan(plan, { prune }));
  for (const fn of plan.undeployed) ctx.log.warn(undeployedMessage(fn));
  if (stage) ctx.log.info(`  then: ${http ? "make sure the auto-deploying stage" : "deploy the API to stage"} ${stage}${http ? " exists" : ""}`);
  let applied = 0;
  try {
    if (!dryRun) {
      applied =
        "kind" in plan
          ? await applyHttpPlan(prepared.aws, plan, ctx.log, ctx.signal)
          : await applySyncPlan(prepared.aws, plan, (prepared as Awaited<ReturnType<typeof prepareSync>>).resources, ctx.log, ctx.signal);
    }
  } catch (err) {
    if (!(err instanceof SyncInterrupted)) throw err;
    const lines = interruptedReport(err, plan.apiId, `lgw api sync${prune ? " --prune" : ""}${stage ? ` --stage ${stage}` : ""}`);
    ctx.log.warn(lines[0]!);
    ctx.log.err(lines.slice(1).join("\n") + "\n");
    ctx.log.result({ ...plan, dryRun, prune, applied: err.done.length, interrupted: true, remaining: err.remaining }, () => "");
    return err.exitCode;
  }
  // the stage only after a sync that finished: it then serves exactly what lgw.json says
  const deployed = stage && !dryRun && !ctx.signal?.aborted ? await deployAfterSync(prepared.aws, plan.apiId, stage, config, ctx.log) : undefined;
  const result = { ...plan, dryRun, prune, applied, ...(stage ? { stage: deployed ?? { stage, planned: true } } : {}) };
  ctx.log.result(result, () => {
    const lines: string[] = [];
    if (plan.steps.length && dryRun) lines.push("(dry run: nothing changed; run without --dry-run to apply)");
    if (plan.steps.length && !dryRun) {
      const next = stage ? "" : http ? " (the API's auto-deploying stages serve it now; `lgw api create-stage <stage>` adds one)" : " (deploy with `lgw api create-stage <stage>`, or `lgw api sync --stage <stage>`)";
      lines.push(`✔ applied ${applied} change${applied === 1 ? "" : "s"} to ${plan.apiId}${next}`);
    }
    if (deployed) lines.push(describeStageResult(deployed));
    return lines.join("\n");
  });
  return 0;
}
