// Edge: which project, which REST API and which AWS clients an `lgw api` command works with.
import { createAwsClients, type AwsClientOptions, type AwsClients } from "../aws/clients.js";
import { resolveProject } from "../config/resolve.js";
import type { ProjectConfig } from "../config/types.js";
import { resolveApiId } from "./input.js";

export interface ApiCommandOptions {
  cwd: string;
  /** --id */
  id?: string;
  /** --profile, --region, --endpoint-url */
  aws: Omit<AwsClientOptions, "configRegion">;
}

export interface ApiTarget {
  config?: ProjectConfig;
  apiId: string;
  aws: AwsClients;
}

/** Resolves the API id first (a UsageError costs no AWS setup), then the clients. */
export async function openApi(opts: ApiCommandOptions, config = resolveProject(opts.cwd, "optional")): Promise<ApiTarget> {
  const apiId = resolveApiId(opts.id, config?.api.id, config?.api.type);
  const aws = await createAwsClients({ ...opts.aws, configRegion: config?.region });
  return { config, apiId, aws };
}
