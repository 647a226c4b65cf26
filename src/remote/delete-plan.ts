// Pure core of `lgw delete`: from what AWS holds, the steps that remove what lgw made, in an
// order that never leaves a live route to a missing function: the API first, then the invoke
// permissions it leaves behind on functions that stay, then the functions, then their roles.
// A role is removed only when it carries lgw's tag and no function outside the deletion uses it.

export type DeleteStep =
  | { action: "delete-api"; kind: "rest" | "http"; id: string; name?: string }
  | { action: "remove-permission"; functionName: string; statementId: string }
  | { action: "delete-function"; name: string }
  | { action: "delete-role"; name: string };

export interface RemoteState {
  /** functions asked for that exist, with their role ARNs */
  functions: { name: string; role?: string }[];
  /** functions asked for that are not deployed */
  missing: string[];
  /** the API asked for: exists, or an id that is already gone */
  api?: { id: string; kind?: "rest" | "http"; name?: string; exists: boolean };
  /** invoke statements of functions that stay (deleting the API leaves them dangling) */
  stayingStatements: { functionName: string; statementId: string; sourceArn?: string }[];
  /** roles of the functions asked for: lgw's tag, and the other functions that run as them */
  roles: { name: string; exists: boolean; createdByLgw: boolean; otherUsers: string[] }[];
}

export interface DeletePlan {
  steps: DeleteStep[];
  /** what is left alone, and why */
  kept: string[];
}

/** The role name of an IAM role ARN (arn:aws:iam::123:role/path/name -> name). */
export function roleNameOf(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}

/** Whether an execute-api SourceArn (arn:aws:execute-api:region:account:API/...) names the API. */
export function grantsApi(sourceArn: string | undefined, apiId: string): boolean {
  if (!sourceArn) return false;
  const m = /^arn:[^:]+:execute-api:[^:]*:[^:]*:([^/]+)(?:\/|$)/.exec(sourceArn);
  return m?.[1] === apiId;
}

export function planDelete(state: RemoteState): DeletePlan {
  const steps: DeleteStep[] = [];
  const kept: string[] = [];
  if (state.api) {
    const { api } = state;
    if (api.exists && api.kind) {
      steps.push({ action: "delete-api", kind: api.kind, id: api.id, name: api.name });
      for (const s of state.stayingStatements) {
        if (grantsApi(s.sourceArn, api.id)) steps.push({ action: "remove-permission", functionName: s.functionName, statementId: s.statementId });
      }
    } else kept.push(`API ${api.id}: not found (already deleted?)`);
  }
  for (const f of state.functions) steps.push({ action: "delete-function", name: f.name });
  for (const name of state.missing) kept.push(`function ${name}: not deployed`);
  for (const role of state.roles) {
    if (!role.exists) continue;
    if (!role.createdByLgw) kept.push(`role ${role.name}: not created by lgw (no lgw:created-by tag)`);
    else if (role.otherUsers.length > 0) kept.push(`role ${role.name}: still used by ${role.otherUsers.join(", ")}`);
    else steps.push({ action: "delete-role", name: role.name });
  }
  return { steps, kept };
}

export function describeStep(step: DeleteStep): string {
  switch (step.action) {
    case "delete-api":
      return `delete ${step.kind === "http" ? "HTTP" : "REST"} API ${step.id}${step.name ? ` (${step.name})` : ""}`;
    case "remove-permission":
      return `remove invoke permission ${step.statementId} from ${step.functionName}`;
    case "delete-function":
      return `delete function ${step.name} (and its invoke permissions)`;
    case "delete-role":
      return `delete role ${step.name} (created by lgw)`;
  }
}
