// Pure: what `--debug` means for exec and serve. The Delve command line, the port option, how to
// tell Delve's own lines from the function's, and what to print so a person can attach (the
// `dlv connect` command and a VS Code launch configuration). The process side is debugger.ts.

/** Delve's and VS Code's customary port. */
export const DEFAULT_DEBUG_PORT = 2345;

/** Only the loopback interface: Delve's API lets whoever connects run code as you. */
export const DEBUG_HOST = "127.0.0.1";

/**
 * The timeout (function and integration) and the deadline a function sees under the debugger:
 * a day, so time spent at a breakpoint never fails the invocation or cancels its context.
 */
export const DEBUG_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export const DLV_INSTALL = "go install github.com/go-delve/delve/cmd/dlv@latest";
export const DLV_MISSING = `dlv (Delve) is not installed: run \`${DLV_INSTALL}\` (lgw looks on PATH and in $(go env GOPATH)/bin)`;

export type DebugOption = { port: number; payloadArg?: string } | { problem: string };

function asPort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/**
 * `--debug [port]` as commander hands it over: true (no value) or the word after it. For exec,
 * a word that is not a port is the payload commander took for the port (`lgw exec --debug
 * events/get.json`), so it goes back to being the payload when no other payload was given.
 */
export function parseDebugOption(value: unknown, positional?: string, takesPayload = false): DebugOption {
  if (value === true || value === undefined) return { port: DEFAULT_DEBUG_PORT, payloadArg: positional };
  const text = String(value);
  const port = asPort(text);
  if (port !== undefined) return { port, payloadArg: positional };
  if (takesPayload && positional === undefined && !/^\d+$/.test(text)) return { port: DEFAULT_DEBUG_PORT, payloadArg: text };
  return { problem: `--debug ${text}: give a port from 0 to 65535 (0: any free port), or no value for ${DEFAULT_DEBUG_PORT}` };
}

/**
 * `dlv exec` for one bootstrap. Without --continue: the program waits, halted before main,
 * until a client attaches and continues it, so a breakpoint set on attach is hit by the first
 * invocation (exec delivers its event at once). VS Code continues by itself after sending its
 * breakpoints; with `dlv connect`, type `continue`. --accept-multiclient keeps the server up
 * when a client disconnects, so one can attach again.
 */
export function dlvArgs(bootstrapPath: string, port: number): string[] {
  return ["exec", "--headless", "--api-version=2", `--listen=${DEBUG_HOST}:${port}`, "--accept-multiclient", bootstrapPath];
}

const LISTENING = /^API server listening at: (.+):(\d+)\s*$/;

/** The port in Delve's "API server listening at: 127.0.0.1:2345" line, or undefined for any other line. */
export function listeningPort(line: string): number | undefined {
  const m = LISTENING.exec(line);
  return m ? Number(m[2]) : undefined;
}

/** Delve's own log lines ("2026-01-02T03:04:05Z error layer=debugger ..."), as opposed to the function's. */
export function isDelveLogLine(line: string): boolean {
  return /^\d{4}-\d\d-\d\dT\S+ (error|warning|info|debug) layer=\w+/.test(line);
}

/** Delve's reason for not starting, from what it printed before it exited, as one line. */
export function dlvFailure(lines: string[], port: number): { message: string; portBusy: boolean } {
  const text = lines.join("\n");
  if (/address already in use/i.test(text)) return { message: portBusyMessage(port), portBusy: true };
  const last = [...lines].reverse().find((l) => l.trim() !== "" && !/^Type 'dlv help'/.test(l));
  return { message: `dlv could not start the bootstrap: ${last?.trim() ?? "it exited without saying why"}`, portBusy: false };
}

export function portBusyMessage(port: number): string {
  return `port ${port} on ${DEBUG_HOST} is in use (another debug session?): pick another with --debug <port>`;
}

export interface AttachTarget {
  functionName: string;
  port: number;
}

/** One VS Code configuration for a target (Go extension, attach to a headless Delve). */
export function vscodeConfiguration(t: AttachTarget): Record<string, unknown> {
  // debug builds keep absolute source paths (no -trimpath), so no substitutePath is needed here
  return { name: `lgw: attach to ${t.functionName}`, type: "go", request: "attach", mode: "remote", host: DEBUG_HOST, port: t.port };
}

/** A complete .vscode/launch.json holding one configuration per target. */
export function vscodeLaunchJson(targets: AttachTarget[]): string {
  return JSON.stringify({ version: "0.2.0", configurations: targets.map(vscodeConfiguration) }, null, 2);
}

export function attachCommand(port: number): string {
  return `dlv connect ${DEBUG_HOST}:${port}`;
}

/** What lgw prints once Delve listens: how to attach, from a terminal and from VS Code. */
export function attachInstructions(targets: AttachTarget[], what: "exec" | "serve"): string {
  const lines = targets.map((t) => `  ${targets.length > 1 ? `${t.functionName}: ` : ""}${attachCommand(t.port)}`);
  const waits =
    what === "exec"
      ? "The function waits, halted before main, until a debugger attaches; lgw exec then waits for its response with no timeout."
      : "Each function waits, halted before main, until a debugger attaches; requests queue until then, and no timeout applies while debugging.";
  return [
    `Delve is listening${targets.length > 1 ? " (one server per function)" : ""}. Attach with:`,
    ...lines,
    `  (then e.g. \`break lambda.go:<line>\` and \`continue\`; VS Code continues by itself once its breakpoints are set)`,
    waits,
    `VS Code (.vscode/launch.json, then Run > Start Debugging):`,
    vscodeLaunchJson(targets).replace(/^/gm, "  "),
  ].join("\n");
}
