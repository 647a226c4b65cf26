// `lgw api create`: a REGIONAL REST API, recorded in lgw.json so later commands find it.
import { UsageError } from "../cli/errors.js";
import { createAwsClients } from "../aws/clients.js";
import { createRestApi } from "../aws/apigateway.js";
import { updateConfigFile } from "../config/load.js";
import type { ApiCommandOptions } from "./target.js";
import { loadProjectIfAny } from "./target.js";

export interface CreateApiResult {
  id: string;
  name: string;
  region: string;
  /** the lgw.json that now names it, when there is one */
  recordedIn?: string;
}

export async function createApi(
  input: Omit<ApiCommandOptions, "id"> & { name: string; description?: string; force?: boolean },
  log: { warn(message: string): void; step(message: string): void },
): Promise<CreateApiResult> {
  const name = input.name.trim();
  if (!name) throw new UsageError("the API needs a name: lgw api create <name>");
  const config = loadProjectIfAny(input.cwd);
  if (config?.file && config.api.id && !input.force) {
    throw new UsageError(`${config.file} already names REST API ${config.api.id}: use it (lgw api sync), or pass --force to create another and record that one`);
  }
  const aws = await createAwsClients({ ...input.aws, configRegion: config?.region });
  log.step(`creating REST API ${name} in ${aws.region}`);
  const api = await createRestApi(aws, { name, description: input.description, binaryMediaTypes: config?.api.binaryMediaTypes });
  if (config?.file) {
    updateConfigFile(config.file, (json) => {
      const current = json.api && typeof json.api === "object" && !Array.isArray(json.api) ? (json.api as Record<string, unknown>) : {};
      json.api = { ...current, id: api.id, name };
    });
  } else {
    log.warn(`no lgw.json here to record the id in: pass --id ${api.id} to the other api commands`);
  }
  return { id: api.id, name, region: aws.region, recordedIn: config?.file };
}
