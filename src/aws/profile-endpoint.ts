// `endpoint_url` of the profile named by --profile. The SDK reads configured endpoints (env and
// ~/.aws/config) only for AWS_PROFILE / "default": its endpoint lookup ignores the client's
// `profile` option, so `lgw deploy --profile local` would otherwise send a moto/LocalStack
// profile's requests to real AWS. This reads the same keys the SDK does, for that one profile.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The SDK's service ids as they appear in AWS_ENDPOINT_URL_<ID> and `[services]` sections. */
export type ServiceKey = "lambda" | "api_gateway" | "apigatewayv2" | "iam" | "cloudwatch_logs";

type Sections = Map<string, Map<string, string>>;

/** Minimal AWS config-file parser: sections, `key = value`, and one level of nested keys. */
export function parseAwsConfig(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  let parent: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(raw)) continue;
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      const name = header[1]!.trim().replace(/\s+/g, " ");
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      parent = undefined;
      continue;
    }
    if (!current) continue;
    const kv = /^(\s*)([^=\s]+)\s*=\s*(.*)$/.exec(raw);
    if (!kv) continue;
    const [, indent, key, value] = kv as unknown as [string, string, string, string];
    if (indent.length > 0 && parent !== undefined) {
      current.set(`${parent}.${key.toLowerCase()}`, value.trim());
    } else if (value.trim() === "") {
      parent = key.toLowerCase();
    } else {
      parent = undefined;
      current.set(key.toLowerCase(), value.trim());
    }
  }
  return sections;
}

function configFile(env: NodeJS.ProcessEnv): string {
  return env.AWS_CONFIG_FILE || path.join(os.homedir(), ".aws", "config");
}

function readSections(file: string): Sections | undefined {
  try {
    return parseAwsConfig(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Whether `profile` is defined in ~/.aws/config or ~/.aws/credentials (AWS_CONFIG_FILE /
 * AWS_SHARED_CREDENTIALS_FILE). Without this check a mistyped --profile surfaces as "no region"
 * or "no credentials", which sends the user to the wrong fix.
 */
export function profileExists(profile: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const config = readSections(configFile(env));
  const credentials = readSections(env.AWS_SHARED_CREDENTIALS_FILE || path.join(os.homedir(), ".aws", "credentials"));
  return Boolean(config?.has(`profile ${profile}`) || config?.has(profile) || credentials?.has(profile));
}

/** True when an AWS_ENDPOINT_URL* variable already sets this service's endpoint (the SDK honours it). */
export function envEndpointSet(service: ServiceKey, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL);
}

/** The endpoint_url that `profile` configures for `service`, or undefined. */
export function profileEndpoint(profile: string, service: ServiceKey, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (String(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? "").toLowerCase() === "true") return undefined;
  let text: string;
  try {
    text = readFileSync(configFile(env), "utf8");
  } catch {
    return undefined;
  }
  const sections = parseAwsConfig(text);
  const section = sections.get(`profile ${profile}`) ?? (profile === "default" ? sections.get("default") : undefined);
  if (!section) return undefined;
  if (section.get("ignore_configured_endpoint_urls")?.toLowerCase() === "true") return undefined;
  const services = section.get("services");
  if (services) {
    const fromServices = sections.get(`services ${services}`)?.get(`${service}.endpoint_url`);
    if (fromServices) return fromServices;
  }
  return section.get("endpoint_url") || undefined;
}
