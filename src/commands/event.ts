import type { CommandContext } from "../cli/command.js";
import { buildSampleEvent, readBodyFile, sampleFlagsFromOptions, withProject } from "../apigw/sample.js";
import { findConfigFile, loadConfig } from "../config/load.js";

// Prints a sample API Gateway event. Inside a project, lgw.json's stage variables, binary media
// types, API id and route table go into it, as they would for `lgw serve`.
export default async function handler(ctx: CommandContext): Promise<number> {
  const flags = await readBodyFile({ ...sampleFlagsFromOptions(ctx.opts), cwd: ctx.cwd }, ctx.signal);
  // inside a project the event carries what lgw serve's would (stage variables, routes, ...)
  const event = buildSampleEvent(String(ctx.args[0]), findConfigFile(ctx.cwd) ? withProject(flags, loadConfig(ctx.cwd)) : flags);
  ctx.log.out(JSON.stringify(event, null, 2) + "\n");
  return 0;
}
