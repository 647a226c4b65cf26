// Edge: the API Gateway calls for API keys and usage plans that `lgw api sync` and
// `lgw api keys --remote` make. Both belong to the account; src/api/usage-plans.ts decides
// which are lgw's. One thin function each; failures become one actionable line.
import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetApiKeysCommand,
  GetStagesCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  UpdateUsagePlanCommand,
  type PatchOperation,
} from "@aws-sdk/client-api-gateway";
import type { RemoteApiKey, RemoteUsagePlan } from "./rest-types.js";
import type { AwsClients } from "./clients.js";
import { allPages, call } from "./apigateway.js";

export async function readApiKeys(aws: AwsClients, includeValues = false): Promise<RemoteApiKey[]> {
  const items = await allPages((position) => call(aws, "GetApiKeys", "API keys", () => aws.apigw.send(new GetApiKeysCommand({ limit: 500, position, includeValues }))));
  return items.map((k) => ({
    id: k.id!,
    name: k.name ?? "",
    ...(k.description ? { description: k.description } : {}),
    enabled: k.enabled ?? false,
    ...(includeValues && k.value ? { value: k.value } : {}),
  }));
}

/** Usage plans with the ids of their keys; `only` picks the plans whose keys are read. */
export async function readUsagePlans(aws: AwsClients, only: (description: string | undefined) => boolean): Promise<RemoteUsagePlan[]> {
  const items = await allPages((position) => call(aws, "GetUsagePlans", "usage plans", () => aws.apigw.send(new GetUsagePlansCommand({ limit: 500, position }))));
  const mine = items.filter((p) => only(p.description ?? undefined));
  return Promise.all(
    mine.map(async (p) => {
      const keys = await allPages((position) => call(aws, "GetUsagePlanKeys", `usage plan ${p.name}`, () => aws.apigw.send(new GetUsagePlanKeysCommand({ usagePlanId: p.id!, limit: 500, position }))));
      return {
        id: p.id!,
        name: p.name ?? "",
        ...(p.description ? { description: p.description } : {}),
        ...(p.throttle ? { throttle: { rateLimit: p.throttle.rateLimit, burstLimit: p.throttle.burstLimit } } : {}),
        ...(p.quota ? { quota: { limit: p.quota.limit, period: p.quota.period } } : {}),
        apiStages: (p.apiStages ?? []).map((s) => ({ apiId: s.apiId ?? "", stage: s.stage ?? "" })),
        keyIds: keys.map((k) => k.id!),
      };
    }),
  );
}

export async function readStageNames(aws: AwsClients, apiId: string): Promise<string[]> {
  const r = await call(aws, "GetStages", `REST API ${apiId}`, () => aws.apigw.send(new GetStagesCommand({ restApiId: apiId })));
  return (r.item ?? []).map((s) => s.stageName!).sort();
}

export async function createApiKey(aws: AwsClients, name: string, description: string, value?: string): Promise<string> {
  const k = await call(aws, "CreateApiKey", `API key ${name}`, () => aws.apigw.send(new CreateApiKeyCommand({ name, description, enabled: true, ...(value ? { value } : {}) })));
  return k.id!;
}

export async function deleteApiKey(aws: AwsClients, id: string, name: string): Promise<void> {
  await call(aws, "DeleteApiKey", `API key ${name}`, () => aws.apigw.send(new DeleteApiKeyCommand({ apiKey: id })));
}

export async function createUsagePlan(
  aws: AwsClients,
  apiId: string,
  p: { name: string; description: string; throttle?: { rateLimit: number; burstLimit: number }; quota?: { limit: number; period: "DAY" | "WEEK" | "MONTH" }; stages: string[] },
): Promise<string> {
  const r = await call(aws, "CreateUsagePlan", `usage plan ${p.name}`, () =>
    aws.apigw.send(
      new CreateUsagePlanCommand({
        name: p.name,
        description: p.description,
        ...(p.throttle ? { throttle: p.throttle } : {}),
        ...(p.quota ? { quota: p.quota } : {}),
        apiStages: p.stages.map((stage) => ({ apiId, stage })),
      }),
    ),
  );
  return r.id!;
}

export async function updateUsagePlan(aws: AwsClients, id: string, name: string, patchOperations: PatchOperation[]): Promise<void> {
  if (patchOperations.length === 0) return;
  await call(aws, "UpdateUsagePlan", `usage plan ${name}`, () => aws.apigw.send(new UpdateUsagePlanCommand({ usagePlanId: id, patchOperations })));
}

export async function deleteUsagePlan(aws: AwsClients, id: string, name: string): Promise<void> {
  await call(aws, "DeleteUsagePlan", `usage plan ${name}`, () => aws.apigw.send(new DeleteUsagePlanCommand({ usagePlanId: id })));
}

export async function addUsagePlanKey(aws: AwsClients, planId: string, keyId: string, what: string): Promise<void> {
  await call(aws, "CreateUsagePlanKey", what, () => aws.apigw.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId, keyType: "API_KEY" })));
}

export async function removeUsagePlanKey(aws: AwsClients, planId: string, keyId: string, what: string): Promise<void> {
  await call(aws, "DeleteUsagePlanKey", what, () => aws.apigw.send(new DeleteUsagePlanKeyCommand({ usagePlanId: planId, keyId })));
}
