// The environment a bootstrap sees, built the way Lambda builds it for provided.al2023.
// Pure: lgw's own environment comes in as an argument, so the tests are a table.
import path from "node:path";
import { resolveSetting } from "../config/settings.js";

/** Variables that must never reach a bootstrap (see CONTRACTS.md §1). */
export const FORBIDDEN_ENV = ["_LAMBDA_SERVER_PORT"] as const;

/** Passed through from lgw's environment when set, so a function can call AWS (or a local endpoint). */
const PASSTHROUGH = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] as const;

/** The PATH a bootstrap gets when lgw's own has none (Lambda's value). */
export const LAMBDA_PATH = "/usr/local/bin:/usr/bin/:/bin:/opt/bin";

export const DEFAULT_REGION = "us-east-1";

export interface BootstrapEnvInput {
  /** host:port of the Runtime API server */
  runtimeApi: string;
  /** absolute path of the executable; its directory is LAMBDA_TASK_ROOT */
  bootstrapPath: string;
  functionName: string;
  memoryMB: number;
  /** lgw.json's region: used only when lgw's environment names none */
  configRegion?: string;
  /** lgw's own environment (process.env) */
  hostEnv: Record<string, string | undefined>;
  /** the function's environment from lgw.json */
  functionEnv?: Record<string, string>;
  /** --env KEY=VALUE, which wins over lgw.json */
  overrides?: Record<string, string>;
  logStreamName: string;
}

/** The region a bootstrap reports: lgw's environment, then lgw.json, then us-east-1. */
export function resolveRegion(hostEnv: Record<string, string | undefined>, configRegion?: string): string {
  return resolveSetting("region", { env: hostEnv, file: configRegion, default: DEFAULT_REGION }).value;
}

export function bootstrapEnv(input: BootstrapEnvInput): Record<string, string> {
  const { hostEnv } = input;
  const region = resolveRegion(hostEnv, input.configRegion);
  const env: Record<string, string> = {
    PATH: hostEnv.PATH || LAMBDA_PATH,
    LANG: "en_US.UTF-8",
    TZ: "UTC",
    _HANDLER: "bootstrap",
    LAMBDA_TASK_ROOT: path.dirname(input.bootstrapPath),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: input.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(input.memoryMB),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${input.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: input.logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
  };
  for (const key of PASSTHROUGH) {
    const value = hostEnv[key];
    if (value) env[key] = value;
  }
  Object.assign(env, input.functionEnv ?? {}, input.overrides ?? {});
  // the one variable nothing may override: it is how the bootstrap finds us
  env.AWS_LAMBDA_RUNTIME_API = input.runtimeApi;
  for (const key of FORBIDDEN_ENV) delete env[key];
  return env;
}

/** Lambda's log stream name: `2024/01/31/[$LATEST]` + 32 hex digits. */
export function logStreamName(now: Date, hex32: string): string {
  const y = now.getUTCFullYear();
  const m = String(now.getUTCMonth() + 1).padStart(2, "0");
  const d = String(now.getUTCDate()).padStart(2, "0");
  return `${y}/${m}/${d}/[$LATEST]${hex32}`;
}

/** Parses repeated `--env KEY=VALUE` flags; returns the bad one's problem instead of throwing. */
export function parseEnvAssignments(pairs: string[]): { env: Record<string, string> } | { problem: string } {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq === -1 ? pair : pair.slice(0, eq);
    if (eq === -1 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      return { problem: `--env "${pair}" must look like KEY=VALUE (KEY: letters, digits and _, not starting with a digit)` };
    }
    env[key] = pair.slice(eq + 1);
  }
  return { env };
}
