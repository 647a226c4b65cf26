// Which of the developer's AWS credentials a local function gets (`--aws-credentials`):
//   env      (default) AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN from lgw's
//            environment when set; a profile (AWS_PROFILE, ~/.aws) does not reach the function
//   profile  whatever lgw's AWS commands would use (environment, AWS_PROFILE, SSO ...), resolved
//            by lgw and handed over as those three variables, as SAM does for local calls
//   none     none of them: the function cannot call AWS as the developer
// The result is the "lgw environment" env.ts builds the function's environment from.
import { UsageError } from "../errors.js";

export const CREDENTIAL_SOURCES = ["env", "profile", "none"] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

export const CREDENTIAL_VARS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] as const;

export function credentialSource(value: unknown): CredentialSource {
  if (value === undefined) return "env";
  if ((CREDENTIAL_SOURCES as readonly unknown[]).includes(value)) return value as CredentialSource;
  throw new UsageError(`--aws-credentials ${String(value)}: use env, profile or none`);
}

/** lgw's environment with the credentials `source` says, for a function's environment. */
export async function hostEnvFor(source: CredentialSource, env: NodeJS.ProcessEnv = process.env): Promise<Record<string, string | undefined>> {
  if (source === "env") return env;
  const without: Record<string, string | undefined> = { ...env };
  for (const key of CREDENTIAL_VARS) delete without[key];
  if (source === "none") return without;
  const { resolveCredentialVars } = await import("../aws/credentials.js");
  return { ...without, ...(await resolveCredentialVars()) };
}
