// What every `lgw api` handler takes from the command line.
import type { CommandContext } from "../../cli/command.js";
import { awsOptionsFrom } from "../../aws/clients.js";
import type { ApiCommandOptions } from "../../api/target.js";

export function apiOptions(ctx: CommandContext): ApiCommandOptions {
  const { configRegion: _ignored, ...aws } = awsOptionsFrom(ctx.opts);
  return { cwd: ctx.cwd, id: str(ctx.opts.id), aws };
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

export function list(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.map(String) : undefined;
}

/** The line saying what a command wrote to lgw.json ("lgw.json updated: ..."), or why it did not. */
export function savedLine(saved: { saved: true; file: string; change: string } | { saved: false; reason: string }, what: string, unchanged: string): string {
  if (!saved.saved) return `  lgw.json not updated (${saved.reason})`;
  return saved.change === "unchanged" ? `  lgw.json already ${unchanged}` : `✔ lgw.json updated: ${what}`;
}
