// Pure: the methods a REST API has that lgw.json's route table does not name (kept without
// --prune, which deletes them), and the small helpers plan.ts shares with it.
import { functionNameFromUri } from "./arns.js";
import { isCorsMethod } from "./cors.js";
import type { RemoteResource } from "../aws/rest-types.js";

export interface AwsOnlyRoute {
  /** "GET /users/{id}" */
  route: string;
  /** the function its Lambda proxy integration calls, if it has one */
  functionName?: string;
}

/** Lambda integrations, proxy or custom (non-proxy): both hold the route's invoke permission. */
export const callsFunction = (type: string | undefined) => type === "AWS_PROXY" || type === "AWS";

/** Locale-independent, so a plan reads the same on every machine. */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Methods on the API that the table does not name; CORS preflights belong to api.cors, not routes. */
export function awsOnlyRoutes(resources: RemoteResource[], wanted: Map<string, Set<string>>): AwsOnlyRoute[] {
  const out: AwsOnlyRoute[] = [];
  for (const res of [...resources].sort((a, b) => byCodeUnit(a.path, b.path))) {
    for (const [method, m] of Object.entries(res.methods).sort(([a], [b]) => byCodeUnit(a, b))) {
      if (wanted.get(res.path)?.has(method) || isCorsMethod(method, m.integration)) continue;
      const fn = callsFunction(m.integration?.type) ? functionNameFromUri(m.integration?.uri) : undefined;
      out.push({ route: `${method} ${res.path}`, ...(fn ? { functionName: fn } : {}) });
    }
  }
  return out;
}
