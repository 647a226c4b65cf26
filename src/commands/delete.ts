// lgw delete: what to delete (flags, lgw.json) -> plan (src/remote/delete*.ts) -> confirm -> apply.
import type { CommandContext, OptionsOf } from "../cli/command.js";
import type { options } from "./delete.meta.js";
import { ExitCode, UsageError } from "../errors.js";
import { awsOptionsFrom, createAwsClients, createIamClients } from "../aws/index.js";
import { resolveApiId } from "../api/input.js";
import { resolveProject } from "../config/resolve.js";
import type { ProjectConfig } from "../config/types.js";
import { describeStep, type DeletePlan } from "../remote/delete-plan.js";
import { applyDelete, forgetDeleted, planRequest, type DeleteRequest, type StepResult } from "../remote/delete.js";
import { createPrompter, stdinIsTTY } from "../ui/prompts.js";
import type { Logger } from "../ui/logger.js";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export function deleteRequest(name: string | undefined, opts: Pick<Opts, "all" | "api" | "id">, config: ProjectConfig | undefined): DeleteRequest {
  if (name && opts.all) throw new UsageError(`both a function (${name}) and --all given: give one`);
  if (!name && !opts.all && !opts.api) {
    throw new UsageError("say what to delete: a function name, --all (every function in lgw.json) and/or --api (the API)");
  }
  if (opts.all && !config?.file) throw new UsageError("--all needs a project with lgw.json: run in it, use -C <dir>, or name the function");
  const functions = opts.all ? config!.functions.map((f) => f.name) : name ? [name] : [];
  let api: DeleteRequest["api"];
  if (opts.api) {
    const id = resolveApiId(opts.id, config?.api.id, config?.api.type);
    // lgw.json says which kind its own API is; another id is looked up as REST, then HTTP
    api = { id, kind: config?.api.id === id ? config.api.type : undefined };
  } else if (opts.id) throw new UsageError("--id names the API to delete: add --api");
  const staying = api ? (config?.functions ?? []).map((f) => f.name).filter((f) => !functions.includes(f)) : [];
  return { functions, api, staying };
}

function renderPlan(plan: DeletePlan, log: Logger): string {
  const lines = plan.steps.length ? ["lgw delete will:", ...plan.steps.map((s) => `  - ${describeStep(s)}`)] : ["nothing to delete"];
  if (plan.kept.length) lines.push("kept:", ...plan.kept.map((k) => `  - ${log.c.dim(k)}`));
  return lines.join("\n");
}

async function confirmed(ctx: CommandContext<Opts>, plan: DeletePlan): Promise<boolean> {
  if (ctx.opts.yes) return true;
  if (!stdinIsTTY()) throw new UsageError(`not a terminal, so lgw cannot ask: rerun with --yes to ${plan.steps.length === 1 ? "take this step" : `take these ${plan.steps.length} steps`}`);
  const answer = await createPrompter({ output: process.stderr, signal: ctx.signal }).select({
    message: `Delete ${plan.steps.length === 1 ? "this" : `these ${plan.steps.length}`}? This cannot be undone.`,
    choices: [
      { value: "no", name: "No, keep everything" },
      { value: "yes", name: "Yes, delete" },
    ],
    default: "no",
  });
  return answer === "yes";
}

const stepJson = (r: { step: StepResult["step"]; done?: boolean }) => ({ ...r.step, description: describeStep(r.step), ...(r.done === undefined ? {} : { done: r.done }) });

type Opts = OptionsOf<typeof options>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const { opts, log } = ctx;
  const config = resolveProject(ctx.cwd, "optional");
  const req = deleteRequest(str(ctx.args[0]), opts, config);
  const awsOptions = awsOptionsFrom(opts, config?.region);
  const [aws, iam] = await Promise.all([createAwsClients(awsOptions), createIamClients(awsOptions)]);
  try {
    const plan = await planRequest(aws, iam, req);
    const dryRun = opts.dryRun === true || plan.steps.length === 0;
    if (!log.json || dryRun) log.result({ dryRun: opts.dryRun === true, steps: plan.steps.map((step) => stepJson({ step })), kept: plan.kept }, () => renderPlan(plan, log));
    if (dryRun) return 0;
    if (!(await confirmed(ctx, plan))) {
      log.info("nothing deleted");
      throw new ExitCode(1);
    }
    const results: StepResult[] = [];
    try {
      await applyDelete(aws, iam, plan, {
        signal: ctx.signal,
        onStep: (r) => {
          results.push(r);
          if (r.done) log.success(describeStep(r.step));
          else log.step(`${describeStep(r.step)}: already gone`);
        },
      });
    } finally {
      // also after an interruption or a failed step: lgw.json stops naming what is gone
      const forgotten = config?.file ? forgetDeleted(config.file, results) : [];
      if (forgotten.length) log.step(`removed ${forgotten.join(", ")} from ${config!.file}`);
      if (results.length < plan.steps.length) log.step(`${results.length} of ${plan.steps.length} steps done; \`lgw delete\` again finishes the rest`);
      else if (log.json) log.result({ dryRun: false, steps: results.map(stepJson), kept: plan.kept, lgwJsonRemoved: forgotten });
    }
    return 0;
  } finally {
    aws.lambda.destroy();
    aws.apigw.destroy();
    aws.apigwv2.destroy();
    iam.iam.destroy();
  }
}
