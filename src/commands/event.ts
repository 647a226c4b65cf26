import type { CommandContext } from "../cli/command.js";
import { buildSampleEvent, sampleFlagsFromOptions } from "../apigw/sample.js";
import { findConfigFile, loadConfig } from "../config/load.js";
import { defaultRoutes, parseRouteTable } from "../routes/table.js";

// Prints a sample API Gateway event. Inside a project, lgw.json's stage variables, binary media
// types, API id and route table go into it, as they would for `lgw serve`.
export default async function handler(ctx: CommandContext): Promise<number> {
  const flags = sampleFlagsFromOptions(ctx.opts);
  flags.cwd = ctx.cwd;
  if (findConfigFile(ctx.cwd)) {
    const config = loadConfig(ctx.cwd);
    flags.stageVariables = config.api.stageVariables;
    flags.binaryMediaTypes = config.api.binaryMediaTypes;
    flags.apiId = config.api.id;
    // the route lgw serve would pick decides resource and pathParameters when --resource is not given
    if (Object.keys(config.routes).length > 0) flags.routes = parseRouteTable(config.routes);
    else if (config.functions.length === 1) flags.routes = defaultRoutes(config.functions[0]!.name);
  }
  const event = buildSampleEvent(String(ctx.args[0]), flags);
  ctx.log.out(JSON.stringify(event, null, 2) + "\n");
  return 0;
}
