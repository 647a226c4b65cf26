// Pure: `lgw api sync` for a REST API's gateway responses, models and request validators
// (issue 9). lgw.json's api.gatewayResponses become PutGatewayResponse calls (header values
// quoted as API Gateway wants them, the body as the application/json template); api.models
// become application/json models; the validators routes name become lgw-body, lgw-params and
// lgw-all. Models and validators are made before the methods naming them, and --prune's
// deletes run after the methods stopped naming them. Without --prune what lgw.json dropped is
// kept, and the plan says so.
import type { GatewayResponseType } from "../apigw/rest/gateway-responses.js";
import type { GatewayResponseOverride } from "../apigw/rest/types.js";
import type { RemoteGatewayResponse, RemoteModel, RemoteValidator } from "../aws/apigateway-extras.js";
import { validatorName, type ValidatorKind } from "./access.js";
import type { GatewayResponseSpec } from "../aws/rest-types.js";

export type ExtraStep =
  | { action: "put-gateway-response"; spec: GatewayResponseSpec; was?: string }
  | { action: "delete-gateway-response"; type: string }
  | { action: "create-model"; name: string; schema: string; replace?: true }
  | { action: "delete-model"; name: string }
  | { action: "create-validator"; name: string; body: boolean; params: boolean }
  | { action: "update-validator"; name: string; id: string; body: boolean; params: boolean }
  | { action: "delete-validator"; name: string; id: string }
  | { action: "set-api-key-source"; value: "HEADER" | "AUTHORIZER"; was: string };

// every action of a ExtraStep, once: the compiler keeps this in step with the type, and the sync's
// apply and render dispatch on it instead of listing the actions again
const EXTRASTEP_ACTIONS: Record<ExtraStep["action"], true> = {
  "put-gateway-response": true,
  "delete-gateway-response": true,
  "create-model": true,
  "delete-model": true,
  "create-validator": true,
  "update-validator": true,
  "delete-validator": true,
  "set-api-key-source": true,
};

export function isExtraStep(step: { action: string }): step is ExtraStep {
  return Object.hasOwn(EXTRASTEP_ACTIONS, step.action);
}

export interface ExtrasInput {
  prune: boolean;
  gatewayResponses: Partial<Record<GatewayResponseType, GatewayResponseOverride>>;
  models: Record<string, unknown>;
  /** the validators the routes name */
  validators: ValidatorKind[];
  /** api.apiKeySource and the API's (absent: not compared) */
  apiKeySource?: { desired: "HEADER" | "AUTHORIZER"; current?: string };
  remote: { gatewayResponses: RemoteGatewayResponse[]; models: RemoteModel[]; validators: RemoteValidator[] };
}

export interface ExtrasPlan {
  before: ExtraStep[];
  after: ExtraStep[];
  notes: string[];
  /** validator name -> id of those the API has */
  validatorIds: Record<string, string>;
}

/** Models every REST API is made with; lgw never removes them. */
const BUILTIN_MODELS = new Set(["Empty", "Error"]);

const quoted = (v: string) => (v.length >= 2 && v.startsWith("'") && v.endsWith("'") ? v : `'${v}'`);

export function gatewayResponseSpec(type: string, o: GatewayResponseOverride): GatewayResponseSpec {
  return {
    type,
    ...(o.statusCode !== undefined ? { statusCode: String(o.statusCode) } : {}),
    parameters: Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [`gatewayresponse.header.${k}`, quoted(v)])),
    templates: o.body !== undefined ? { "application/json": o.body } : {},
  };
}

function sameMap(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => (b ?? {})[k] === (a ?? {})[k]);
}

/** What differs; a status code or body lgw.json leaves out is not compared (API Gateway's default stands). */
function responseDifference(have: RemoteGatewayResponse | undefined, want: GatewayResponseSpec): string | undefined {
  if (!have || have.defaultResponse) return "not customised";
  if (want.statusCode && have.statusCode !== want.statusCode) return `status ${have.statusCode ?? "default"}`;
  if (!sameMap(have.responseParameters, want.parameters)) return "other headers";
  if (Object.keys(want.templates).length && !sameMap(have.responseTemplates, want.templates)) return "another body";
  return undefined;
}

function planGatewayResponses(input: ExtrasInput, out: ExtrasPlan): void {
  const byType = new Map(input.remote.gatewayResponses.map((r) => [r.type, r]));
  const wanted = Object.entries(input.gatewayResponses).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [type, o] of wanted) {
    const spec = gatewayResponseSpec(type, o!);
    const was = responseDifference(byType.get(type), spec);
    if (was) out.before.push({ action: "put-gateway-response", spec, ...(byType.get(type)?.defaultResponse === false ? { was } : {}) });
  }
  for (const r of input.remote.gatewayResponses) {
    if (r.defaultResponse || r.type in input.gatewayResponses) continue;
    if (input.prune) out.after.push({ action: "delete-gateway-response", type: r.type });
    else out.notes.push(`gateway response ${r.type} is customised but not in lgw.json (kept; --prune resets it)`);
  }
}

/** Schemas compare as JSON values, so whitespace or key order AWS may change does not count. */
function sameSchema(text: string | undefined, schema: unknown): boolean {
  try {
    return text !== undefined && canonical(JSON.parse(text)) === canonical(schema);
  } catch {
    return false;
  }
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

function planModels(input: ExtrasInput, out: ExtrasPlan): void {
  const byName = new Map(input.remote.models.map((m) => [m.name, m]));
  for (const [name, schema] of Object.entries(input.models).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const have = byName.get(name);
    if (!have) out.before.push({ action: "create-model", name, schema: JSON.stringify(schema) });
    else if (!sameSchema(have.schema, schema)) out.before.push({ action: "create-model", name, schema: JSON.stringify(schema), replace: true });
  }
  for (const m of input.remote.models) {
    if (BUILTIN_MODELS.has(m.name) || m.name in input.models) continue;
    if (input.prune) out.after.push({ action: "delete-model", name: m.name });
    else out.notes.push(`model ${m.name} is not in lgw.json (kept; --prune removes it)`);
  }
}

function planValidators(input: ExtrasInput, out: ExtrasPlan): void {
  const byName = new Map(input.remote.validators.map((v) => [v.name, v]));
  const wanted = new Set(input.validators.map(validatorName));
  for (const kind of [...new Set(input.validators)].sort()) {
    const name = validatorName(kind);
    const want = { body: kind !== "params", params: kind !== "body" };
    const have = byName.get(name);
    if (!have) out.before.push({ action: "create-validator", name, ...want });
    else if (have.body !== want.body || have.params !== want.params) out.before.push({ action: "update-validator", name, id: have.id, ...want });
  }
  for (const v of input.remote.validators) {
    if (wanted.has(v.name)) continue;
    if (input.prune) out.after.push({ action: "delete-validator", name: v.name, id: v.id });
    else out.notes.push(`request validator ${v.name} is not used by lgw.json's routes (kept; --prune removes it)`);
  }
}

export function planExtras(input: ExtrasInput): ExtrasPlan {
  const out: ExtrasPlan = { before: [], after: [], notes: [], validatorIds: Object.fromEntries(input.remote.validators.map((v) => [v.name, v.id])) };
  planModels(input, out);
  planValidators(input, out);
  planGatewayResponses(input, out);
  const source = input.apiKeySource;
  if (source && (source.current ?? "HEADER") !== source.desired) out.before.push({ action: "set-api-key-source", value: source.desired, was: source.current ?? "HEADER" });
  return out;
}

export function describeExtraStep(step: ExtraStep): string {
  switch (step.action) {
    case "put-gateway-response": {
      const s = step.spec;
      const what = [s.statusCode ? `status ${s.statusCode}` : "", ...Object.keys(s.parameters).map((p) => p.slice("gatewayresponse.header.".length)), s.templates["application/json"] !== undefined ? "body" : ""].filter(Boolean);
      return `${step.was ? "~" : "+"} gateway response ${s.type}${what.length ? ` (${what.join(", ")})` : ""}${step.was ? ` (was ${step.was})` : ""}`;
    }
    case "delete-gateway-response":
      return `- gateway response ${step.type} (back to API Gateway's default)`;
    case "create-model":
      return `${step.replace ? "~" : "+"} model ${step.name}${step.replace ? " (another schema)" : ""}`;
    case "delete-model":
      return `- model ${step.name}`;
    case "create-validator":
    case "update-validator":
      return `${step.action === "create-validator" ? "+" : "~"} request validator ${step.name} (${[step.body ? "body" : "", step.params ? "parameters" : ""].filter(Boolean).join(" and ")})`;
    case "delete-validator":
      return `- request validator ${step.name}`;
    case "set-api-key-source":
      return `~ apiKeySource ${step.value} (was ${step.was})`;
  }
}
