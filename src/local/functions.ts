// The functions behind `lgw serve`: a pool of warm bootstrap processes per served function,
// their builds for this machine, and the one timeout decision of an invocation (the integration
// timeout counts from the request's arrival, queue time included; the function's own from when
// it starts). serve.ts wires this behind the gateway; reload.ts swaps builds under --watch.
import { LgwError } from "../errors.js";
import type { FunctionConfig, ProjectConfig } from "../config/types.js";
import { Instance, type InvokeOutcome as RuntimeOutcome } from "../runtime/instance.js";
import { hostEnvFor, type CredentialSource } from "../runtime/host-env.js";
import { DEBUG_TIMEOUT_MS } from "../runtime/debug.js";
import type { Logger } from "../ui/logger.js";
import { FunctionPool, QueueAbort } from "../apigw/pool.js";
import type { GatewayOutcome, InvokeExtra } from "../apigw/server.js";
import type { prepareServeDebugger } from "./serve-debug.js";

export type ServeDebugger = Awaited<ReturnType<typeof prepareServeDebugger>>;

export interface Served {
  fn: FunctionConfig;
  /** undefined until a build succeeded */
  binaryPath?: string;
  pool: FunctionPool<Instance>;
}

export interface FunctionHostOptions {
  config: ProjectConfig;
  names: string[];
  /** --bootstrap: this executable for every function, never built */
  bootstrap?: string;
  concurrency: number;
  integrationMs: number;
  debug?: ServeDebugger;
  credentials: CredentialSource;
  log: Logger;
  /** aborted when serve stops: a build in progress ends */
  builds: AbortSignal;
}

export interface FunctionHost {
  served: Map<string, Served>;
  /** Builds every served function; the names whose binary changed and how many failed. */
  buildAll(failHard: boolean): Promise<{ changed: string[]; failed: number }>;
  /** New processes (the new build) for these functions; old ones finish what they hold. */
  restart(names: string[]): void;
  /** Starts one process of each (Delve's, for --debug); on a failure, stops them all. */
  startEach(): Promise<void>;
  invoke(name: string, event: Buffer, requestId: string, extra?: InvokeExtra): Promise<GatewayOutcome>;
  close(): Promise<void>;
}

/** Lambda's outcome as the gateway sees it (the details go to the log); the function's own timeout is a function error (502, or an HTTP API's 500). */
function toGatewayOutcome(o: RuntimeOutcome): GatewayOutcome {
  switch (o.kind) {
    case "success":
      return { kind: "result", payload: o.body };
    case "timeout":
      return { kind: "functionError", reason: o.error.errorMessage, error: { ...o.error } };
    default:
      return { kind: "functionError", reason: `${o.error.errorType}: ${o.error.errorMessage}`, error: { ...o.error } };
  }
}

/** The environment lgw's own credentials give processes; a profile's are resolved again after 10 minutes. */
async function hostEnvSource(credentials: FunctionHostOptions["credentials"]): Promise<() => Promise<Record<string, string | undefined>>> {
  // resolved before serving, so missing credentials are said at once; a profile's (often
  // short-lived) credentials are resolved again for processes started 10 minutes later
  let hostEnv = { at: Date.now(), env: await hostEnvFor(credentials) };
  return async () => {
    if (credentials === "profile" && Date.now() - hostEnv.at > 600_000) hostEnv = { at: Date.now(), env: await hostEnvFor(credentials) };
    return hostEnv.env;
  };
}

/** How a pool starts one process of a function (under Delve with --debug). */
function instanceStarter(o: FunctionHostOptions, hostEnv: () => Promise<Record<string, string | undefined>>) {
  const { config, log, debug } = o;
  return (s: Served) => async (): Promise<Instance> => {
    if (!s.binaryPath) throw new LgwError(`${s.fn.name} has no successful build yet: fix the error shown above`);
    const session = debug?.session(s.fn.name);
    const instance = new Instance({
      hostEnv: await hostEnv(),
      launcher: session,
      initTimeoutMs: session ? DEBUG_TIMEOUT_MS : undefined,
      bootstrapPath: s.binaryPath,
      functionName: s.fn.name,
      memoryMB: s.fn.memory,
      configRegion: config.region,
      functionEnv: s.fn.environment,
      platformLines: log.verbose,
      othersWaiting: () => s.pool.hasWaiters(),
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
}

/** Builds every served function for this machine; a failure keeps the previous build serving unless failHard. */
async function buildEach(o: FunctionHostOptions, served: Map<string, Served>, failHard: boolean): Promise<{ changed: string[]; failed: number }> {
  const { buildForHost } = await import("../build/index.js");
  const changed: string[] = [];
  let failed = 0;
  for (const s of served.values()) {
    try {
      const r = await buildForHost({ config: o.config, fn: s.fn, log: o.log, signal: o.builds, debug: o.debug !== undefined });
      if (!r.cached || !s.binaryPath) changed.push(s.fn.name);
      s.binaryPath = r.binaryPath;
    } catch (err) {
      if (failHard || o.builds.aborted || !(err instanceof LgwError)) throw err;
      failed++;
      if (err.detail) o.log.err(err.detail.endsWith("\n") ? err.detail : err.detail + "\n");
      o.log.error(`${err.message}${s.binaryPath ? "; the previous build keeps serving" : ""}`);
    }
  }
  return { changed, failed };
}

/**
 * One invocation through the function's pool. As on AWS, the function runs with its own timeout
 * (its context's deadline is that timeout's), and the integration timeout only ends the
 * gateway's wait: past it the client gets the timeout answer while the function keeps its
 * process until it returns or times out. Neither timeout runs under --debug: a breakpoint may
 * hold the request as long as it likes.
 */
function invokeIn(o: FunctionHostOptions, s: Served, event: Buffer, requestId: string, extra: InvokeExtra): Promise<GatewayOutcome> {
  const { log, debug } = o;
  const name = s.fn.name;
  const fnMs = s.fn.timeout * 1000;
  const deadline = performance.now() + o.integrationMs;
  return new Promise<GatewayOutcome>((resolve) => {
    let answered = false;
    const answer = (a: GatewayOutcome) => {
      if (answered) return;
      answered = true;
      resolve(a);
    };
    const work = async (instance: Instance) => {
      const left = Math.max(1, Math.round(deadline - performance.now()));
      // a timer only when the function may outlive the integration timeout
      const gaveUp =
        !debug && fnMs > left
          ? setTimeout(() => {
              log.warn(`${requestId}: the integration timed out after ${o.integrationMs / 1000} s (--timeout sets it); ${name} keeps running until it returns or its own ${s.fn.timeout} s timeout, as on AWS`);
              answer({ kind: "timeout" });
            }, left)
          : undefined;
      try {
        const outcome = await instance.invoke(event, { timeoutMs: debug ? DEBUG_TIMEOUT_MS : fnMs, requestId, traceRoot: extra.traceRoot });
        if (outcome.initDurationMs !== undefined) {
          log.step(`${name}: started process ${instance.pid ?? "?"} (init ${outcome.initDurationMs.toFixed(1)} ms)`);
        }
        if (outcome.kind === "timeout") log.warn(`${requestId}: ${outcome.error.errorMessage}; its process is replaced`);
        answer(toGatewayOutcome(outcome));
      } finally {
        clearTimeout(gaveUp);
      }
    };
    s.pool.run(work, debug ? undefined : { waitMs: o.integrationMs }).catch((err: unknown) => {
      if (err instanceof QueueAbort) {
        log.warn(`${requestId}: no process of ${name} was free within the ${o.integrationMs / 1000} s integration timeout (all ${o.concurrency} busy; raise --concurrency or --timeout)`);
        return answer({ kind: "timeout" });
      }
      answer({ kind: "functionError", reason: (err as Error).message });
    });
  });
}

export async function createFunctionHost(o: FunctionHostOptions): Promise<FunctionHost> {
  const startInstance = instanceStarter(o, await hostEnvSource(o.credentials));
  const served = new Map<string, Served>();
  for (const name of o.names) {
    const fn = o.config.functions.find((f) => f.name === name)!;
    const s: Served = { fn, binaryPath: o.bootstrap, pool: undefined as unknown as FunctionPool<Instance> };
    s.pool = new FunctionPool({ concurrency: o.concurrency, start: startInstance(s) });
    served.set(name, s);
  }
  const close = async () => {
    await Promise.all([...served.values()].map((s) => s.pool.close()));
  };
  return {
    served,
    buildAll: (failHard) => buildEach(o, served, failHard),
    restart: (names) => {
      for (const name of names) {
        const s = served.get(name)!;
        s.pool.swap(startInstance(s));
        s.pool.prewarm();
      }
    },
    startEach: async () => {
      try {
        await Promise.all([...served.values()].map((s) => s.pool.run(async () => undefined)));
      } catch (err) {
        await close();
        throw err;
      }
    },
    invoke: (name, event, requestId, extra = {}) => invokeIn(o, served.get(name)!, event, requestId, extra),
    close,
  };
}
