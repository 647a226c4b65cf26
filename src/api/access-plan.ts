// Pure: the access-control part of a REST sync plan, for plan.ts: authorizers (access.ts) and
// models, request validators and gateway responses (extras.ts), with the name -> id tables the
// methods' steps are resolved against at apply.
import type { RestAuthorizerConfig, RestApiSettings } from "../config/rest-access.js";
import type { RemoteAuthorizer } from "../aws/apigateway-access.js";
import type { RemoteGatewayResponse, RemoteModel, RemoteValidator } from "../aws/apigateway-extras.js";
import type { Route } from "../routes/table.js";
import { planAuthorizers, type AccessIds, type AccessStep, type AuthorizerContext } from "./access.js";
import { planExtras, type ExtraStep } from "./extras.js";
import { planUsage, type UsageStep } from "./usage-plans.js";
import type { RemoteApiKey, RemoteUsagePlan } from "../aws/rest-types.js";

export interface AccessInput {
  authorizers: RestAuthorizerConfig[];
  /** api.models, api.gatewayResponses (absent: none) */
  settings?: Pick<RestApiSettings, "models" | "gatewayResponses" | "usagePlans" | "apiKeySource">;
  /** the API's apiKeySource */
  apiKeySource?: string;
  /** API key name -> the environment variable with the value to send (only those set) */
  givenKeyValues?: Record<string, string>;
  remote: {
    authorizers: RemoteAuthorizer[];
    gatewayResponses: RemoteGatewayResponse[];
    models: RemoteModel[];
    validators: RemoteValidator[];
    /** absent when lgw.json has no usage plans and --prune is off (nothing to read them for) */
    usage?: { keys: RemoteApiKey[]; plans: RemoteUsagePlan[]; stages: string[] };
  };
}

export interface AccessPlan {
  before: (AccessStep | ExtraStep | UsageStep)[];
  after: (AccessStep | ExtraStep | UsageStep)[];
  notes: string[];
  ids: AccessIds;
  authorizers: RestAuthorizerConfig[];
  /** lgw.json uses REST access control: every route's method access is lgw.json's */
  manage: boolean;
}

export function planAccess(
  input: { apiId: string; region: string; prune: boolean; routes: Route[]; access?: AccessInput },
  fns: Pick<AuthorizerContext, "fn" | "hasStatement">,
): AccessPlan {
  const a = input.access;
  const authorizers = a?.authorizers ?? [];
  const manage = authorizers.length > 0 || input.routes.some((r) => r.access);
  if (!a) return { before: [], after: [], notes: [], ids: { authorizers: {}, validators: {}, keys: {}, plans: {} }, authorizers, manage };
  const auth = planAuthorizers(authorizers, { apiId: input.apiId, region: input.region, prune: input.prune, remote: a.remote.authorizers, ...fns });
  const extras = planExtras({
    prune: input.prune,
    models: a.settings?.models ?? {},
    gatewayResponses: a.settings?.gatewayResponses ?? {},
    validators: input.routes.flatMap((r) => (r.access?.requestValidator ? [r.access.requestValidator] : [])),
    remote: a.remote,
    ...(a.settings ? { apiKeySource: { desired: a.settings.apiKeySource, current: a.apiKeySource } } : {}),
  });
  const u = a.remote.usage;
  const use = u
    ? planUsage({ apiId: input.apiId, prune: input.prune, plans: a.settings?.usagePlans ?? [], stages: u.stages, givenValues: a.givenKeyValues ?? {}, remote: u })
    : { before: [], after: [], notes: [], keyIds: {}, planIds: {} };
  return {
    // models before the validators and authorizers; deletes: methods first let go of authorizers, validators and models
    before: [...extras.before, ...auth.before, ...use.before],
    after: [...auth.after, ...extras.after, ...use.after],
    notes: [...auth.notes, ...extras.notes, ...use.notes],
    ids: { authorizers: auth.ids, validators: extras.validatorIds, keys: use.keyIds, plans: use.planIds },
    authorizers,
    manage,
  };
}
