import type { CommandContext, OptionsOf } from "../cli/command.js";
import type { options } from "./deploy.meta.js";
import { resolveProject } from "../config/resolve.js";
import { awsOptionsFrom } from "../aws/clients.js";
import { deploy, type DeployPlan, type DeployReport, type DeployResult } from "../deploy/index.js";

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const ACTION_TEXT: Record<DeployPlan["action"], string> = {
  create: "create",
  "update-code": "update code",
  unchanged: "unchanged",
};

function renderPlan(p: DeployPlan): string {
  const steps = [ACTION_TEXT[p.action]];
  if (p.updateConfiguration) steps.push("update configuration");
  if (p.publish) steps.push("publish a version");
  if (p.alias) steps.push(`point alias ${p.alias} at it`);
  const lines = [`${p.function} (${p.architecture}, ${size(p.size)}): ${steps.join(", ")}`];
  for (const r of p.reasons) lines.push(`  - ${r}`);
  return lines.join("\n");
}

function renderResult(r: DeployResult): string {
  const what =
    r.action === "create" ? "created" : r.action === "update-code" ? "code updated" : r.configurationUpdated ? "configuration updated" : "unchanged";
  const head = `${r.function}: ${what}${r.action === "unchanged" && r.configurationUpdated ? " (code unchanged)" : ""}`;
  const rows: [string, string][] = [
    ["arn", r.arn],
    ["version", r.version],
    ["CodeSha256", r.codeSha256],
    ["code size", `${size(r.codeSize)} (${r.codeSize} bytes)`],
    ["uploaded", r.bytesUploaded ? `${size(r.bytesUploaded)}` : "0 bytes"],
  ];
  if (r.alias) rows.push(["alias", `${r.alias.name} -> ${r.alias.version} (${r.alias.arn})`]);
  rows.push(["elapsed", seconds(r.elapsedMs)]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return [head, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join("\n");
}

function render(report: DeployReport): string {
  if (report.dryRun) {
    return [...report.functions.map(renderPlan), `dry run: nothing was changed (region ${report.region})`].join("\n");
  }
  const body = report.functions.map(renderResult).join("\n");
  return report.functions.length > 1 ? `${body}\ndeployed ${report.functions.length} functions in ${seconds(report.elapsedMs)}` : body;
}

type Opts = OptionsOf<typeof options>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const o = ctx.opts;
  const config = resolveProject(ctx.cwd, "required");
  const report = await deploy({
    config,
    functionName: ctx.args[0] as string | undefined,
    arch: o.arch,
    flags: {
      create: o.create === true,
      role: o.role,
      force: o.force === true,
      publish: o.publish === true,
      alias: o.alias,
    },
    dryRun: o.dryRun === true,
    aws: awsOptionsFrom(o, config.region),
    log: ctx.log,
    signal: ctx.signal,
  });
  ctx.log.result(report, () => render(report));
  return 0;
}
