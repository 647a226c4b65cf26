// Edge: which project, which REST API and which AWS clients an `lgw api` command works with.
import { createAwsClients, type AwsClientOptions, type AwsClients } from "../aws/clients.js";
import { findConfigFile, loadConfig } from "../config/load.js";
import type { ProjectConfig } from "../config/types.js";
import { resolveApiId } from "./input.js";

export interface ApiCommandOptions {
  cwd: string;
  /** --id */
  id?: string;
  /** --profile, --region, --endpoint-url */
  aws: Omit<AwsClientOptions, "configRegion">;
}

/**
 * The project when there is one. Commands that only need an API id (--id) work outside a
 * project; a broken lgw.json is still an error.
 */
export function loadProjectIfAny(cwd: string): ProjectConfig | undefined {
  if (findConfigFile(cwd)) return loadConfig(cwd);
  try {
    return loadConfig(cwd);
  } catch {
    return undefined;
  }
}

export interface ApiTarget {
  config?: ProjectConfig;
  apiId: string;
  aws: AwsClients;
}

/** Resolves the API id first (a UsageError costs no AWS setup), then the clients. */
export async function openApi(opts: ApiCommandOptions, config = loadProjectIfAny(opts.cwd)): Promise<ApiTarget> {
  const apiId = resolveApiId(opts.id, config?.api.id, config?.api.type);
  const aws = await createAwsClients({ ...opts.aws, configRegion: config?.region });
  return { config, apiId, aws };
}
