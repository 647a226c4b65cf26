// The one place that builds AWS SDK clients. The SDK is imported lazily so commands that never
// talk to AWS (and `lgw --version`) do not pay for loading it.
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { LgwError, UsageError } from "../errors.js";
import { resolveSetting } from "../config/settings.js";
import { envEndpointSet, loadSharedFiles, profileEndpoint, profileExists, type ServiceKey, type SharedFiles } from "./profile-endpoint.js";

export type LambdaSdk = typeof import("@aws-sdk/client-lambda");
export type ApiGatewaySdk = typeof import("@aws-sdk/client-api-gateway");
export type ApiGatewayV2Sdk = typeof import("@aws-sdk/client-apigatewayv2");

export interface AwsClientOptions {
  /** --profile; without it the SDK uses AWS_PROFILE or "default" */
  profile?: string;
  /** --region */
  region?: string;
  /** --endpoint-url; without it the SDK's AWS_ENDPOINT_URL* variables still apply */
  endpointUrl?: string;
  /** lgw.json's region: the last resort */
  configRegion?: string;
}

export interface AwsClients {
  lambda: LambdaClient;
  apigw: APIGatewayClient;
  /** HTTP APIs (API Gateway v2) */
  apigwv2: ApiGatewayV2Client;
  region: string;
  /** the explicit endpoint, when one was given */
  endpoint?: string;
  /** the SDK modules, so other areas can build commands without importing @aws-sdk/* */
  sdk: { lambda: LambdaSdk; apigw: ApiGatewaySdk; apigwv2: ApiGatewayV2Sdk };
}

/**
 * Throttling gets more room than the SDK's default 3 attempts; adaptive mode also slows the
 * client down when AWS says so. AWS_MAX_ATTEMPTS / AWS_RETRY_MODE still win when set.
 */
const MAX_ATTEMPTS = 6;

/**
 * Every attempt is bounded: connecting, and then silence on the socket (an endpoint that accepts
 * and never answers). Inactivity rather than a total, so a slow 50 MB upload still goes through.
 * LGW_AWS_TIMEOUT (seconds) sets the inactivity bound; the connect bound is a fifth of it, at
 * least one second and at most five.
 */
export const DEFAULT_TIMEOUT_S = 20;

export function timeoutsFrom(env: NodeJS.ProcessEnv): { connectionTimeout: number; socketTimeout: number } {
  const raw = env.LGW_AWS_TIMEOUT;
  const seconds = raw !== undefined && raw !== "" ? Number(raw) : DEFAULT_TIMEOUT_S;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`LGW_AWS_TIMEOUT=${raw}: give seconds above 0 (default ${DEFAULT_TIMEOUT_S})`);
  }
  const socketTimeout = Math.round(seconds * 1000);
  return { connectionTimeout: Math.min(5000, Math.max(1000, Math.round(socketTimeout / 5))), socketTimeout };
}

/** The options every AWS command takes (see src/commands/aws-options.ts), from ctx.opts. */
export function awsOptionsFrom(opts: { profile?: string; region?: string; endpointUrl?: string }, configRegion?: string): AwsClientOptions {
  // an empty --region "" is no region: the next source in line decides
  const given = (v: string | undefined) => (v ? v : undefined);
  return { profile: given(opts.profile), region: given(opts.region), endpointUrl: given(opts.endpointUrl), configRegion };
}

export function checkEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--endpoint-url ${url} is not a URL: use e.g. http://127.0.0.1:5000`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UsageError(`--endpoint-url ${url} must start with http:// or https://`);
  }
  return url;
}

export async function createAwsClients(opts: AwsClientOptions = {}): Promise<AwsClients> {
  const endpoint = opts.endpointUrl ? checkEndpoint(opts.endpointUrl) : undefined;
  const [lambdaSdk, apigwSdk, apigwv2Sdk] = await Promise.all([
    import("@aws-sdk/client-lambda"),
    import("@aws-sdk/client-api-gateway"),
    import("@aws-sdk/client-apigatewayv2"),
  ]);
  const { base, region, files } = await resolve(opts, endpoint, lambdaSdk);
  return {
    lambda: withEndpointNote(new lambdaSdk.LambdaClient({ ...base, ...serviceEndpoint(opts, endpoint, "lambda", files), region })),
    apigw: withEndpointNote(new apigwSdk.APIGatewayClient({ ...base, ...serviceEndpoint(opts, endpoint, "api_gateway", files), region })),
    apigwv2: withEndpointNote(new apigwv2Sdk.ApiGatewayV2Client({ ...base, ...serviceEndpoint(opts, endpoint, "apigatewayv2", files), region })),
    region,
    endpoint,
    sdk: { lambda: lambdaSdk, apigw: apigwSdk, apigwv2: apigwv2Sdk },
  };
}

export type LambdaClients = Omit<AwsClients, "apigw" | "apigwv2" | "sdk"> & { sdk: { lambda: LambdaSdk } };

/** Lambda only: `lgw deploy` skips loading the API Gateway SDK (it is on its startup path). */
export async function createLambdaClients(opts: AwsClientOptions = {}): Promise<LambdaClients> {
  const endpoint = opts.endpointUrl ? checkEndpoint(opts.endpointUrl) : undefined;
  const lambdaSdk = await import("@aws-sdk/client-lambda");
  const { base, region, files } = await resolve(opts, endpoint, lambdaSdk);
  return { lambda: withEndpointNote(new lambdaSdk.LambdaClient({ ...base, ...serviceEndpoint(opts, endpoint, "lambda", files), region })), region, endpoint, sdk: { lambda: lambdaSdk } };
}

interface NotedClient {
  middlewareStack: { add(mw: unknown, opts: { step: "deserialize"; name: string; priority: "low" }): void };
}

/**
 * Each failed attempt carries the endpoint it was sent to ($endpoint on the error), so a stall or
 * a refused connection names the host even when it came from AWS_ENDPOINT_URL* or a profile.
 * The deserialize step runs inside the retry, once per attempt, with the final request.
 */
export function withEndpointNote<T extends NotedClient>(client: T): T {
  type Next = (args: { request: unknown }) => Promise<unknown>;
  const note = (next: Next) => async (args: { request: unknown }) => {
    try {
      return await next(args);
    } catch (err) {
      const req = args.request as { protocol?: string; hostname?: string; port?: number } | undefined;
      if (err && typeof err === "object" && req?.hostname) {
        (err as { $endpoint?: string }).$endpoint = `${req.protocol ?? "https:"}//${req.hostname}${req.port ? `:${req.port}` : ""}`;
      }
      throw err;
    }
  };
  client.middlewareStack.add(note, { step: "deserialize", name: "lgwEndpointNote", priority: "low" });
  return client;
}

/**
 * With --profile and no --endpoint-url or AWS_ENDPOINT_URL*, that profile's endpoint_url. The
 * SDK itself only looks at AWS_PROFILE's, so it is told not to look (it would pick the wrong one).
 */
export function serviceEndpoint(opts: AwsClientOptions, endpoint: string | undefined, service: ServiceKey, files: SharedFiles | undefined) {
  if (endpoint || !opts.profile || !files || envEndpointSet(service)) return {};
  const fromProfile = profileEndpoint(opts.profile, service, files);
  return { ignoreConfiguredEndpointUrls: true, ...(fromProfile ? { endpoint: checkEndpoint(fromProfile) } : {}) };
}

export async function resolve(opts: AwsClientOptions, endpoint: string | undefined, lambdaSdk: LambdaSdk) {
  const env = process.env;
  // read only for --profile: the SDK itself reads the files for AWS_PROFILE / default
  const files = opts.profile ? await loadSharedFiles(env) : undefined;
  if (opts.profile && !profileExists(opts.profile, files!)) {
    throw new UsageError(`AWS profile ${opts.profile} not found in ~/.aws/config or ~/.aws/credentials: check --profile, or run \`aws configure --profile ${opts.profile}\``);
  }
  // The SDK warns on every run under Node 20 about its own future support window; lgw supports
  // Node 20 (package.json engines), so the warning is noise for lgw's users.
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const base = {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: MAX_ATTEMPTS }),
    ...(env.AWS_RETRY_MODE ? {} : { retryMode: "adaptive" }),
    requestHandler: timeoutsFrom(env),
  };
  // --region > AWS_REGION > AWS_DEFAULT_REGION > lgw.json (config/settings.ts), with the selected
  // profile's region in ~/.aws/config read after the environment and before lgw.json, where the
  // AWS CLI reads it (flag > environment > profile); the SDK is only asked when it decides
  const layered = resolveSetting("region", { flag: opts.region, env, file: opts.configRegion });
  const fromFlagOrEnv = layered?.source === "flag" || layered?.source === "env";
  const region = fromFlagOrEnv ? layered.value : ((await profileRegion(lambdaSdk, base)) ?? layered?.value);
  if (!region) {
    throw new LgwError("no AWS region: pass --region, set AWS_REGION, or add region to your profile");
  }
  return { base, region, files };
}

/** The region of the selected profile in ~/.aws/config, read the way the SDK reads it. */
async function profileRegion(sdk: LambdaSdk, base: Record<string, unknown>): Promise<string | undefined> {
  const probe = new sdk.LambdaClient(base);
  try {
    const region = await probe.config.region();
    return region || undefined;
  } catch {
    // the SDK throws "Region is missing" when neither env nor profile has one
    return undefined;
  } finally {
    probe.destroy();
  }
}
