// Pure: a REST API sync plan as lines for people (the JSON form is the plan itself).
import { describeNonProxy, isNonProxyStep } from "./nonproxy.js";
import { describeAccessStep, isAccessStep } from "./access.js";
import { describeExtraStep, isExtraStep } from "./extras.js";
import { describeUsageStep, isUsageStep } from "./usage-plans.js";
import type { AwsOnlyRoute, SyncPlan, SyncStep } from "./plan.js";

/** The one line that says what to do about a function the table names but that is not deployed. */
export function undeployedMessage(functionName: string): string {
  return `function ${functionName} is not deployed yet: run \`lgw deploy ${functionName} --create\``;
}

/** One line per step, for people. */
export function describeStep(step: SyncStep): string {
  const line = describeAction(step);
  if (!("needsDeploy" in step && step.needsDeploy)) return line;
  const fn = "functionName" in step ? step.functionName : "permission" in step && step.permission ? step.permission.functionName : "";
  return `${line} (needs ${fn ? `function ${fn}` : "its function"} deployed first)`;
}

function describeAction(step: SyncStep): string {
  if (isNonProxyStep(step)) return describeNonProxy(step);
  if (isAccessStep(step)) return describeAccessStep(step);
  if (isExtraStep(step)) return describeExtraStep(step);
  if (isUsageStep(step)) return describeUsageStep(step);
  switch (step.action) {
    case "delete-method":
      return `- ${step.method} ${step.path}`;
    case "delete-resource":
      return `- resource ${step.path}`;
    case "delete-duplicate-resource":
      return `- duplicate resource ${step.path} (id ${step.id})`;
    case "remove-duplicate-permission":
      return `- permission ${step.statementId} on ${step.functionName}, all ${step.count} copies (the route's own is added back)`;
    case "create-resource":
      return `+ resource ${step.path}`;
    case "put-method":
      return `+ ${step.method} ${step.path} -> ${step.functionName}`;
    case "fix-integration":
      return `~ ${step.method} ${step.path} -> ${step.functionName} (was ${step.was})`;
    case "add-permission":
      return `+ permission for ${step.method} ${step.path} on ${step.permission.functionName}`;
    case "remove-permission":
      return `- permission for ${step.method} ${step.path} on ${step.functionName}`;
    case "set-cors":
      return `~ OPTIONS ${step.path} (CORS preflight: origin ${step.spec.origin}, methods ${step.spec.methods.join(",")})`;
    case "set-binary-media-types":
      return `~ binaryMediaTypes ${[...step.add.map((t) => `+${t}`), ...step.remove.map((t) => `-${t}`)].join(" ")}`;
  }
}

/**
 * What the API has and lgw.json does not: kept without --prune, so the plan says so; with
 * --prune they are delete steps already.
 */
export function awsOnlyLines(awsOnly: AwsOnlyRoute[] | undefined, prune: boolean): string[] {
  if (prune || !awsOnly?.length) return [];
  return [
    "  in AWS only (not in lgw.json; kept, --prune removes them):",
    ...awsOnly.map((r) => `    ${r.route}${r.functionName ? ` -> ${r.functionName}` : ""}`),
  ];
}

export function renderPlan(plan: SyncPlan, opts: { prune?: boolean } = {}): string {
  const extra = [...awsOnlyLines(plan.awsOnly, Boolean(opts.prune)), ...(plan.notes ?? []).map((n) => `  note: ${n}`)];
  if (plan.steps.length === 0) {
    return [`REST API ${plan.apiId}: no changes (${plan.unchanged.length} route${plan.unchanged.length === 1 ? "" : "s"} up to date)`, ...extra].join("\n");
  }
  const n = plan.steps.length;
  return [`REST API ${plan.apiId}: ${n} change${n === 1 ? "" : "s"}`, ...plan.steps.map((s) => "  " + describeStep(s)), ...extra].join("\n");
}
