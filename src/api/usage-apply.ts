// Edge: applies usage-plans.ts's steps. Key and plan ids are resolved by name at apply: a key or
// plan the sync creates gets its id on the way, and the steps after it read it from `ids`.
import { LgwError } from "../errors.js";
import type { AwsClients } from "../aws/clients.js";
import * as usage from "../aws/apigateway-usage.js";
import type { AccessIds } from "./access.js";
import type { UsageStep } from "./usage-plans.js";

function idOf(table: Record<string, string>, kind: string, name: string): string {
  const id = table[name];
  if (!id) throw new LgwError(`no ${kind} ${name} (it changed while lgw was syncing? run \`lgw api sync\` again)`);
  return id;
}

export async function applyUsageStep(aws: AwsClients, apiId: string, step: UsageStep, ids: AccessIds): Promise<void> {
  switch (step.action) {
    case "create-api-key": {
      const value = step.valueFrom ? process.env[step.valueFrom] : undefined;
      if (step.valueFrom && !value) throw new LgwError(`${step.valueFrom} was set when the plan was made and is empty now: set it again, or unset it to let AWS make the value`);
      ids.keys[step.name] = await usage.createApiKey(aws, step.name, step.description, value);
      return;
    }
    case "create-usage-plan":
      ids.plans[step.name] = await usage.createUsagePlan(aws, apiId, step);
      return;
    case "update-usage-plan":
      return usage.updateUsagePlan(aws, step.id, step.name, step.patch);
    case "add-usage-plan-key":
      return usage.addUsagePlanKey(aws, idOf(ids.plans, "usage plan", step.plan), idOf(ids.keys, "API key", step.key), `key ${step.key} in usage plan ${step.plan}`);
    case "remove-usage-plan-key":
      return usage.removeUsagePlanKey(aws, step.planId, step.keyId, `key ${step.key} in usage plan ${step.plan}`);
    case "delete-usage-plan":
      // AWS refuses to delete a plan still bound to stages
      await usage.updateUsagePlan(aws, step.id, step.name, step.unbind);
      await usage.deleteUsagePlan(aws, step.id, step.name);
      delete ids.plans[step.name];
      return;
    case "delete-api-key":
      await usage.deleteApiKey(aws, step.id, step.name);
      delete ids.keys[step.name];
      return;
  }
}
