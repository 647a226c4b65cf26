// The developer's AWS credentials resolved the way lgw's AWS commands resolve them (the SDK's
// chain: environment, AWS_PROFILE or default in ~/.aws, SSO, process credentials), as the three
// variables a function reads: for `--aws-credentials profile` under lgw serve and lgw exec.
import { LgwError } from "../errors.js";
import { resolveSetting } from "../config/settings.js";
import { timeoutsFrom } from "./clients.js";

export interface CredentialVars {
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_SESSION_TOKEN?: string;
}

export async function resolveCredentialVars(): Promise<CredentialVars> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { LambdaClient } = await import("@aws-sdk/client-lambda");
  // the region does not matter for credentials; the client only lends its provider chain
  const client = new LambdaClient({ region: process.env.AWS_REGION || "us-east-1", requestHandler: timeoutsFrom(process.env) });
  try {
    const c = await client.config.credentials();
    return { AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey, ...(c.sessionToken ? { AWS_SESSION_TOKEN: c.sessionToken } : {}) };
  } catch (err) {
    const chosen = resolveSetting("profile", { env: process.env });
    const profile = chosen ? `profile ${chosen.value}` : "the default profile";
    throw new LgwError(`--aws-credentials profile: no AWS credentials found (environment, ${profile}): ${(err as Error).message.split("\n")[0]}`, {
      hint: "run `aws configure` or `aws sso login`, or set AWS_PROFILE; --aws-credentials env or none runs the function without them",
    });
  } finally {
    client.destroy();
  }
}
