import type { CommandContext, OptionsOf } from "../cli/command.js";
import type { options } from "./event.meta.js";
import { buildSampleEvent, readBodyFile, sampleFlagsFromOptions, withProject } from "../apigw/sample.js";
import { resolveProject } from "../config/resolve.js";
import { UsageError } from "../errors.js";
import { describeSettings, resolveSetting } from "../config/settings.js";
import { DEFAULT_REGION } from "../runtime/env.js";

// Prints a sample API Gateway event. Inside a project, lgw.json's stage variables, binary media
// types, API id and route table go into it, as they would for `lgw serve`. With --template, the
// mapping template rendered over that event: what a non-proxy (custom) integration would send.
type Opts = OptionsOf<typeof options>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const type = String(ctx.args[0]);
  const template = ctx.opts.template;
  if (template !== undefined && type !== "apigw-v1") throw new UsageError(`--template applies to apigw-v1 only (mapping templates are a REST API feature)`);
  const flags = await readBodyFile({ ...sampleFlagsFromOptions(ctx.opts), cwd: ctx.cwd }, ctx.signal);
  // inside a project the event carries what lgw serve's would (stage variables, routes, ...)
  const project = resolveProject(ctx.cwd, "file");
  // an authorizer event's methodArn names the region lgw serve would: AWS_REGION, then lgw.json's
  const region = resolveSetting("region", { env: process.env, file: project?.region, default: DEFAULT_REGION });
  ctx.log.debug(`settings: ${describeSettings({ region })}`);
  const event = buildSampleEvent(type, { ...(project ? withProject(flags, project) : flags), region: region.value });
  if (template === undefined) {
    ctx.log.out(JSON.stringify(event, null, 2) + "\n");
    return 0;
  }
  const { readTemplateArg } = await import("../config/templates.js");
  const { renderSampleTemplate } = await import("../apigw/sample-template.js");
  const rendered = renderSampleTemplate(event, readTemplateArg(ctx.cwd, template), `--template ${template}`);
  ctx.log.out(rendered.text);
  if (rendered.problem) ctx.log.warn(rendered.problem);
  return 0;
}
