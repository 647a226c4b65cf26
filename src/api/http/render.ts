// Pure: an HTTP API sync plan as lines for people (the JSON form is the plan itself).
import { awsOnlyLines } from "../render.js";
import type { HttpSyncPlan, HttpSyncStep, RouteAuth } from "./plan.js";

function authText(auth: RouteAuth): string {
  if (auth.type === "NONE") return "";
  if (auth.type === "CUSTOM") return ` [lambda authorizer ${auth.authorizer}]`;
  return ` [jwt ${auth.authorizer}${auth.scopes.length ? ` scopes ${auth.scopes.join(",")}` : ""}]`;
}

function describeAction(step: HttpSyncStep): string {
  switch (step.action) {
    case "create-integration":
      return `+ integration -> ${step.functionName} (payload ${step.payloadFormat})`;
    case "update-integration":
      return `~ integration -> ${step.functionName} (payload ${step.payloadFormat}; was ${step.was})`;
    case "create-authorizer":
      return `+ authorizer ${step.name} (${step.spec.type === "jwt" ? `jwt, issuer ${step.spec.issuer}` : `lambda ${step.spec.functionName}`})`;
    case "update-authorizer":
      return `~ authorizer ${step.name} (was ${step.was})`;
    case "create-route":
      return `+ ${step.routeKey} -> ${step.functionName}${authText(step.auth)}`;
    case "update-route":
      return `~ ${step.routeKey} -> ${step.functionName}${authText(step.auth)} (was ${step.was})`;
    case "add-permission":
      return `+ permission for ${step.what} on ${step.permission.functionName}`;
    case "remove-permission":
      return `- permission for ${step.what} on ${step.functionName}`;
    case "remove-duplicate-permission":
      return `- permission ${step.statementId} on ${step.functionName}, all ${step.count} copies (the route's own is added back)`;
    case "delete-route":
      return `- ${step.routeKey}`;
    case "delete-authorizer":
      return `- authorizer ${step.name}`;
    case "delete-integration":
      return `- integration ${step.integrationId}${step.functionName ? ` (${step.functionName})` : ""}`;
    case "set-cors":
      return `~ cors origins ${(step.cors.allowOrigins ?? []).join(",") || "(none)"}`;
    case "delete-cors":
      return "- cors configuration";
  }
}

export function describeHttpStep(step: HttpSyncStep): string {
  const line = describeAction(step);
  if (!("needsDeploy" in step) || !step.needsDeploy) return line;
  const fn = "functionName" in step ? step.functionName : "permission" in step && step.permission ? step.permission.functionName : "";
  return `${line} (needs function ${fn} deployed first)`;
}

export function renderHttpPlan(plan: HttpSyncPlan, opts: { prune?: boolean } = {}): string {
  const notes = [...awsOnlyLines(plan.awsOnly, Boolean(opts.prune)), ...plan.notes.map((n) => `  note: ${n}`)];
  if (plan.steps.length === 0) {
    return [`HTTP API ${plan.apiId}: no changes (${plan.unchanged.length} route${plan.unchanged.length === 1 ? "" : "s"} up to date)`, ...notes].join("\n");
  }
  const n = plan.steps.length;
  return [`HTTP API ${plan.apiId}: ${n} change${n === 1 ? "" : "s"}`, ...plan.steps.map((s) => "  " + describeHttpStep(s)), ...notes].join("\n");
}
