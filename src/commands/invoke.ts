// lgw invoke: parse flags -> invokeRemote (src/remote/invoke.ts) -> print like `lgw exec`.
import type { CommandContext, OptionsOf } from "../cli/command.js";
import type { options } from "./invoke.meta.js";
import { awsOptionsFrom } from "../aws/clients.js";
import { invokeRemote, type InvokeResult } from "../remote/invoke.js";
import { colorLogLine, parsedOrText, printFunctionError, printResponse } from "../ui/response.js";
import { readStdin } from "./exec.js";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

type Opts = OptionsOf<typeof options>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const { opts, log } = ctx;
  const result = await invokeRemote({
    cwd: ctx.cwd,
    args: [str(ctx.args[0]), str(ctx.args[1])],
    functionName: opts.function,
    payloadInline: opts.payload,
    readStdin: (limit, signal) => readStdin(log, limit, signal),
    event: opts.event,
    eventOptions: opts,
    onDefault: (m) => log.step(m),
    qualifier: opts.qualifier,
    async: opts.async === true,
    aws: awsOptionsFrom(opts),
    signal: ctx.signal,
  });
  return render(ctx, result);
}

function render({ log }: CommandContext<Opts>, r: InvokeResult): number {
  if (r.mode === "async") {
    log.result(r, () => `${r.function}: queued (HTTP ${r.statusCode}), request id ${r.requestId}`);
    return 0;
  }
  const failed = r.functionError !== undefined;
  if (log.json) {
    const { payload, logTail, ...rest } = r;
    log.result({
      ...rest,
      status: failed ? "error" : "success",
      ...(failed ? { error: parsedOrText(payload) } : { response: parsedOrText(payload) }),
      ...(logTail !== undefined ? { log: logTail.split("\n").filter((l) => l !== "") } : {}),
    });
    return failed ? 1 : 0;
  }
  for (const line of (r.logTail ?? "").split("\n")) if (line !== "") log.err(colorLogLine(log, line) + "\n");
  if (failed) printFunctionError(log, parsedOrText(r.payload));
  else printResponse(log, r.payload);
  return failed ? 1 : 0;
}
