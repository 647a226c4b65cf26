// `lgw api routes`: what the REST API routes where, read back from API Gateway.
import { readResources } from "../aws/apigateway.js";
import { functionNameFromUri } from "./arns.js";
import { openApi, type ApiCommandOptions } from "./target.js";
import { byCodeUnit } from "./plan.js";
import type { RemoteResource } from "../aws/rest-types.js";

export interface RouteRow {
  path: string;
  /** undefined for a resource without methods */
  method?: string;
  authorization?: string;
  integrationType?: string;
  /** the function an AWS_PROXY or AWS integration invokes */
  functionName?: string;
  uri?: string;
}

/** Pure: one row per method, plus one per resource that has none; sorted by path, then method. */
export function routeRows(resources: RemoteResource[]): RouteRow[] {
  const rows: RouteRow[] = [];
  for (const r of [...resources].sort((a, b) => byCodeUnit(a.path, b.path))) {
    const methods = Object.values(r.methods).sort((a, b) => byCodeUnit(a.httpMethod, b.httpMethod));
    if (methods.length === 0) rows.push({ path: r.path });
    for (const m of methods) {
      // Lambda proxy (AWS_PROXY) and custom (AWS) integrations both name the function
      const fn = m.integration?.type === "AWS_PROXY" || m.integration?.type === "AWS" ? functionNameFromUri(m.integration.uri) : undefined;
      rows.push({
        path: r.path,
        method: m.httpMethod,
        authorization: m.authorizationType ?? "NONE",
        integrationType: m.integration?.type ?? "none",
        ...(fn ? { functionName: fn } : {}),
        ...(m.integration?.uri ? { uri: m.integration.uri } : {}),
      });
    }
  }
  return rows;
}

/** Pure: the rows as table cells. */
export function routeCells(rows: RouteRow[]): string[][] {
  return rows.map((r) => [r.path, r.method ?? "-", r.integrationType ?? "-", r.functionName ?? (r.integrationType === "MOCK" ? "(mock)" : (r.uri ?? "-")), r.authorization ?? "-"]);
}

export async function listRoutes(input: ApiCommandOptions): Promise<{ apiId: string; region: string; routes: RouteRow[] }> {
  const { apiId, aws } = await openApi(input);
  return { apiId, region: aws.region, routes: routeRows(await readResources(aws, apiId)) };
}
