// `endpoint_url` of the profile named by --profile. The SDK reads configured endpoints (env and
// ~/.aws/config) only for AWS_PROFILE / "default": its endpoint lookup ignores the client's
// `profile` option, so `lgw deploy --profile local` would otherwise send a moto/LocalStack
// profile's requests to real AWS. The files are read by the SDK's own loader (@smithy/core's
// shared-ini-file-loader, `[profile x]`, `[services x]` and nested keys as the SDK reads them);
// this module only picks the keys for that one profile.
import os from "node:os";
import path from "node:path";
import { loadSharedConfigFiles } from "@smithy/core/config";

/** The SDK's service ids as they appear in AWS_ENDPOINT_URL_<ID> and `[services]` sections. */
export type ServiceKey = "lambda" | "api_gateway" | "apigatewayv2" | "iam" | "cloudwatch_logs";

type Section = Record<string, string | undefined>;

/** ~/.aws/config (profiles by bare name, "services.x" sections) and ~/.aws/credentials. */
export interface SharedFiles {
  configFile: Record<string, Section>;
  credentialsFile: Record<string, Section>;
}

/** Reads both files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured); a missing one is empty. */
export async function loadSharedFiles(env: NodeJS.ProcessEnv = process.env): Promise<SharedFiles> {
  const home = os.homedir();
  const files = await loadSharedConfigFiles({
    configFilepath: env.AWS_CONFIG_FILE || path.join(home, ".aws", "config"),
    filepath: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, ".aws", "credentials"),
    ignoreCache: true,
  });
  return { configFile: files.configFile as Record<string, Section>, credentialsFile: files.credentialsFile as Record<string, Section> };
}

/**
 * Whether `profile` is defined in either file. Without this check a mistyped --profile surfaces
 * as "no region" or "no credentials", which sends the user to the wrong fix.
 */
export function profileExists(profile: string, files: SharedFiles): boolean {
  return Object.hasOwn(files.configFile, profile) || Object.hasOwn(files.credentialsFile, profile);
}

/** True when an AWS_ENDPOINT_URL* variable already sets this service's endpoint (the SDK honours it). */
export function envEndpointSet(service: ServiceKey, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL);
}

/** The endpoint_url that `profile` configures for `service`, or undefined. */
export function profileEndpoint(profile: string, service: ServiceKey, files: SharedFiles, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (String(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? "").toLowerCase() === "true") return undefined;
  const section = Object.hasOwn(files.configFile, profile) ? files.configFile[profile] : undefined;
  if (!section) return undefined;
  if (section.ignore_configured_endpoint_urls?.toLowerCase() === "true") return undefined;
  const services = section.services;
  const fromServices = services ? files.configFile[`services.${services}`]?.[`${service}.endpoint_url`] : undefined;
  return fromServices || section.endpoint_url || undefined;
}
