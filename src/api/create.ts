// `lgw api create`: a REGIONAL REST API or an HTTP API (with its auto-deploying $default stage),
// recorded in lgw.json (api.id, api.type) so later commands find it.
import { UsageError } from "../errors.js";
import { createAwsClients } from "../aws/clients.js";
import { createRestApi } from "../aws/apigateway.js";
import { createHttpApi } from "../aws/apigatewayv2.js";
import { createStageV2 } from "../aws/apigatewayv2-stages.js";
import { updateConfigFile } from "../config/load.js";
import type { ApiType } from "../config/http.js";
import { httpInvokeUrl } from "./http/arns.js";
import { checkHttpStageName } from "./http/stage.js";
import type { ApiCommandOptions } from "./target.js";
import { resolveProject } from "../config/resolve.js";

export interface CreateApiResult {
  id: string;
  name: string;
  type: ApiType;
  region: string;
  /** HTTP APIs: the stage created with the API, and its URL */
  stage?: string;
  url?: string;
  /** the lgw.json that now names it, when there is one */
  recordedIn?: string;
}

function apiType(flag: string | undefined, fallback: ApiType): ApiType {
  if (flag === undefined) return fallback;
  const t = flag.toLowerCase();
  if (t !== "http" && t !== "rest") throw new UsageError(`--type ${flag}: use http (API Gateway v2 HTTP API) or rest (REST API)`);
  return t;
}

export async function createApi(
  input: Omit<ApiCommandOptions, "id"> & { name: string; description?: string; force?: boolean; type?: string; stage?: string | false },
  log: { warn(message: string): void; step(message: string): void },
): Promise<CreateApiResult> {
  const name = input.name.trim();
  if (!name) throw new UsageError("the API needs a name: lgw api create <name>");
  const config = resolveProject(input.cwd, "optional");
  const type = apiType(input.type, config?.api.type ?? "rest");
  const stage = type === "http" && input.stage !== false ? checkHttpStageName(input.stage ?? "$default") : undefined;
  if (config?.file && config.api.id && !input.force) {
    throw new UsageError(`${config.file} already names API ${config.api.id} (api.id): use it with \`lgw api sync\`, or pass --force to create another and record that one`);
  }
  if (config && type === "rest") {
    const { refuseRestFor, routesIfAny } = await import("./http/project.js");
    refuseRestFor(config, routesIfAny(config));
  }
  const aws = await createAwsClients({ ...input.aws, configRegion: config?.region });
  log.step(`creating ${type === "http" ? "HTTP" : "REST"} API ${name} in ${aws.region}`);
  const api =
    type === "http"
      ? await createHttpApi(aws, { name, description: input.description, cors: config?.api.cors })
      : await createRestApi(aws, { name, description: input.description, binaryMediaTypes: config?.api.binaryMediaTypes });
  if (stage) await createStageV2(aws, api.id, { stageName: stage, variables: config?.api.stageVariables });
  if (config?.file) {
    updateConfigFile(config.file, (json) => {
      const current = json.api && typeof json.api === "object" && !Array.isArray(json.api) ? (json.api as Record<string, unknown>) : {};
      json.api = { ...current, type, id: api.id, name };
    });
  } else {
    log.warn(`no lgw.json here to record the id in: pass --id ${api.id} to the other api commands`);
  }
  return {
    id: api.id,
    name,
    type,
    region: aws.region,
    ...(stage ? { stage, url: httpInvokeUrl(api.id, aws.region, stage) } : {}),
    recordedIn: config?.file,
  };
}
