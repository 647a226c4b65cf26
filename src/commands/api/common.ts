// What every `lgw api` handler takes from the command line.
import type { CommandContext } from "../../cli/command.js";
import { awsOptionsFrom } from "../../aws/clients.js";
import type { ApiCommandOptions } from "../../api/target.js";

/** The options every api subcommand takes: --id and the AWS ones. */
export type ApiFlags = { id?: string; profile?: string; region?: string; endpointUrl?: string };

export function apiOptions(ctx: CommandContext<ApiFlags>): ApiCommandOptions {
  const { configRegion: _ignored, ...aws } = awsOptionsFrom(ctx.opts);
  // an empty --id "" is no id: api.id in lgw.json decides
  return { cwd: ctx.cwd, id: ctx.opts.id || undefined, aws };
}

/** The line saying what a command wrote to lgw.json ("lgw.json updated: ..."), or why it did not. */
export function savedLine(saved: { saved: true; file: string; change: string } | { saved: false; reason: string }, what: string, unchanged: string): string {
  if (!saved.saved) return `  lgw.json not updated (${saved.reason})`;
  return saved.change === "unchanged" ? `  lgw.json already ${unchanged}` : `✔ lgw.json updated: ${what}`;
}
