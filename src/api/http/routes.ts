// `lgw api routes` for an HTTP API: each route with the function it reaches, the payload format,
// and its authorization, read back from API Gateway.
import { readHttpApi } from "../../aws/apigatewayv2.js";
import type { ProjectConfig } from "../../config/types.js";
import { byCodeUnit } from "../plan.js";
import { openApi, type ApiCommandOptions } from "../target.js";
import { lambdaOfUri } from "./drift.js";
import type { RemoteHttpApi } from "../../aws/http-types.js";

export interface HttpRouteRow {
  routeKey: string;
  integrationType?: string;
  functionName?: string;
  payloadFormat?: string;
  authorization: string;
  authorizer?: string;
  scopes?: string[];
}

export function httpRouteRows(api: RemoteHttpApi): HttpRouteRow[] {
  const integrations = new Map(api.integrations.map((i) => [i.integrationId, i]));
  const authorizers = new Map(api.authorizers.map((a) => [a.authorizerId, a.name]));
  return [...api.routes]
    .sort((a, b) => byCodeUnit(a.routeKey, b.routeKey))
    .map((r) => {
      const integ = integrations.get(/^integrations\/(.+)$/.exec(r.target ?? "")?.[1] ?? "");
      const fn = integ?.integrationType === "AWS_PROXY" ? lambdaOfUri(integ.integrationUri) : undefined;
      const type = r.authorizationType ?? "NONE";
      return {
        routeKey: r.routeKey,
        ...(integ?.integrationType ? { integrationType: integ.integrationType } : {}),
        ...(fn ? { functionName: fn } : {}),
        ...(integ?.payloadFormatVersion ? { payloadFormat: integ.payloadFormatVersion } : {}),
        authorization: type,
        ...(type !== "NONE" && r.authorizerId ? { authorizer: authorizers.get(r.authorizerId) ?? r.authorizerId } : {}),
        ...(type === "JWT" && r.authorizationScopes?.length ? { scopes: r.authorizationScopes } : {}),
      };
    });
}

export function httpRouteCells(rows: HttpRouteRow[]): string[][] {
  return rows.map((r) => [
    r.routeKey,
    r.functionName ?? r.integrationType ?? "-",
    r.payloadFormat ?? "-",
    r.authorization === "NONE" ? "NONE" : `${r.authorization} ${r.authorizer ?? ""}${r.scopes ? ` (${r.scopes.join(" ")})` : ""}`.trim(),
  ]);
}

export async function listHttpRoutes(input: ApiCommandOptions, config: ProjectConfig | undefined): Promise<{ apiId: string; region: string; type: "http"; routes: HttpRouteRow[] }> {
  const { apiId, aws } = await openApi(input, config);
  return { apiId, region: aws.region, type: "http", routes: httpRouteRows(await readHttpApi(aws, apiId)) };
}
