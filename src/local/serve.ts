// The core of `lgw serve`: which routes and functions are served and how (format, stage,
// concurrency, the integration timeout), then the pieces wired together: the functions' warm
// processes (functions.ts), the API Gateway edge in front of them (server.ts) with its guard
// (HTTP API or REST access control), and under --watch the rebuilds that swap them (reload.ts).
import { accessSync, constants, statSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { LgwError, UsageError } from "../errors.js";
import { resolveProject } from "../config/resolve.js";
import { implicitConfig } from "../config/parse.js";
import { MEDIA_TYPE_RE } from "../config/limits.js";
import { DEFAULTS, type EventFormat, type ProjectConfig } from "../config/types.js";
import { restPreflightRoutes } from "../api/cors.js";
import { projectRoutes } from "../routes/project.js";
import type { Route } from "../routes/table.js";
import type { Logger } from "../ui/logger.js";
import { DEFAULT_API_ID, DEFAULT_ACCOUNT_ID } from "../apigw/request.js";
import { allowedHostProblem, hostPolicy } from "../apigw/front-door.js";
import type { CredentialSource } from "../runtime/host-env.js";
import { startGateway, type GatewayOptions, type GatewayServer } from "../apigw/server.js";
import { authorizerFunctions, formatOfFunctions, gatewayFormat, httpApiGuard, unguardedRouteProblem } from "../apigw/http-api.js";
import { restApiGuard, restAuthorizerFunctions, restOnlyRouteProblem } from "../apigw/rest-api.js";
import { nonProxyFormatProblem, nonProxyIntegrations } from "../apigw/integrations.js";
import { watchTemplates } from "../apigw/template-watch.js";
import { MAX_INVOKE_PAYLOAD_BYTES as MAX_EVENT_BYTES } from "../runtime/invocations.js";
import { checkDebugOptions, prepareServeDebugger } from "./serve-debug.js";
import { createFunctionHost } from "./functions.js";
import { serveSettings } from "./serve-settings.js";
import { watchForReload } from "./reload.js";
import type { AttachTarget } from "../runtime/debug.js";

export interface ServeOptions {
  cwd: string;
  port: number;
  host: string;
  stage?: string;
  watch?: boolean;
  concurrency?: number;
  format?: EventFormat;
  binaryMediaTypes?: string[];
  /** serve this executable for every function instead of building */
  bootstrap?: string;
  /** integration timeout in seconds */
  timeoutSeconds?: number;
  /** --debug: every function's process under Delve, from this port on (0: any free ports) */
  debugPort?: number;
  /** --aws-credentials: which of the developer's AWS credentials the functions get (host-env.ts) */
  awsCredentials?: CredentialSource;
  /** Host names served besides this machine's addresses and localhost; "*" for any */
  allowedHosts?: string[];
  /** --no-auth: skip REST authorizers and API keys for a quick local session */
  noAuth?: boolean;
  /** how long a client may take over its headers and its whole request (server.ts's defaults) */
  clientTimeouts?: { headersMs: number; requestMs: number };
  /** lgw's environment (the command passes process.env): AWS_REGION beats lgw.json's region */
  lgwEnv?: Readonly<Record<string, string | undefined>>;
  log: Logger;
  signal?: AbortSignal;
}

export interface ServeHandle {
  url: string;
  port: number;
  routes: Route[];
  format: EventFormat;
  stage: string;
  concurrency: number;
  /** rebuild attempts under watch so far, and whether the last one succeeded */
  reloads: { count: number; lastOk?: boolean };
  /** with --debug: where each function's Delve server listens */
  debug?: AttachTarget[];
  /** REST API keys lgw serve accepts (usage plans' keys), and which were just created */
  apiKeys: { name: string; value: string }[];
  createdApiKeys: string[];
  apiKeysFile?: string;
  close(): Promise<void>;
}

function checkOptions(o: ServeOptions): void {
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new UsageError(`--port ${o.port}: use a port from 0 to 65535`);
  if (o.concurrency !== undefined && (!Number.isInteger(o.concurrency) || o.concurrency < 1)) {
    throw new UsageError(`--concurrency ${o.concurrency}: use a whole number of 1 or more`);
  }
  if (o.timeoutSeconds !== undefined && !(o.timeoutSeconds > 0)) throw new UsageError(`--timeout ${o.timeoutSeconds}: use a number of seconds above 0`);
  for (const h of o.allowedHosts ?? []) {
    const problem = allowedHostProblem(h);
    if (problem) throw new UsageError(problem);
  }
  for (const t of o.binaryMediaTypes ?? []) {
    if (!MEDIA_TYPE_RE.test(t)) throw new UsageError(`--binary-media-types: "${t}" is not a media type such as image/png or */*`);
  }
}

/** With --bootstrap a folder without lgw.json serves that one executable as "function". */
function projectFor(o: ServeOptions): ProjectConfig {
  return o.bootstrap ? (resolveProject(o.cwd, "file") ?? implicitConfig(o.cwd, "function")) : resolveProject(o.cwd, "required");
}

function checkExecutable(cwd: string, file: string): string {
  const abs = path.resolve(cwd, file);
  try {
    if (!statSync(abs).isFile()) throw new Error("not a file");
    accessSync(abs, constants.X_OK);
  } catch {
    throw new UsageError(`--bootstrap ${file}: not an executable file`);
  }
  return abs;
}

/** Every address of this machine's interfaces: the names a server on 0.0.0.0 answers to. */
function machineAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
}

/** AWS's integration timeout when lgw.json sets none: REST APIs 29 s, HTTP APIs 30 s. */
export function defaultIntegrationTimeout(format: EventFormat): number {
  return format === "v2" ? DEFAULTS.httpIntegrationTimeout : DEFAULTS.integrationTimeout;
}

/** What lgw serve will serve, from the options and lgw.json, checked before anything starts. */
function servePlan(o: ServeOptions) {
  checkOptions(o);
  if (o.debugPort !== undefined) checkDebugOptions(o);
  const config = projectFor(o);
  const format = gatewayFormat(config, o.format);
  // a REST API's api.cors preflights answer locally as the MOCK methods sync deploys
  const tableRoutes = projectRoutes(config).routes;
  const routes = format === "v1" && config.api.type === "rest" ? [...tableRoutes, ...restPreflightRoutes(config.api, tableRoutes)] : tableRoutes;
  const unguarded = unguardedRouteProblem(config, routes, format, o.format);
  if (unguarded) throw unguarded;
  const problem = restOnlyRouteProblem(config, routes, format) ?? nonProxyFormatProblem(routes, format);
  if (problem) throw problem;
  const authorizers = format === "v2" ? authorizerFunctions(config, routes) : o.noAuth ? [] : restAuthorizerFunctions(config, routes);
  const settings = serveSettings(o, config, { stage: format === "v2" ? "$default" : "dev", integrationTimeout: defaultIntegrationTimeout(format) });
  return {
    config,
    format,
    routes,
    settings,
    stage: settings.stage.value,
    concurrency: o.debugPort !== undefined ? 1 : settings.concurrency.value,
    integrationMs: Math.round(settings.integrationTimeout.value * 1000),
    bootstrap: o.bootstrap ? checkExecutable(o.cwd, o.bootstrap) : undefined,
    // MOCK and HTTP routes ("" for a function) start no processes
    servedNames: [...new Set([...routes.map((r) => r.functionName).filter(Boolean), ...authorizers])],
  };
}

/** startGateway, with the listen errors a user can fix said as such. */
function listen(opts: GatewayOptions): Promise<GatewayServer> {
  return startGateway(opts).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") throw new LgwError(`port ${opts.port} on ${opts.host} is in use`, { hint: "pick another with --port <n> (0 takes any free port)" });
    if (err.code === "EACCES") throw new LgwError(`no permission to listen on ${opts.host}:${opts.port}`, { hint: "use a port above 1023" });
    if (err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND") throw new UsageError(`--host ${opts.host}: not an address of this machine`);
    throw err;
  });
}

export async function startServe(o: ServeOptions): Promise<ServeHandle> {
  const { log } = o;
  const { config, format, routes, settings, stage, concurrency, integrationMs, bootstrap, servedNames } = servePlan(o);
  // builds stop with lgw serve, or at once with the caller's signal
  const builds = linkedAbort(o.signal);

  const debug = o.debugPort === undefined ? undefined : await prepareServeDebugger(o.debugPort, servedNames, log);
  const host = await createFunctionHost({ config, names: servedNames, bootstrap, concurrency, integrationMs, debug, credentials: settings.awsCredentials.value, log, builds: builds.signal });
  if (!bootstrap) await host.buildAll(!o.watch);
  // under Delve each process starts now, so one can attach before the first request
  if (debug) await host.startEach();
  const { invoke } = host;

  const region = settings.region.value;
  const rest = format === "v1" ? await restApiGuard(config, routes, { invoke, region, warn: (m) => log.warn(m), noAuth: o.noAuth }) : undefined;
  const gateway = await listen({
    host: o.host,
    port: o.port,
    routes,
    format,
    event: { stage, stageVariables: config.api.stageVariables, binaryMediaTypes: settings.binaryMediaTypes.value, apiId: config.api.id ?? DEFAULT_API_ID, accountId: DEFAULT_ACCOUNT_ID },
    log,
    invoke,
    guard: format === "v2" ? httpApiGuard(config, routes, { invoke, region, warn: (m) => log.warn(m) }) : rest?.guard,
    formatOf: formatOfFunctions(config, format, o.format),
    integrate: nonProxyIntegrations({ invoke, log, timeoutMs: integrationMs, maxEventBytes: MAX_EVENT_BYTES }),
    hosts: hostPolicy(o.host, o.allowedHosts ?? [], machineAddresses()),
    clientTimeouts: o.clientTimeouts,
  }).catch(async (err: unknown) => {
    await host.close();
    throw err;
  });

  // non-proxy routes' .vtl files: re-read on change, without restarting processes
  const templates = o.watch ? await watchTemplates(config, routes, log) : undefined;
  const reloader = o.watch ? await watchForReload({ root: config.root, bootstrap, host, log, builds: builds.signal }) : undefined;

  const close = closeOnce(async () => {
    builds.abort();
    await Promise.all([reloader?.close(), templates?.close()]);
    // requests in flight are answered (503) before their connections close
    gateway.drain();
    await host.close();
    await gateway.close();
  });
  return {
    url: gateway.url,
    port: gateway.port,
    routes,
    format,
    stage,
    concurrency,
    reloads: reloader?.reloads ?? { count: 0 },
    debug: debug?.targets(),
    apiKeys: rest?.keys ?? [],
    createdApiKeys: rest?.createdKeys ?? [],
    apiKeysFile: rest?.keysFile,
    close,
  };
}

/** A controller that aborts with `parent` too, until it aborts itself. */
function linkedAbort(parent: AbortSignal | undefined): { signal: AbortSignal; abort(): void } {
  const own = new AbortController();
  const onParent = () => own.abort();
  parent?.addEventListener("abort", onParent, { once: true });
  return {
    signal: own.signal,
    abort: () => {
      parent?.removeEventListener("abort", onParent);
      own.abort();
    },
  };
}

/** `stop`, run once however often the result is called. */
function closeOnce(stop: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= stop());
}
