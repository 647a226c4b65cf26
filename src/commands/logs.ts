// lgw logs: parse flags -> readLogs / followLogs (src/remote/logs.ts) -> one line per event.
import type { CommandContext, OptionsOf } from "../cli/command.js";
import type { options } from "./logs.meta.js";
import { awsOptionsFrom, createLogsClients } from "../aws/index.js";
import { resolveFunction, resolveProject } from "../config/resolve.js";
import { followLogs, parseSince, readLogs, type LogEvent } from "../remote/logs.js";
import { colorLogLine } from "../ui/response.js";

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

export default async function handler(ctx: CommandContext<OptionsOf<typeof options>>): Promise<number> {
  const { opts, log } = ctx;
  const config = resolveProject(ctx.cwd, "file");
  const functionName = resolveFunction({ positional: str(ctx.args[0]), flag: opts.function, config, example: "lgw logs my-function", deployed: true });
  const startTime = parseSince(opts.since, Date.now());
  const aws = await createLogsClients(awsOptionsFrom(opts, config?.region));
  const print = (e: LogEvent) => {
    if (log.json) {
      log.out(JSON.stringify({ timestamp: e.timestamp, time: new Date(e.timestamp).toISOString(), stream: e.stream, message: e.message }) + "\n");
      return;
    }
    for (const line of e.message.split("\n")) log.out(log.c.dim(new Date(e.timestamp).toISOString()) + " " + colorLogLine(log, line) + "\n");
  };
  const query = { functionName, startTime, filter: opts.filter, signal: ctx.signal };
  try {
    if (opts.follow) {
      await followLogs(aws, { ...query, onEvent: print, onNote: (m) => log.step(m), liveTail: aws.endpoint === undefined });
      return 0;
    }
    const count = await readLogs(aws, query, print);
    if (count === 0) log.step(`no events in ${`/aws/lambda/${functionName}`} since ${new Date(startTime).toISOString()}${query.filter ? ` matching ${query.filter}` : ""} (try --since 1h)`);
    return 0;
  } finally {
    aws.logs.destroy();
  }
}
