// REST API access control (issue 9) as lgw works with it; schema/rest.ts defines the lgw.json
// settings (token/request/cognito authorizers, route access keys, api.models, api.usagePlans,
// api.apiKeySource, api.gatewayResponses). Model values that are paths (*.json) are read at
// load by readModelFiles.
import { readFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { GatewayResponseType } from "../apigw/rest/gateway-responses.js";
import type { GatewayResponseOverride, UsagePlan } from "../apigw/rest/types.js";

export type RestAuthorizerConfig =
  | { name: string; type: "token"; function: string; identitySource: string; validationExpression?: string; ttl: number }
  | { name: string; type: "request"; function: string; identitySource: string[]; ttl: number }
  | { name: string; type: "cognito"; userPoolArns: string[]; identitySource: string; jwks?: string; ttl: number };

export interface RestApiSettings {
  /** model name -> JSON Schema draft 4 document (a path until readModelFiles has run) */
  models: Record<string, unknown>;
  usagePlans: UsagePlan[];
  apiKeySource: "HEADER" | "AUTHORIZER";
  gatewayResponses: Partial<Record<GatewayResponseType, GatewayResponseOverride>>;
}

/** The issuer of a Cognito user pool: https://cognito-idp.REGION.amazonaws.com/POOL_ID. */
export function userPoolIssuer(arn: string): string {
  const [, , , region, , resource] = arn.split(":");
  return `https://cognito-idp.${region}.amazonaws.com/${resource!.slice("userpool/".length)}`;
}

/** Replaces model paths by the parsed files (relative to the project), at load. */
export function readModelFiles(root: string, file: string, settings: RestApiSettings): void {
  for (const [name, m] of Object.entries(settings.models)) {
    if (typeof m !== "string") continue;
    const abs = path.resolve(root, m);
    let text: string;
    try {
      text = readFileSync(abs, "utf8");
    } catch (err) {
      throw new UsageError(`${file}: api.models.${name}: ${m} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give a path relative to ${path.basename(file)}'s folder`);
    }
    try {
      settings.models[name] = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`${file}: api.models.${name}: ${m} is not valid JSON: ${(err as Error).message}`);
    }
  }
}
