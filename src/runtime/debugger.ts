// Edge: Delve for `--debug`. Finds dlv, checks the port, and runs the bootstrap under
// `dlv exec --headless` as an Instance's launcher. Delve starts the bootstrap in a process group
// of its own (and, from 1.27, a telemetry helper in a session of its own), so killing dlv's group
// is not enough: the session finds both among dlv's children and kills them with it.
import { execFile } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import net from "node:net";
import { homedir } from "node:os";
import path from "node:path";
import { LgwError } from "../errors.js";
import { trackPid } from "../util/children.js";
import { isExecutable, pidAlive } from "../util/host.js";
import { DEBUG_HOST, DLV_MISSING, dlvArgs, dlvFailure, isDelveLogLine, listeningPort, portBusyMessage } from "./debug.js";
import type { Launcher } from "./types.js";

function goEnvGopath(env: Record<string, string | undefined>): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("go", ["env", "GOPATH"], { env: env as NodeJS.ProcessEnv, timeout: 10_000 }, (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined));
  });
}

/** dlv on PATH, else in $GOBIN or $(go env GOPATH)/bin, where `go install` puts it. */
export async function findDlv(env: Record<string, string | undefined> = process.env): Promise<string> {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  if (env.GOBIN) dirs.push(env.GOBIN);
  for (const dir of dirs) if (isExecutable(path.join(dir, "dlv"))) return path.join(dir, "dlv");
  const gopath = (await goEnvGopath(env)) ?? env.GOPATH ?? path.join(homedir(), "go");
  for (const dir of gopath.split(path.delimiter)) {
    const candidate = path.join(dir, "bin", "dlv");
    if (isExecutable(candidate)) return candidate;
  }
  throw new LgwError(DLV_MISSING);
}

/** Fails with one line when something already listens on the port Delve is to take. */
export function ensurePortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") reject(new LgwError(portBusyMessage(port)));
      else if (err.code === "EACCES") reject(new LgwError(`no permission to listen on ${DEBUG_HOST}:${port}: pick a port above 1023 with --debug <port>`));
      else reject(err);
    });
    probe.listen(port, DEBUG_HOST, () => probe.close(() => resolve()));
  });
}

/**
 * How Delve's program ended, asked over its JSON-RPC API (Go's net/rpc JSON codec: one object
 * per line): `RPCServer.State` answers "Process N has exited with status S" (or a state with
 * `exited` and `exitStatus`). undefined when Delve cannot say.
 */
export function delveExitStatus(port: number, timeoutMs = 1000): Promise<number | undefined> {
  return new Promise((resolve) => {
    let text = "";
    const socket = net.connect(port, DEBUG_HOST);
    const done = (status: number | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on("error", () => done(undefined));
    socket.on("connect", () => socket.write(JSON.stringify({ method: "RPCServer.State", params: [{ NonBlocking: true }], id: 1 }) + "\n"));
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      if (!text.includes("\n")) return;
      try {
        const answer = JSON.parse(text.slice(0, text.indexOf("\n"))) as { result?: { State?: { exited?: boolean; exitStatus?: number } }; error?: string | null };
        // once the program is gone Delve answers with an error: "Process 123 has exited with status 3"
        const said = /has exited with status (-?\d+)/.exec(answer.error ?? "");
        const state = answer.result?.State;
        done(said ? Number(said[1]) : state?.exited ? state.exitStatus : undefined);
      } catch {
        done(undefined);
      }
    });
  });
}

/** The pids of a process's children (every thread's: Delve forks from a thread of its own). */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) found.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // gone, or no /proc: nothing to find
  }
  return found;
}

function exeOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

/** How long dlv gets to stop the bootstrap and exit after SIGTERM before both are killed. */
const STOP_GRACE_MS = 2000;
/** How long to look for the bootstrap among Delve's children. */
const FIND_TARGET_MS = 5000;
/** How often a session checks that the bootstrap still runs (Delve stays up when it exits). */
const WATCH_MS = 250;

export interface DebugSessionOptions {
  dlvPath: string;
  /** 0: any free port */
  port: number;
  /** Delve's own log lines, once it listens */
  onLog?: (line: string) => void;
}

/** One `dlv exec --headless` running one bootstrap: the launcher of one Instance. */
export class DebugSession implements Launcher {
  /** the port Delve listens on; rejects with a one-line LgwError when dlv stops before that */
  readonly ready: Promise<number>;
  private resolveReady: (port: number) => void = () => undefined;
  private rejectReady: (err: Error) => void = () => undefined;
  private listening = false;
  /** Delve runs the bootstrap (or could not be seen to): from here on, lines are the function's */
  private launched = false;
  private port = 0;
  private child?: ChildProcess;
  private bootstrapPath = "";
  private readonly early: string[] = [];
  private readonly others: { pid: number; untrack: () => void; group: boolean }[] = [];
  private watch?: NodeJS.Timeout;
  private exited?: Promise<void>;
  private onTarget: (pid: number) => void = () => undefined;
  private targetStatus?: number;

  constructor(private readonly opts: DebugSessionOptions) {
    this.ready = new Promise<number>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // a session that never gets going must not leave an unhandled rejection behind
    this.ready.catch(() => undefined);
  }

  command(bootstrapPath: string): { file: string; args: string[] } {
    this.bootstrapPath = bootstrapPath;
    return { file: this.opts.dlvPath, args: dlvArgs(bootstrapPath, this.opts.port) };
  }

  spawned(child: ChildProcess, onTarget: (pid: number) => void): void {
    this.child = child;
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.once("error", () => resolve());
    });
    void this.exited.then(() => {
      clearInterval(this.watch);
      // a no-op once ready: what dlv said before it gave up (a busy port, a binary it cannot debug)
      this.rejectReady(new LgwError(dlvFailure(this.early, this.opts.port).message));
    });
    this.onTarget = onTarget;
  }

  claims(line: string, _source: "stdout" | "stderr"): boolean {
    if (!this.launched) {
      // until Delve has launched the bootstrap (halted at its entry) every line is dlv's own
      const port = this.listening ? undefined : listeningPort(line);
      if (port === undefined) {
        if (this.early.length < 50) this.early.push(line);
        return true;
      }
      this.listening = true;
      this.port = port;
      this.findTarget(Date.now() + FIND_TARGET_MS);
      return true;
    }
    if (!isDelveLogLine(line)) return false;
    this.opts.onLog?.(line);
    return true;
  }

  /**
   * Delve says it listens before it launches the bootstrap: look among its children until the
   * bootstrap is there, then say the session is ready. Where /proc cannot tell (not Linux), ready
   * comes after FIND_TARGET_MS without a pid, and the bootstrap's end rests on Delve's SIGTERM.
   */
  private findTarget(until: number): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.child?.exitCode !== null || this.child.signalCode !== null) return;
    const want = safeRealpath(this.bootstrapPath);
    for (const c of childrenOf(pid)) {
      if (!this.others.some((o) => o.pid === c)) this.others.push({ pid: c, group: false, untrack: trackPid(c) });
      // a child still between fork and exec shows dlv's own executable: look again next time
      if (exeOf(c) === want) return this.found(c);
    }
    if (Date.now() > until) return this.markLaunched();
    setTimeout(() => this.findTarget(until), 10).unref();
  }

  private markLaunched(): void {
    this.launched = true;
    this.resolveReady(this.port);
  }

  private found(target: number): void {
    const entry = this.others.find((o) => o.pid === target)!;
    entry.untrack();
    // Delve starts it in a process group of its own: that group goes with it
    Object.assign(entry, { group: true, untrack: trackPid(target, { group: true }) });
    this.onTarget(target);
    // Delve stays up after its program exits (to allow a restart): end the session then, with
    // the program's own exit status for the Runtime.ExitError (not Delve's)
    this.watch = setInterval(() => {
      if (pidAlive(target)) return;
      clearInterval(this.watch);
      void delveExitStatus(this.port).then((status) => {
        this.targetStatus = status;
        return this.stop();
      });
    }, WATCH_MS);
    this.watch.unref();
    this.markLaunched();
  }

  targetExit(): { code: number } | undefined {
    return this.targetStatus === undefined ? undefined : { code: this.targetStatus };
  }

  async stop(): Promise<void> {
    clearInterval(this.watch);
    const child = this.child;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      // SIGTERM: Delve halts the program, kills it, reaps it and exits (no zombie left behind)
      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.exited, new Promise((r) => (timer = setTimeout(r, STOP_GRACE_MS)))]);
      clearTimeout(timer);
    }
    this.kill();
  }

  kill(): void {
    clearInterval(this.watch);
    for (const o of this.others.splice(0)) {
      try {
        if (pidAlive(o.pid)) process.kill(o.group ? -o.pid : o.pid, "SIGKILL");
      } catch {
        // already gone
      }
      o.untrack();
    }
  }
}

function safeRealpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
