// The core of `lgw exec`: one cold invocation of a function's real bootstrap under the Runtime
// API emulator. Everything the user got wrong is refused before a process starts.
import { hostEnvFor, type CredentialSource } from "../runtime/host-env.js";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import path from "node:path";
import { ExitCode, UsageError } from "../errors.js";
// static, not lazy: nearly every exec builds, and one load round costs less than a second one
import { buildForHost } from "../build/index.js";
import { hostArch } from "../config/arch.js";
import { resolveFunction, resolveProject } from "../config/resolve.js";
import { selectOneFunction } from "../config/parse.js";
import type { FunctionConfig, ProjectConfig } from "../config/types.js";
import { DEFAULTS } from "../config/types.js";
import { describeSettings, resolveSettings, type EnvLayer } from "../config/settings.js";
import { MEMORY_MB, TIMEOUT_S } from "../config/limits.js";
import type { Logger } from "../ui/logger.js";
import { attachInstructions, DEBUG_TIMEOUT_MS } from "../runtime/debug.js";
import type { DebugSession } from "../runtime/debugger.js";
import { DEFAULT_REGION, parseEnvAssignments } from "../runtime/env.js";
import { Instance, type InvokeOutcome, type OutputSource } from "../runtime/instance.js";
import { readPayload } from "../runtime/payload-source.js";
import type { EventRequestFlags } from "../apigw/event-flags.js";

export interface ExecInput {
  cwd: string;
  /** the [payload] argument: a file, or "-" for stdin */
  payloadArg?: string;
  /** --payload */
  payloadInline?: string;
  readStdin: (limit: number, signal?: AbortSignal) => Promise<Buffer>;
  functionName?: string;
  bootstrap?: string;
  timeoutSeconds?: number;
  memoryMB?: number;
  env?: string[];
  /** --event apigw-v1|apigw-v2, or undefined */
  event?: string;
  /** the other --method/--path/... flags, exactly as parsed */
  eventOptions?: EventRequestFlags;
  /** --debug: build for Delve and run the bootstrap under it, listening on this port (0: any free one) */
  debugPort?: number;
  /** --aws-credentials: which of the developer's AWS credentials the function gets (host-env.ts) */
  awsCredentials?: CredentialSource;
  /** lgw's environment (the command passes process.env); absent: none */
  lgwEnv?: EnvLayer;
  log: Logger;
  signal: AbortSignal;
  onOutput: (line: string, requestId: string | undefined, source: OutputSource) => void;
}

export interface ExecResult {
  outcome: InvokeOutcome;
  functionName: string;
  /** Ctrl-C (or the caller's signal) stopped the invocation */
  aborted: boolean;
}


interface Target {
  bootstrapPath: string;
  functionName: string;
  fn?: FunctionConfig;
  config?: ProjectConfig;
}

/** Why a prebuilt bootstrap cannot run here, in one line, or undefined when it can. */
async function bootstrapProblem(file: string, shown: string): Promise<string | undefined> {
  if (!existsSync(file)) return `--bootstrap ${shown} does not exist`;
  if (statSync(file).isDirectory()) return `--bootstrap ${shown} is a directory; give the executable itself`;
  try {
    accessSync(file, constants.X_OK);
  } catch {
    return `--bootstrap ${shown} is not executable: run chmod +x ${shown}`;
  }
  const { readElfArch } = await import("../build/elf.js");
  const elf = readElfArch(file);
  if (elf === "not ELF") return undefined;
  const host = hostArch();
  const fix = "run `lgw exec` without --bootstrap, which builds the function for this machine";
  if (process.platform !== "linux") return `--bootstrap ${shown} is a Linux ${elf} binary and this machine runs ${process.platform}: ${fix}`;
  if (elf !== host) return `--bootstrap ${shown} was built for ${elf} but this machine is ${host ?? process.arch}: ${fix}`;
  return undefined;
}

function validateNumbers(input: ExecInput): void {
  const t = input.timeoutSeconds;
  if (t !== undefined && !(t > 0 && t <= TIMEOUT_S.max)) throw new UsageError(`--timeout ${t}: give seconds above 0, at most ${TIMEOUT_S.max} (Lambda's limit)`);
  const m = input.memoryMB;
  if (m !== undefined && !(m >= MEMORY_MB.min && m <= MEMORY_MB.max)) {
    throw new UsageError(`--memory ${m}: Lambda allows ${MEMORY_MB.min} to ${MEMORY_MB.max} MB`);
  }
}

export async function runExec(input: ExecInput): Promise<ExecResult> {
  validateNumbers(input);
  const parsedEnv = parseEnvAssignments(input.env ?? []);
  if ("problem" in parsedEnv) throw new UsageError(parsedEnv.problem);

  // With --bootstrap the project is optional (it only lends settings); without, it is required.
  let config: ProjectConfig | undefined;
  let configLoaded = false;
  const project = (): ProjectConfig | undefined => {
    if (!configLoaded) {
      configLoaded = true;
      config = resolveProject(input.cwd, input.bootstrap === undefined ? "required" : "file");
    }
    return config;
  };

  const payload = await readPayload({ ...input, onDefault: (m) => input.log.step(m) }, project);
  // a missing dlv or a busy port is said before a debug build that takes half a minute
  const debug = input.debugPort === undefined ? undefined : await prepareDebugger(input.debugPort, input.log);
  const target = await resolveTarget(input, project());
  const fn = target.fn;
  const settings = execSettings(input, target);
  const hostEnv = await hostEnvFor(settings.awsCredentials.value);
  const instance = new Instance({
    hostEnv,
    launcher: debug,
    initTimeoutMs: debug ? DEBUG_TIMEOUT_MS : undefined,
    bootstrapPath: target.bootstrapPath,
    functionName: target.functionName,
    memoryMB: settings.memory.value,
    configRegion: target.config?.region,
    functionEnv: fn?.environment,
    envOverrides: parsedEnv.env,
    onOutput: input.onOutput,
  });
  // under the debugger, time at a breakpoint must not time the invocation out (nor its deadline pass)
  const timeoutMs = debug ? DEBUG_TIMEOUT_MS : Math.round(settings.functionTimeout.value * 1000);
  const onAbort = () => void instance.stop();
  input.signal.addEventListener("abort", onAbort, { once: true });
  try {
    if (input.signal.aborted) throw new ExitCode(130);
    await instance.start();
    if (debug) {
      const port = await untilAborted(debug.ready, input.signal);
      input.log.err(attachInstructions([{ functionName: target.functionName, port }], "exec") + "\n");
    }
    const outcome = await instance.invoke(payload, { timeoutMs });
    return { outcome, functionName: target.functionName, aborted: input.signal.aborted };
  } finally {
    input.signal.removeEventListener("abort", onAbort);
    await instance.stop();
  }
}

/** exec's layered settings (config/settings.ts); region is the one the function's AWS_REGION gets. */
function execSettings(input: ExecInput, target: Target) {
  const settings = resolveSettings({
    defaults: { memory: DEFAULTS.memory, functionTimeout: DEFAULTS.timeout, awsCredentials: "env" as CredentialSource, region: DEFAULT_REGION },
    file: { memory: target.fn?.memory, functionTimeout: target.fn?.timeout, region: target.config?.region },
    env: input.lgwEnv,
    flags: { memory: input.memoryMB, functionTimeout: input.timeoutSeconds, awsCredentials: input.awsCredentials },
  });
  input.log.debug(`settings: ${describeSettings(settings)}`);
  return settings;
}

async function prepareDebugger(port: number, log: Logger): Promise<DebugSession> {
  const { findDlv, ensurePortFree, DebugSession } = await import("../runtime/debugger.js");
  const dlvPath = await findDlv();
  await ensurePortFree(port);
  return new DebugSession({ dlvPath, port, onLog: (line) => log.debug(line) });
}

/** `work`, or ExitCode 130 as soon as the signal aborts (Ctrl-C while waiting for Delve). */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort = () => undefined as void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ExitCode(130));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

async function resolveTarget(input: ExecInput, config: ProjectConfig | undefined): Promise<Target> {
  if (input.bootstrap !== undefined) {
    const bootstrapPath = path.resolve(input.cwd, input.bootstrap);
    const problem = await bootstrapProblem(bootstrapPath, input.bootstrap);
    if (problem) throw new UsageError(problem);
    // the project's function lends its name, memory, timeout and environment when it is clear which
    const fn = config && (input.functionName || config.functions.length === 1) ? selectOneFunction(config, input.functionName) : undefined;
    const fallbackName = path.basename(path.dirname(bootstrapPath)).replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 64) || "function";
    return { bootstrapPath, functionName: fn?.name ?? input.functionName ?? fallbackName, fn, config };
  }
  if (!config) throw new UsageError("no project found: run `lgw exec` inside a project or give --bootstrap <path>");
  const name = resolveFunction({ flag: input.functionName, config, example: "lgw exec --function hello" });
  const fn = config.functions.find((f) => f.name === name)!;
  const { binaryPath } = await buildForHost({ config, fn, log: input.log, signal: input.signal, debug: input.debugPort !== undefined });
  return { bootstrapPath: binaryPath, functionName: fn.name, fn, config };
}
