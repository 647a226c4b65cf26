// Pure: what a Lambda authorizer's IAM policy says about one request, as API Gateway evaluates
// it (REST TOKEN/REQUEST authorizers, and HTTP API Lambda authorizers without simple responses):
// a matching Deny wins; else a matching Allow allows; else it is denied. A statement matches when
// its Action covers execute-api:Invoke and one of its Resources matches the method or route ARN
// (`*` any run of characters, `?` one character).

export type PolicyDecision = "allow" | "deny" | "noAllow";

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  Resource?: unknown;
}

function asList(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

const globCache = new Map<string, RegExp>();
export function arnGlob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
    if (globCache.size > 1000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re;
}

const coversInvoke = (actions: string[]) => actions.some((a) => a === "*" || /^execute-api:(\*|Invoke)$/i.test(a));

/** Whether the policy document is shaped like one (Version and a Statement list or object). */
export function isPolicyDocument(doc: unknown): doc is { Statement: unknown } {
  return typeof doc === "object" && doc !== null && "Statement" in doc && (Array.isArray((doc as { Statement: unknown }).Statement) || typeof (doc as { Statement: unknown }).Statement === "object");
}

export function evaluatePolicy(doc: unknown, arn: string): PolicyDecision {
  if (!isPolicyDocument(doc)) return "noAllow";
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Statement[];
  let allowed = false;
  for (const s of statements) {
    if (!s || typeof s !== "object" || !coversInvoke(asList(s.Action))) continue;
    if (!asList(s.Resource).some((r) => arnGlob(r).test(arn))) continue;
    if (String(s.Effect).toLowerCase() === "deny") return "deny";
    if (String(s.Effect).toLowerCase() === "allow") allowed = true;
  }
  return allowed ? "allow" : "noAllow";
}
