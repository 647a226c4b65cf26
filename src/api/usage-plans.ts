// Pure: `lgw api sync` for lgw.json's api.usagePlans (issue 9): an API key per key name, a
// usage plan per plan with its throttle and quota, bound to every stage the API has, and the
// plans' keys. API keys and usage plans belong to the account, not to one API, so lgw marks its
// own with a description naming the API and only ever changes or prunes those.
// Key values: AWS generates them, unless LGW_API_KEY_<NAME> is set when sync runs (then that
// value is sent). The local .lgw/api-keys.json values are for lgw serve and never leave the
// machine; `lgw api keys --remote` shows the deployed values.
import type { UsagePlan } from "../apigw/rest/types.js";
import type { RemoteApiKey, RemoteUsagePlan } from "../aws/rest-types.js";

type Patch = { op: "add" | "replace" | "remove"; path: string; value?: string };

export type UsageStep =
  | { action: "create-api-key"; name: string; description: string; valueFrom?: string }
  | { action: "create-usage-plan"; name: string; description: string; throttle?: UsagePlan["throttle"]; quota?: UsagePlan["quota"]; stages: string[] }
  | { action: "update-usage-plan"; name: string; id: string; was: string; patch: Patch[] }
  | { action: "add-usage-plan-key"; plan: string; key: string }
  | { action: "remove-usage-plan-key"; plan: string; planId: string; key: string; keyId: string }
  | { action: "delete-usage-plan"; name: string; id: string; unbind: Patch[] }
  | { action: "delete-api-key"; name: string; id: string };

// every action of a UsageStep, once: the compiler keeps this in step with the type, and the sync's
// apply and render dispatch on it instead of listing the actions again
const USAGESTEP_ACTIONS: Record<UsageStep["action"], true> = {
  "create-api-key": true,
  "create-usage-plan": true,
  "update-usage-plan": true,
  "add-usage-plan-key": true,
  "remove-usage-plan-key": true,
  "delete-usage-plan": true,
  "delete-api-key": true,
};

export function isUsageStep(step: { action: string }): step is UsageStep {
  return Object.hasOwn(USAGESTEP_ACTIONS, step.action);
}

export interface UsageInput {
  apiId: string;
  prune: boolean;
  plans: UsagePlan[];
  /** the API's stages */
  stages: string[];
  /** key name -> the environment variable holding a value to send (only those set) */
  givenValues: Record<string, string>;
  remote: { keys: RemoteApiKey[]; plans: RemoteUsagePlan[] };
}

export const lgwMark = (apiId: string): string => `managed by lgw api sync (REST API ${apiId})`;

function planPatch(apiId: string, have: RemoteUsagePlan, want: UsagePlan, stages: string[]): Patch[] {
  const ops: Patch[] = [];
  const t = want.throttle;
  if (t && (have.throttle?.rateLimit !== t.rateLimit || have.throttle?.burstLimit !== t.burstLimit)) {
    ops.push({ op: "replace", path: "/throttle/rateLimit", value: String(t.rateLimit) }, { op: "replace", path: "/throttle/burstLimit", value: String(t.burstLimit) });
  } else if (!t && (have.throttle?.rateLimit !== undefined || have.throttle?.burstLimit !== undefined)) ops.push({ op: "remove", path: "/throttle" });
  const q = want.quota;
  if (q && (Number(have.quota?.limit) !== q.limit || have.quota?.period !== q.period)) {
    ops.push({ op: "replace", path: "/quota/limit", value: String(q.limit) }, { op: "replace", path: "/quota/period", value: q.period });
  } else if (!q && have.quota?.limit !== undefined) ops.push({ op: "remove", path: "/quota" });
  for (const s of stages) if (!have.apiStages.some((b) => b.apiId === apiId && b.stage === s)) ops.push({ op: "add", path: "/apiStages", value: `${apiId}:${s}` });
  return ops;
}

export function planUsage(input: UsageInput): { before: UsageStep[]; after: UsageStep[]; notes: string[]; keyIds: Record<string, string>; planIds: Record<string, string> } {
  const mark = lgwMark(input.apiId);
  const keys = new Map(input.remote.keys.filter((k) => k.description === mark).map((k) => [k.name, k]));
  const plans = new Map(input.remote.plans.filter((p) => p.description === mark).map((p) => [p.name, p]));
  const before: UsageStep[] = [];
  const after: UsageStep[] = [];
  const notes: string[] = [];
  const keyNames = [...new Set(input.plans.flatMap((p) => p.keys))].sort();
  for (const name of keyNames) {
    if (!keys.has(name)) before.push({ action: "create-api-key", name, description: mark, ...(input.givenValues[name] ? { valueFrom: input.givenValues[name] } : {}) });
  }
  if (input.plans.length && input.stages.length === 0) notes.push(`REST API ${input.apiId} has no stage yet: its usage plans are bound to none (deploy with \`lgw api sync --stage <stage>\`, then sync again)`);
  for (const p of [...input.plans].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const have = plans.get(p.name);
    if (!have) {
      before.push({ action: "create-usage-plan", name: p.name, description: mark, ...(p.throttle ? { throttle: p.throttle } : {}), ...(p.quota ? { quota: p.quota } : {}), stages: input.stages });
    } else {
      const patch = planPatch(input.apiId, have, p, input.stages);
      if (patch.length) before.push({ action: "update-usage-plan", name: p.name, id: have.id, was: [...new Set(patch.map((o) => o.path.split("/")[1]))].join(", "), patch });
    }
    for (const key of [...new Set(p.keys)].sort()) {
      const k = keys.get(key);
      if (!have || !k || !have.keyIds.includes(k.id)) before.push({ action: "add-usage-plan-key", plan: p.name, key });
    }
    for (const id of have?.keyIds ?? []) {
      const k = input.remote.keys.find((x) => x.id === id);
      if (k && p.keys.includes(k.name) && k.description === mark) continue;
      if (input.prune) after.push({ action: "remove-usage-plan-key", plan: p.name, planId: have!.id, key: k?.name ?? id, keyId: id });
      else notes.push(`usage plan ${p.name} has key ${k?.name ?? id}, which lgw.json does not list (kept; --prune removes it from the plan)`);
    }
  }
  const wantedPlans = new Set(input.plans.map((p) => p.name));
  for (const [name, have] of plans) {
    if (wantedPlans.has(name)) continue;
    if (!input.prune) notes.push(`usage plan ${name} is not in lgw.json (kept; --prune removes it)`);
    else after.push({ action: "delete-usage-plan", name, id: have.id, unbind: have.apiStages.map((s) => ({ op: "remove" as const, path: "/apiStages", value: `${s.apiId}:${s.stage}` })) });
  }
  for (const [name, k] of keys) {
    if (keyNames.includes(name)) continue;
    if (!input.prune) notes.push(`API key ${name} is not in lgw.json's usage plans (kept; --prune removes it)`);
    else after.push({ action: "delete-api-key", name, id: k.id });
  }
  const idsOf = <T extends { id: string }>(m: Map<string, T>) => Object.fromEntries([...m].map(([n, v]) => [n, v.id]));
  return { before, after, notes, keyIds: idsOf(keys), planIds: idsOf(plans) };
}

export function describeUsageStep(step: UsageStep): string {
  switch (step.action) {
    case "create-api-key":
      return `+ API key ${step.name} (${step.valueFrom ? `value from ${step.valueFrom}` : "value generated by AWS"})`;
    case "create-usage-plan": {
      const parts = [step.throttle ? `${step.throttle.rateLimit}/s, burst ${step.throttle.burstLimit}` : "", step.quota ? `${step.quota.limit} a ${step.quota.period.toLowerCase()}` : "", step.stages.length ? `stages ${step.stages.join(", ")}` : "no stage"];
      return `+ usage plan ${step.name} (${parts.filter(Boolean).join("; ")})`;
    }
    case "update-usage-plan":
      return `~ usage plan ${step.name} (${step.was})`;
    case "add-usage-plan-key":
      return `+ key ${step.key} in usage plan ${step.plan}`;
    case "remove-usage-plan-key":
      return `- key ${step.key} from usage plan ${step.plan}`;
    case "delete-usage-plan":
      return `- usage plan ${step.name}`;
    case "delete-api-key":
      return `- API key ${step.name}`;
  }
}
