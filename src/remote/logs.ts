// The core of `lgw logs`: a deployed function's CloudWatch Logs, /aws/lambda/NAME. The past
// through FilterLogEvents (paged); with follow, Live Tail (StartLiveTail) on AWS itself and
// polling FilterLogEvents where the endpoint is a custom one (moto, LocalStack: Live Tail's
// "streaming-" host prefix and event stream do not reach them) or Live Tail is refused.
import { UsageError } from "../errors.js";
import { awsErrorCode, describeAwsError, type LogsClients } from "../aws/index.js";
import { sleep } from "../util/sleep.js";

export interface LogEvent {
  /** milliseconds since the epoch, as CloudWatch stamps the event */
  timestamp: number;
  stream: string;
  message: string;
  id: string;
}

export const logGroupOf = (functionName: string) => `/aws/lambda/${functionName}`;

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * --since: a duration back from now ("30s", "10m", "2h", "1d", "1w", "1h30m") or a date
 * (ISO 8601, "2026-12-03T07:00:00Z"). Returns the start time in epoch milliseconds.
 */
export function parseSince(text: string, now: number): number {
  const trimmed = text.trim();
  if (/^(\d+[smhdw])+$/.test(trimmed)) {
    let ms = 0;
    for (const [, n, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) ms += Number(n) * UNITS[unit!]!;
    return now - ms;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const t = Date.parse(trimmed);
    if (!Number.isNaN(t)) {
      if (t > now) throw new UsageError(`--since ${text} is in the future: give a past time or a duration such as 10m`);
      return t;
    }
  }
  throw new UsageError(`--since ${text}: give a duration such as 30s, 10m, 2h, 1d, or a date such as 2026-12-03T07:00:00Z`);
}

/**
 * Events with ids already shown dropped. Polling restarts at the newest timestamp (inclusive),
 * so only that millisecond's ids need remembering; an empty batch keeps what was seen.
 */
export function dedupe(events: LogEvent[], seen: Set<string>): { fresh: LogEvent[]; seen: Set<string>; newest: number | undefined } {
  const fresh = events.filter((e) => !seen.has(e.id));
  if (events.length === 0) return { fresh, seen, newest: undefined };
  const newest = events.reduce((m, e) => (e.timestamp > m ? e.timestamp : m), -Infinity);
  return { fresh, seen: new Set(events.filter((e) => e.timestamp === newest).map((e) => e.id)), newest };
}

export interface LogsQuery {
  functionName: string;
  startTime: number;
  filter?: string;
  signal?: AbortSignal;
}

class NoLogGroup extends Error {}

/** Every event since startTime, oldest first, page by page. */
export async function* filterEvents(aws: LogsClients, q: LogsQuery): AsyncGenerator<LogEvent> {
  const group = logGroupOf(q.functionName);
  let nextToken: string | undefined;
  do {
    let out;
    try {
      out = await aws.logs.send(
        new aws.sdk.logs.FilterLogEventsCommand({
          logGroupName: group,
          startTime: q.startTime,
          ...(q.filter ? { filterPattern: q.filter } : {}),
          ...(nextToken ? { nextToken } : {}),
        }),
        { abortSignal: q.signal },
      );
    } catch (err) {
      if (awsErrorCode(err) === "ResourceNotFoundException") throw new NoLogGroup(group);
      throw describeAwsError(err, { action: "FilterLogEvents", resource: group, endpoint: aws.endpoint });
    }
    for (const e of out.events ?? []) {
      yield { timestamp: e.timestamp ?? 0, stream: e.logStreamName ?? "", message: (e.message ?? "").replace(/\n$/, ""), id: e.eventId ?? `${e.timestamp}:${e.message}` };
    }
    nextToken = out.nextToken;
  } while (nextToken && !q.signal?.aborted);
}

export interface FollowOptions extends LogsQuery {
  /** between two polls */
  intervalMs?: number;
  onEvent(e: LogEvent): void;
  /** a note for the user (which mode, a group that does not exist yet) */
  onNote(message: string): void;
  /** live tail is tried only against AWS's own endpoints */
  liveTail: boolean;
}



/** The past since startTime; throws a user error naming the group when it does not exist. */
export async function readLogs(aws: LogsClients, q: LogsQuery, onEvent: (e: LogEvent) => void): Promise<number> {
  let count = 0;
  try {
    for await (const e of filterEvents(aws, q)) {
      onEvent(e);
      count++;
    }
  } catch (err) {
    if (err instanceof NoLogGroup) throw noGroupError(q.functionName);
    throw err;
  }
  return count;
}

function noGroupError(functionName: string): UsageError {
  return new UsageError(`no logs for ${functionName}: the log group ${logGroupOf(functionName)} does not exist (invoke the function first: lgw invoke ${functionName})`);
}

/** Prints the past, then new events until the signal aborts. */
export async function followLogs(aws: LogsClients, o: FollowOptions): Promise<void> {
  let seen = new Set<string>();
  let since = o.startTime;
  let waitingNoted = false;
  const poll = async () => {
    const batch: LogEvent[] = [];
    try {
      for await (const e of filterEvents(aws, { ...o, startTime: since })) batch.push(e);
    } catch (err) {
      if (!(err instanceof NoLogGroup)) throw err;
      if (!waitingNoted) o.onNote(`${logGroupOf(o.functionName)} does not exist yet: waiting for the function's first invocation`);
      waitingNoted = true;
      return;
    }
    batch.sort((a, b) => a.timestamp - b.timestamp);
    const d = dedupe(batch, seen);
    for (const e of d.fresh) o.onEvent(e);
    seen = d.seen;
    if (d.newest !== undefined) since = d.newest;
  };
  await poll();
  if (o.liveTail && !o.signal?.aborted) {
    const tailed = await liveTail(aws, o, seen);
    if (tailed) return;
  } else {
    o.onNote("following by polling FilterLogEvents every " + ((o.intervalMs ?? 1000) / 1000) + " s (Ctrl-C to stop)");
  }
  while (!o.signal?.aborted) {
    await sleep(o.intervalMs ?? 1000, o.signal);
    if (o.signal?.aborted) break;
    await poll();
  }
}

/**
 * StartLiveTail on the log group (its ARN, from DescribeLogGroups). Returns false when Live
 * Tail is not available (not found, not allowed, not supported), so the caller polls instead.
 */
async function liveTail(aws: LogsClients, o: FollowOptions, seen: Set<string>): Promise<boolean> {
  const group = logGroupOf(o.functionName);
  let arn: string | undefined;
  try {
    const out = await aws.logs.send(new aws.sdk.logs.DescribeLogGroupsCommand({ logGroupNamePrefix: group }), { abortSignal: o.signal });
    const found = (out.logGroups ?? []).find((g) => g.logGroupName === group);
    arn = found?.logGroupArn ?? found?.arn?.replace(/:\*$/, "");
  } catch {
    arn = undefined;
  }
  if (!arn) return false;
  try {
    const out = await aws.logs.send(
      new aws.sdk.logs.StartLiveTailCommand({ logGroupIdentifiers: [arn], ...(o.filter ? { logEventFilterPattern: o.filter } : {}) }),
      { abortSignal: o.signal },
    );
    o.onNote("following with CloudWatch Logs Live Tail (Ctrl-C to stop)");
    for await (const item of out.responseStream ?? []) {
      if (o.signal?.aborted) break;
      for (const e of item.sessionUpdate?.sessionResults ?? []) {
        const ev: LogEvent = { timestamp: e.timestamp ?? 0, stream: e.logStreamName ?? "", message: (e.message ?? "").replace(/\n$/, ""), id: `${e.logStreamName}:${e.timestamp}:${e.message}` };
        if (!seen.has(ev.id)) o.onEvent(ev);
      }
    }
    return true;
  } catch (err) {
    if (o.signal?.aborted) return true;
    o.onNote(`Live Tail unavailable (${awsErrorCode(err) ?? (err as Error).message}): polling FilterLogEvents instead`);
    return false;
  }
}
