// Edge: one bootstrap process with its own Runtime API server, like one Lambda execution
// environment. It runs one invocation at a time and stays warm between them; a timeout or a
// crash leaves it dead (isAlive() false), and stop() always leaves no process behind.
// (Over 300 lines on purpose: one class, one environment's lifecycle and state; the pure parts,
// endings.ts and process-exit.ts, are apart, and splitting the rest would spread one state
// machine's transitions over files.)
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { killChild, startWatchdog, track } from "../util/children.js";
import { startRuntimeApi, type RuntimeApi } from "./api-server.js";
import { bootstrapEnv, logStreamName, resolveRegion } from "./env.js";
import type { Completion, Invocation } from "./invocations.js";
import { LineSplitter, Tail } from "./lines.js";
import { functionArn, traceId } from "./protocol.js";
import { MemoryProbe, randomHex } from "./probe.js";
import * as report from "./report.js";
import type { Ending, InstanceOptions, InvokeMetrics, InvokeOptions, InvokeOutcome } from "./types.js";
import { completionEnding, deadEnding, endReportLines } from "./endings.js";
import { exitOf } from "./process-exit.js";

export type { InstanceOptions, InvokeMetrics, InvokeOptions, InvokeOutcome, OutputSource } from "./types.js";

/** Lambda's limit on the init phase; past it the invocation's own clock starts anyway. */
export const INIT_TIMEOUT_MS = 10_000;

interface Pending {
  inv: Invocation;
  first: boolean;
  invokedAt: number;
  deliveredAt?: number;
  clock?: NodeJS.Timeout;
  initWatch?: NodeJS.Timeout;
  memoryMB?: number;
  finishing: boolean;
  resolve: (o: InvokeOutcome) => void;
}


export class Instance {
  private api?: RuntimeApi;
  private child?: ChildProcess;
  /** the bootstrap's pid when a launcher runs it (else the child is the bootstrap) */
  private targetPid?: number;
  private spawnedAt = 0;
  private initDurationMs?: number;
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null; at: number };
  private spawnError?: NodeJS.ErrnoException;
  private initFailure?: Extract<Completion, { kind: "init-error" }>;
  private current?: Pending;
  private invocations = 0;
  private starting?: Promise<void>;
  private stopping?: Promise<void>;
  private exited: Promise<void> = Promise.resolve();
  private ready: Promise<boolean> = Promise.resolve(false);
  private markReady: (ok: boolean) => void = () => undefined;
  private readonly splitters: { splitter: LineSplitter; source: "stdout" | "stderr" }[] = [];
  private readonly stderrTail = new Tail(20);
  private memory = new MemoryProbe(undefined);
  private lastMemoryMB?: number;
  private readonly region: string;
  private readonly arn: string;

  constructor(private readonly opts: InstanceOptions) {
    this.region = resolveRegion(opts.hostEnv ?? process.env, opts.configRegion);
    this.arn = functionArn(this.region, opts.functionName);
  }

  get pid(): number | undefined {
    return this.targetPid ?? this.child?.pid;
  }

  isAlive(): boolean {
    return Boolean(this.child?.pid) && !this.exitInfo && !this.initFailure && !this.stopping;
  }

  /** Spawns the bootstrap. Never throws for a bad executable: the first invoke reports it. */
  start(): Promise<void> {
    this.starting ??= this.spawnBootstrap();
    return this.starting;
  }

  private async spawnBootstrap(): Promise<void> {
    if (this.stopping) return;
    const api = await startRuntimeApi({
      onCompletion: (c) => this.onCompletion(c),
      onNext: () => this.onNext(),
      onDeliver: (inv) => this.onDeliver(inv),
      othersWaiting: this.opts.othersWaiting,
    });
    this.api = api;
    if (this.stopping) return;
    const env = bootstrapEnv({
      runtimeApi: api.address,
      bootstrapPath: this.opts.bootstrapPath,
      functionName: this.opts.functionName,
      memoryMB: this.opts.memoryMB,
      configRegion: this.opts.configRegion,
      hostEnv: this.opts.hostEnv ?? process.env,
      functionEnv: this.opts.functionEnv,
      overrides: this.opts.envOverrides,
      logStreamName: logStreamName(new Date(), randomHex(16)),
    });
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.spawnedAt = performance.now();
    // its own process group, so a timeout also kills whatever the bootstrap started
    const { launcher } = this.opts;
    const run = launcher?.command(this.opts.bootstrapPath) ?? { file: this.opts.bootstrapPath, args: [] };
    startWatchdog();
    const child = spawn(run.file, run.args, { cwd: path.dirname(this.opts.bootstrapPath), env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    this.child = child;
    this.memory = new MemoryProbe(child.pid);
    track(child, { group: true });
    launcher?.spawned(child, (pid) => {
      this.targetPid = pid;
      this.memory.close();
      this.memory = new MemoryProbe(pid);
    });
    this.pipe(child.stdout!, "stdout");
    this.pipe(child.stderr!, "stderr");
    this.exited = exitOf(child, this.opts.launcher, {
      spawnError: (err) => (this.spawnError = err),
      exit: (info) => (this.exitInfo = info),
    });
    void this.exited.then(() => this.onExited());
    await new Promise<void>((resolve) => {
      child.once("spawn", resolve);
      child.once("error", () => resolve());
    });
  }

  /** Resolves true once the runtime has asked for its first event, false if it died first. */
  waitReady(): Promise<boolean> {
    return this.ready;
  }

  /** Runs one invocation. One at a time: a second concurrent call is a bug in the caller. */
  invoke(payload: Buffer, opts: InvokeOptions): Promise<InvokeOutcome> {
    if (this.current) throw new Error("this Lambda instance is already running an invocation");
    const id = opts.requestId ?? randomUUID();
    const inv: Invocation = {
      id,
      payload,
      timeoutMs: opts.timeoutMs,
      functionArn: this.arn,
      traceId: opts.traceRoot ? `${opts.traceRoot};Parent=${randomHex(8)};Sampled=0` : traceId(Date.now(), randomHex(20)),
      clientContext: opts.clientContext,
      cognitoIdentity: opts.cognitoIdentity,
    };
    return new Promise<InvokeOutcome>((resolve) => {
      const p: Pending = { inv, first: this.invocations++ === 0, invokedAt: performance.now(), finishing: false, resolve };
      this.current = p;
      if (!this.api || !this.child) return void this.finish(p, { kind: "invalid-entrypoint", error: { errorType: "Runtime.InvalidEntrypoint", errorMessage: `RequestId: ${id} Error: the instance was never started` } });
      if (this.spawnError || this.initFailure || this.exitInfo || this.stopping) return void this.exited.then(() => this.failDead(p));
      if (this.initDurationMs === undefined) {
        // past Lambda's init limit the invocation's own timeout starts counting
        const left = Math.max(0, this.spawnedAt + (this.opts.initTimeoutMs ?? INIT_TIMEOUT_MS) - performance.now());
        p.initWatch = setTimeout(() => this.startClock(p), left);
      }
      this.api.submit(inv);
    });
  }

  /** Kills the process (and its group) and closes the server. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.starting;
      await this.opts.launcher?.stop();
      this.killGroup();
      await this.exited;
      this.killGroup();
      await this.api?.close();
    })();
    return this.stopping;
  }

  private pipe(stream: NodeJS.ReadableStream, source: "stdout" | "stderr"): void {
    const splitter = new LineSplitter();
    this.splitters.push({ splitter, source });
    stream.on("data", (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) this.emit(line, source);
    });
    stream.on("error", () => undefined);
    stream.on("end", () => {
      const rest = splitter.flush();
      if (rest !== undefined) this.emit(rest, source);
    });
  }

  private emit(line: string, source: "stdout" | "stderr"): void {
    if (this.opts.launcher?.claims(line, source)) return;
    if (source === "stderr") this.stderrTail.add(line);
    const p = this.current;
    this.opts.onOutput?.(line, p?.deliveredAt !== undefined ? p.inv.id : undefined, source);
  }

  private platform(line: string, id: string): void {
    this.opts.onOutput?.(line, id, "platform");
  }

  /** Whether anyone reads START/END/REPORT; when not, lgw serve skips making them. */
  private get reports(): boolean {
    return this.opts.platformLines !== false;
  }

  /** Max memory so far; after the process is gone, the last value seen. */
  private sampleMemory(): number | undefined {
    this.lastMemoryMB = this.memory.sampleMB() ?? this.lastMemoryMB;
    return this.lastMemoryMB;
  }

  private onNext(): void {
    if (this.initDurationMs !== undefined) return;
    this.initDurationMs = performance.now() - this.spawnedAt;
    // once per process, off the per-invoke path: a crash before any later sample (when /proc
    // is already gone) still reports Max Memory Used, as Lambda's REPORT line always does
    this.sampleMemory();
    this.markReady(true);
  }

  private onDeliver(inv: Invocation): void {
    const p = this.current;
    if (!p || p.inv.id !== inv.id || p.finishing) return;
    p.deliveredAt = performance.now();
    if (this.reports) this.platform(report.startLine(inv.id), inv.id);
    this.startClock(p);
  }

  private startClock(p: Pending): void {
    clearTimeout(p.initWatch);
    if (p.clock || p.finishing) return;
    p.clock = setTimeout(() => void this.onTimeout(p), p.inv.timeoutMs);
  }

  private async onTimeout(p: Pending): Promise<void> {
    if (p.finishing) return;
    p.finishing = true;
    const endedAt = performance.now();
    p.memoryMB = this.sampleMemory();
    this.api?.abandon(p.inv.id);
    this.killGroup();
    await this.exited;
    const errorMessage = report.timeoutMessage(p.inv.id, p.inv.timeoutMs);
    await this.finish(p, { kind: "timeout", error: { errorType: "Sandbox.Timedout", errorMessage } }, endedAt);
  }

  private onCompletion(c: Completion): void {
    if (c.kind === "init-error") {
      this.initFailure = c;
      this.markReady(false);
      // Lambda tears the environment down after an init error
      this.killGroup();
      const p = this.current;
      if (p && !p.finishing) {
        p.finishing = true;
        void this.exited.then(() => this.failDead(p));
      }
      return;
    }
    const p = this.current;
    if (!p || p.inv.id !== c.id || p.finishing) return;
    p.finishing = true;
    const endedAt = performance.now();
    // Max Memory Used is only ever shown in a REPORT line: nobody reads it, no /proc read
    if (this.reports) p.memoryMB = this.sampleMemory();
    void this.finish(p, completionEnding(c), endedAt);
  }

  private onExited(): void {
    this.markReady(false);
    this.memory.close();
    if (this.exitInfo) this.opts.onExit?.(this.exitInfo.code, this.exitInfo.signal);
    const p = this.current;
    if (p && !p.finishing) {
      p.finishing = true;
      this.failDead(p);
    }
  }

  /** The outcome for an invocation whose environment is gone (or never came up). */
  private failDead(p: Pending): void {
    p.finishing = true;
    const ending = deadEnding({
      id: p.inv.id,
      bootstrapPath: this.opts.bootstrapPath,
      spawnError: this.spawnError,
      initFailure: this.initFailure,
      exit: this.exitInfo,
      stderrTail: this.stderrTail.text(),
    });
    void this.finish(p, ending, this.exitInfo?.at);
  }

  private async finish(p: Pending, ending: Ending, endedAt = performance.now()): Promise<void> {
    p.finishing = true;
    clearTimeout(p.clock);
    clearTimeout(p.initWatch);
    // output written before the response may still sit in the pipes: let it through first
    await new Promise((resolve) => setImmediate(resolve));
    for (const { splitter, source } of this.splitters) {
      const rest = splitter.flush();
      if (rest !== undefined) this.emit(rest, source);
    }
    const id = p.inv.id;
    if (p.deliveredAt === undefined && this.reports) this.platform(report.startLine(id), id);
    const durationMs = Math.max(0, endedAt - (p.deliveredAt ?? p.invokedAt));
    let initDurationMs: number | undefined;
    if (p.first) initDurationMs = this.initDurationMs ?? Math.max(0, (this.exitInfo?.at ?? endedAt) - this.spawnedAt);
    const metrics: InvokeMetrics = {
      requestId: id,
      durationMs,
      billedDurationMs: report.billedDuration(durationMs, initDurationMs),
      memoryMB: this.opts.memoryMB,
      initDurationMs,
      maxMemoryUsedMB: p.memoryMB ?? this.lastMemoryMB,
    };
    if (this.reports) this.reportEnd(metrics, ending);
    if (this.current === p) this.current = undefined;
    p.resolve({ ...metrics, ...ending } as InvokeOutcome);
  }

  private reportEnd(metrics: InvokeMetrics, ending: Ending): void {
    for (const line of endReportLines(metrics, ending)) this.platform(line, metrics.requestId);
  }

  private killGroup(): void {
    this.opts.launcher?.kill();
    const child = this.child;
    if (!child?.pid) return;
    killChild(child, "SIGKILL");
    // the leader may be gone while its group lives on (a script's curl, say)
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // no such group: nothing left
    }
  }
}
