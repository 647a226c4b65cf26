// lgw serve's layered settings, read through the one table (config/settings.ts): its flags,
// lgw's environment (passed in by the command), lgw.json and the defaults serve.ts decides
// from the event format.
import { availableParallelism } from "node:os";
import { describeSettings, resolveSettings, type EnvLayer } from "../config/settings.js";
import type { ProjectConfig } from "../config/types.js";
import { DEFAULT_REGION } from "../runtime/env.js";
import type { CredentialSource } from "../runtime/host-env.js";
import type { Logger } from "../ui/logger.js";

export interface ServeFlags {
  stage?: string;
  concurrency?: number;
  timeoutSeconds?: number;
  binaryMediaTypes?: string[];
  awsCredentials?: CredentialSource;
  /** lgw's environment (the command passes process.env); absent: none */
  lgwEnv?: EnvLayer;
  log: Logger;
}

export function serveSettings(o: ServeFlags, config: ProjectConfig, defaults: { stage: string; integrationTimeout: number }) {
  const settings = resolveSettings({
    defaults: { ...defaults, concurrency: availableParallelism(), binaryMediaTypes: [] as string[], region: DEFAULT_REGION, awsCredentials: "env" as CredentialSource },
    file: { region: config.region, integrationTimeout: config.api.timeout, binaryMediaTypes: config.api.binaryMediaTypes },
    env: o.lgwEnv,
    flags: { stage: o.stage, concurrency: o.concurrency, integrationTimeout: o.timeoutSeconds, binaryMediaTypes: o.binaryMediaTypes, awsCredentials: o.awsCredentials },
  });
  o.log.debug(`settings: ${describeSettings(settings)}`);
  return settings;
}
