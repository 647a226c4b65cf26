// The core of `lgw serve`: builds the routed functions for this machine, keeps a pool of warm
// bootstrap processes per function, and puts the API Gateway edge (server.ts) in front of them.
// With watch, a change to the Go sources rebuilds and swaps the pools to the new binary.
import { accessSync, constants, statSync } from "node:fs";
import { availableParallelism, networkInterfaces } from "node:os";
import path from "node:path";
import { LgwError, UsageError } from "../errors.js";
import { findConfigFile, loadConfig } from "../config/load.js";
import { implicitConfig } from "../config/parse.js";
import { MEDIA_TYPE_RE } from "../config/limits.js";
import { DEFAULTS, type EventFormat, type FunctionConfig, type ProjectConfig } from "../config/types.js";
import { Instance, type InvokeOutcome as RuntimeOutcome } from "../runtime/instance.js";
import { restPreflightRoutes } from "../api/cors.js";
import { projectRoutes } from "../routes/project.js";
import type { Route } from "../routes/table.js";
import type { Logger } from "../ui/logger.js";
import { FunctionPool, QueueAbort } from "./pool.js";
import { DEFAULT_API_ID, DEFAULT_ACCOUNT_ID } from "./request.js";
import { allowedHostProblem, hostPolicy } from "./front-door.js";
import { hostEnvFor, type CredentialSource } from "../runtime/host-env.js";
import { startGateway, type InvokeExtra, type GatewayOutcome } from "./server.js";
import { authorizerFunctions, formatOfFunctions, gatewayFormat, httpApiGuard, unguardedRouteProblem } from "./http-api.js";
import { restApiGuard, restAuthorizerFunctions, restOnlyRouteProblem } from "./rest-api.js";
import { watchFiles, type Watcher } from "./watch.js";
import { nonProxyFormatProblem, nonProxyIntegrations } from "./integrations.js";
import { watchTemplates } from "./template-watch.js";
import { MAX_INVOKE_PAYLOAD_BYTES as MAX_EVENT_BYTES } from "../runtime/invocations.js";
import { buildInputs } from "../build/go-sources.js";
import { checkDebugOptions, prepareServeDebugger } from "./serve-debug.js";
import { DEBUG_TIMEOUT_MS, type AttachTarget } from "../runtime/debug.js";

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

interface Served {
  fn: FunctionConfig;
  /** undefined until a build succeeded */
  binaryPath?: string;
  pool: FunctionPool<Instance>;
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

function projectFor(o: ServeOptions): ProjectConfig {
  if (o.bootstrap && !findConfigFile(o.cwd)) return implicitConfig(o.cwd, "function");
  return loadConfig(o.cwd);
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

/** Lambda's outcome as the gateway sees it; the details go to the log. */
function toGatewayOutcome(o: RuntimeOutcome, integrationTimedOut: boolean): GatewayOutcome {
  switch (o.kind) {
    case "success":
      return { kind: "result", payload: o.body };
    case "timeout":
      return integrationTimedOut ? { kind: "timeout" } : { kind: "functionError", reason: o.error.errorMessage, error: { ...o.error } };
    default:
      return { kind: "functionError", reason: `${o.error.errorType}: ${o.error.errorMessage}`, error: { ...o.error } };
  }
}

/** Starts one process of each function (Delve's, for --debug); on a failure, stops them all. */
async function startEach(served: Iterable<Served>): Promise<void> {
  const all = [...served];
  try {
    await Promise.all(all.map((s) => s.pool.run(async () => undefined)));
  } catch (err) {
    await Promise.all(all.map((s) => s.pool.close()));
    throw err;
  }
}

export async function startServe(o: ServeOptions): Promise<ServeHandle> {
  checkOptions(o);
  if (o.debugPort !== undefined) checkDebugOptions(o);
  const { log } = o;
  const config = projectFor(o);
  const format = gatewayFormat(config, o.format);
  // a REST API's api.cors preflights answer locally as the MOCK methods sync deploys
  const tableRoutes = projectRoutes(config).routes;
  const routes = format === "v1" && config.api.type === "rest" ? [...tableRoutes, ...restPreflightRoutes(config.api, tableRoutes)] : tableRoutes;
  const unguarded = unguardedRouteProblem(config, routes, format, o.format);
  if (unguarded) throw unguarded;
  const problem = restOnlyRouteProblem(config, routes, format) ?? nonProxyFormatProblem(routes, format);
  if (problem) throw problem;
  const stage = o.stage ?? (format === "v2" ? "$default" : "dev");
  const concurrency = o.debugPort !== undefined ? 1 : o.concurrency ?? availableParallelism();
  const integrationMs = Math.round((o.timeoutSeconds ?? config.api.timeout ?? defaultIntegrationTimeout(format)) * 1000);
  const bootstrap = o.bootstrap ? checkExecutable(o.cwd, o.bootstrap) : undefined;
  const builds = new AbortController();
  const abortBuilds = () => builds.abort();
  o.signal?.addEventListener("abort", abortBuilds, { once: true });

  const servedNames = [...new Set([...routes.map((r) => r.functionName).filter(Boolean), ...(format === "v2" ? authorizerFunctions(config, routes) : o.noAuth ? [] : restAuthorizerFunctions(config, routes))])];
  const debug = o.debugPort === undefined ? undefined : await prepareServeDebugger(o.debugPort, servedNames, log);
  const served = new Map<string, Served>();
  // resolved before serving, so missing credentials are said at once; a profile's (often
  // short-lived) credentials are resolved again for processes started 10 minutes later
  const credentials = o.awsCredentials ?? "env";
  let hostEnv = { at: Date.now(), env: await hostEnvFor(credentials) };
  const currentHostEnv = async () => {
    if (credentials === "profile" && Date.now() - hostEnv.at > 600_000) hostEnv = { at: Date.now(), env: await hostEnvFor(credentials) };
    return hostEnv.env;
  };
  const startInstance = (s: Served) => async (): Promise<Instance> => {
    if (!s.binaryPath) throw new LgwError(`${s.fn.name} has no successful build yet: fix the error shown above`);
    const session = debug?.session(s.fn.name);
    const instance = new Instance({
      hostEnv: await currentHostEnv(),
      launcher: session,
      initTimeoutMs: session ? DEBUG_TIMEOUT_MS : undefined,
      bootstrapPath: s.binaryPath,
      functionName: s.fn.name,
      memoryMB: s.fn.memory,
      configRegion: config.region,
      functionEnv: s.fn.environment,
      platformLines: log.verbose,
      onOutput: (line, requestId, source) => {
        if (source === "platform") return log.debug(line);
        log.later(`${log.c.dim(requestId ?? `${s.fn.name} init`)} ${line}\n`);
      },
    });
    await instance.start();
    if (session) {
      const port = await session.ready.catch(async (err: unknown) => {
        await instance.stop();
        throw err;
      });
      debug!.listening(s.fn.name, port);
    }
    return instance;
  };
  // MOCK and HTTP routes ("" for a function) start no processes
  for (const name of servedNames) {
    const fn = config.functions.find((f) => f.name === name)!;
    const s: Served = { fn, binaryPath: bootstrap, pool: undefined as unknown as FunctionPool<Instance> };
    s.pool = new FunctionPool({ concurrency, start: startInstance(s) });
    served.set(name, s);
  }

  const { buildForHost } = bootstrap ? { buildForHost: undefined } : await import("../build/index.js");
  /** Builds every served function; returns the names whose binary changed and how many failed. */
  const buildAll = async (failHard: boolean): Promise<{ changed: string[]; failed: number }> => {
    const changed: string[] = [];
    let failed = 0;
    for (const s of served.values()) {
      try {
        const r = await buildForHost!({ config, fn: s.fn, log, signal: builds.signal, debug: debug !== undefined });
        if (!r.cached || !s.binaryPath) changed.push(s.fn.name);
        s.binaryPath = r.binaryPath;
      } catch (err) {
        if (failHard || builds.signal.aborted || !(err instanceof LgwError)) throw err;
        failed++;
        if (err.detail) log.err(err.detail.endsWith("\n") ? err.detail : err.detail + "\n");
        log.error(`${err.message}${s.binaryPath ? "; the previous build keeps serving" : ""}`);
      }
    }
    return { changed, failed };
  };
  if (!bootstrap) await buildAll(!o.watch);
  // under Delve each process starts now, so one can attach before the first request
  if (debug) await startEach(served.values());

  const invoke = async (name: string, event: Buffer, requestId: string, extra: InvokeExtra = {}): Promise<GatewayOutcome> => {
    const s = served.get(name)!;
    const fnMs = s.fn.timeout * 1000;
    // the integration timeout counts from the request's arrival, time spent queued for a busy
    // process included, as API Gateway's does (under the debugger neither timeout runs)
    const deadline = performance.now() + integrationMs;
    const waited = new AbortController();
    const queueTimer = debug ? undefined : setTimeout(() => waited.abort(), integrationMs);
    try {
      return await s.pool.run(async (instance) => {
        clearTimeout(queueTimer);
        const left = Math.max(1, Math.round(deadline - performance.now()));
        const timeoutMs = debug ? DEBUG_TIMEOUT_MS : Math.min(fnMs, left);
        const outcome = await instance.invoke(event, { timeoutMs, requestId, traceRoot: extra.traceRoot });
        if (outcome.initDurationMs !== undefined) {
          log.step(`${name}: started process ${instance.pid ?? "?"} (init ${outcome.initDurationMs.toFixed(1)} ms)`);
        }
        if (outcome.kind === "timeout") log.warn(`${requestId}: ${outcome.error.errorMessage}; its process is replaced`);
        return toGatewayOutcome(outcome, outcome.kind === "timeout" && left < fnMs);
      }, waited.signal);
    } catch (err) {
      if (err instanceof QueueAbort) {
        log.warn(`${requestId}: no process of ${name} was free within the ${integrationMs / 1000} s integration timeout (all ${concurrency} busy; raise --concurrency or --timeout)`);
        return { kind: "timeout" };
      }
      return { kind: "functionError", reason: (err as Error).message };
    } finally {
      clearTimeout(queueTimer);
    }
  };


  const region = config.region ?? process.env.AWS_REGION ?? "us-east-1";
  const rest = format === "v1" ? await restApiGuard(config, routes, { invoke, region, warn: (m) => log.warn(m), noAuth: o.noAuth }) : undefined;
  const gateway = await startGateway({
    host: o.host,
    port: o.port,
    routes,
    format,
    event: { stage, stageVariables: config.api.stageVariables, binaryMediaTypes: o.binaryMediaTypes ?? config.api.binaryMediaTypes, apiId: config.api.id ?? DEFAULT_API_ID, accountId: DEFAULT_ACCOUNT_ID },
    log,
    invoke,
    guard: format === "v2" ? httpApiGuard(config, routes, { invoke, region, warn: (m) => log.warn(m) }) : rest?.guard,
    formatOf: formatOfFunctions(config, format, o.format),
    integrate: nonProxyIntegrations({ invoke, log, timeoutMs: integrationMs, maxEventBytes: MAX_EVENT_BYTES }),
    hosts: hostPolicy(o.host, o.allowedHosts ?? [], machineAddresses()),
    clientTimeouts: o.clientTimeouts,
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") throw new LgwError(`port ${o.port} on ${o.host} is in use`, { hint: "pick another with --port <n> (0 takes any free port)" });
    if (err.code === "EACCES") throw new LgwError(`no permission to listen on ${o.host}:${o.port}`, { hint: "use a port above 1023" });
    if (err.code === "EADDRNOTAVAIL" || err.code === "ENOTFOUND") throw new UsageError(`--host ${o.host}: not an address of this machine`);
    throw err;
  }).catch(async (err: unknown) => {
    await Promise.all([...served.values()].map((s) => s.pool.close()));
    throw err;
  });

  // non-proxy routes' .vtl files: re-read on change, without restarting processes
  const templates = o.watch ? await watchTemplates(config, routes, log) : undefined;
  const reloads: ServeHandle["reloads"] = { count: 0 };
  let watcher: Watcher | undefined;
  let running: Promise<void> | undefined;
  if (o.watch) {
    const reload = async (files: string[]): Promise<void> => {
      const t0 = performance.now();
      log.step(`${files.map((f) => path.relative(config.root, f) || f).join(", ")} changed: ${bootstrap ? "restarting" : "rebuilding"}…`);
      try {
        const { changed, failed } = bootstrap ? { changed: [...served.keys()], failed: 0 } : await buildAll(false);
        for (const name of changed) {
          const s = served.get(name)!;
          s.pool.swap(startInstance(s));
          s.pool.prewarm();
        }
        reloads.lastOk = failed === 0;
        if (changed.length) log.success(`reloaded ${changed.join(", ")} in ${Math.round(performance.now() - t0)} ms`);
        else if (!failed) log.info(log.c.dim("no function changed"));
      } catch (err) {
        reloads.lastOk = false;
        if (!builds.signal.aborted) log.error(`rebuild failed: ${(err as Error).message}`);
      } finally {
        reloads.count++;
      }
    };
    // changes that arrive during a rebuild are batched into the next one
    const pending = new Set<string>();
    const schedule = (files: string[]) => {
      for (const f of files) pending.add(f);
      if (running || builds.signal.aborted) return;
      const batch = [...pending];
      pending.clear();
      running = reload(batch).finally(() => {
        running = undefined;
        if (pending.size) schedule([]);
      });
    };
    if (bootstrap) watcher = await watchFiles([bootstrap], schedule, { filter: (f) => f === bootstrap });
    else {
      // the module and its local replaces, with //go:embed'ed files: what the fingerprint hashes
      const inputs = buildInputs(config.root);
      watcher = await watchFiles(inputs.roots, (files) => {
        inputs.refresh();
        schedule(files);
      }, { filter: inputs.isInput });
    }
  }

  let closing: Promise<void> | undefined;
  return {
    url: gateway.url,
    port: gateway.port,
    routes,
    format,
    stage,
    concurrency,
    reloads,
    debug: debug?.targets(),
    apiKeys: rest?.keys ?? [],
    createdApiKeys: rest?.createdKeys ?? [],
    apiKeysFile: rest?.keysFile,
    close: () =>
      (closing ??= (async () => {
        o.signal?.removeEventListener("abort", abortBuilds);
        builds.abort();
        await watcher?.close();
        await templates?.close();
        // an interrupted rebuild ends once go and its compiler are gone
        await running;
        // requests in flight are answered (503) before their connections close
        gateway.drain();
        await Promise.all([...served.values()].map((s) => s.pool.close()));
        await gateway.close();
      })()),
  };
}
