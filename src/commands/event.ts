import type { CommandContext } from "../cli/command.js";
import { buildSampleEvent, sampleFlagsFromOptions } from "../apigw/sample.js";
import { findConfigFile, loadConfig } from "../config/load.js";

// Prints a sample API Gateway event. Inside a project, lgw.json's stage variables, binary media
// types and API id go into it, as they would for `lgw serve`.
export default async function handler(ctx: CommandContext): Promise<number> {
  const flags = sampleFlagsFromOptions(ctx.opts);
  flags.cwd = ctx.cwd;
  if (findConfigFile(ctx.cwd)) {
    const config = loadConfig(ctx.cwd);
    flags.stageVariables = config.api.stageVariables;
    flags.binaryMediaTypes = config.api.binaryMediaTypes;
    flags.apiId = config.api.id;
  }
  const event = buildSampleEvent(String(ctx.args[0]), flags);
  ctx.log.out(JSON.stringify(event, null, 2) + "\n");
  return 0;
}
