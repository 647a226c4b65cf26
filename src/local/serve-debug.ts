// `lgw serve --debug`: one process per function, each under its own Delve server. The first
// function takes the port given, the next ones the ports after it (0: each any free port).
// Everything that can be refused is refused before the debug builds start.
import { UsageError } from "../errors.js";
import type { Logger } from "../ui/logger.js";
import { attachCommand, type AttachTarget } from "../runtime/debug.js";
import type { DebugSession } from "../runtime/debugger.js";

export interface ServeDebugger {
  /** a Delve launcher for the next process of this function */
  session(functionName: string): DebugSession;
  /** Delve listens for this function's process; a second one (after a crash) is announced */
  listening(functionName: string, port: number): void;
  targets(): AttachTarget[];
}

export function checkDebugOptions(o: { watch?: boolean; concurrency?: number }): void {
  if (o.watch) throw new UsageError("--debug and --watch do not combine: a rebuild would end the debug session; drop --watch");
  if (o.concurrency !== undefined && o.concurrency !== 1) throw new UsageError("--debug runs one process per function: drop --concurrency");
}

export async function prepareServeDebugger(port: number, functionNames: string[], log: Logger): Promise<ServeDebugger> {
  const { findDlv, ensurePortFree, DebugSession } = await import("../runtime/debugger.js");
  const dlvPath = await findDlv();
  const wanted = new Map(functionNames.map((name, i) => [name, port === 0 ? 0 : port + i]));
  for (const p of wanted.values()) {
    if (p > 65535) throw new UsageError(`--debug ${port}: ${functionNames.length} functions need ${functionNames.length} ports from ${port}, past 65535: pick a lower port`);
    await ensurePortFree(p);
  }
  const actual = new Map<string, number>();
  return {
    session: (name) => new DebugSession({ dlvPath, port: actual.get(name) ?? wanted.get(name) ?? 0, onLog: (line) => log.debug(`${name} dlv: ${line}`) }),
    listening: (name, p) => {
      if (actual.has(name)) log.warn(`${name}: its process was replaced and runs under a new Delve server: attach again with ${attachCommand(p)}`);
      actual.set(name, p);
    },
    targets: () => [...actual].map(([functionName, p]) => ({ functionName, port: p })),
  };
}
