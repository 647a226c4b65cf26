import { describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import * as logsSdk from "@aws-sdk/client-cloudwatch-logs";
import { dedupe, followLogs, parseSince, type LogEvent } from "./logs.js";
import type { LogsClients } from "../aws/index.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const NOW = Date.parse("2026-12-03T08:00:00.000Z");

describe("parseSince", () => {
  it.each([
    ["30s", NOW - 30_000],
    ["10m", NOW - 600_000],
    ["2h", NOW - 7_200_000],
    ["1d", NOW - 86_400_000],
    ["1w", NOW - 604_800_000],
    ["1h30m", NOW - 5_400_000],
    ["2026-12-03T07:00:00Z", Date.parse("2026-12-03T07:00:00Z")],
    ["2026-12-02", Date.parse("2026-12-02")],
  ])("%s", (text, expected) => expect(parseSince(text, NOW)).toBe(expected));

  it.each([["yesterday"], ["10"], ["-5m"], ["10 minutes"], ["2026-13-45"], [""]])("refuses %j with the forms it takes", (text) => {
    expect(() => parseSince(text, NOW)).toThrow(/give a duration such as 30s, 10m/);
  });

  it("refuses a date in the future", () => expect(() => parseSince("2027-01-01", NOW)).toThrow(/in the future/));
});

const ev = (id: string, timestamp: number): LogEvent => ({ id, timestamp, stream: "s", message: id });

describe("dedupe (polling restarts at the newest timestamp)", () => {
  it.each([
    { name: "first batch: everything is fresh", events: [ev("a", 1), ev("b", 2)], seen: [], fresh: ["a", "b"], keep: ["b"], newest: 2 },
    { name: "the last millisecond again: only new ids", events: [ev("b", 2), ev("c", 2), ev("d", 3)], seen: ["b"], fresh: ["c", "d"], keep: ["d"], newest: 3 },
    { name: "two events in the newest millisecond are both kept", events: [ev("d", 3), ev("e", 3)], seen: ["d"], fresh: ["e"], keep: ["d", "e"], newest: 3 },
    { name: "an empty batch keeps what was seen", events: [], seen: ["d", "e"], fresh: [], keep: ["d", "e"], newest: undefined },
  ])("$name", ({ events, seen, fresh, keep, newest }) => {
    const d = dedupe(events, new Set(seen));
    expect(d.fresh.map((e) => e.id)).toEqual(fresh);
    expect([...d.seen].sort()).toEqual(keep);
    expect(d.newest).toBe(newest);
  });
});

// Live Tail's event stream is what moto cannot show: mocked here.
describe("followLogs with Live Tail", () => {
  function clients() {
    const client = new logsSdk.CloudWatchLogsClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } });
    const mock = mockClient(client);
    mock.on(logsSdk.FilterLogEventsCommand).resolves({ events: [{ eventId: "1", timestamp: 10, message: "past\n", logStreamName: "s1" }] });
    mock.on(logsSdk.DescribeLogGroupsCommand).resolves({ logGroups: [{ logGroupName: "/aws/lambda/f", arn: "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:*" }] });
    const aws = { logs: client, region: "us-east-1", sdk: { logs: logsSdk } } as unknown as LogsClients;
    return { mock, aws };
  }

  it("prints the past, then the session's results, giving Live Tail the group's ARN without :*", async () => {
    const { mock, aws } = clients();
    async function* stream() {
      yield { sessionStart: {} };
      yield { sessionUpdate: { sessionResults: [{ timestamp: 20, message: "live one", logStreamName: "s2" }, { timestamp: 21, message: "live two", logStreamName: "s2" }] } };
    }
    mock.on(logsSdk.StartLiveTailCommand).resolves({ responseStream: stream() } as never);
    const got: string[] = [];
    const notes: string[] = [];
    await followLogs(aws, { functionName: "f", startTime: 0, onEvent: (e) => got.push(e.message), onNote: (m) => notes.push(m), liveTail: true });
    expect(got).toEqual(["past", "live one", "live two"]);
    expect(mock.commandCalls(logsSdk.StartLiveTailCommand)[0]!.args[0].input.logGroupIdentifiers).toEqual(["arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f"]);
    expect(notes.join("\n")).toContain("Live Tail");
  });

  it("falls back to polling when Live Tail is refused, and says why", async () => {
    const { mock, aws } = clients();
    mock.on(logsSdk.StartLiveTailCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException" }));
    const controller = new AbortController();
    const notes: string[] = [];
    const got: string[] = [];
    const run = followLogs(aws, { functionName: "f", startTime: 0, intervalMs: 10, signal: controller.signal, onEvent: (e) => got.push(e.message), onNote: (m) => notes.push(m), liveTail: true });
    await new Promise((r) => setTimeout(r, 60));
    controller.abort();
    await run;
    expect(notes.join("\n")).toContain("Live Tail unavailable (AccessDeniedException): polling");
    expect(mock.commandCalls(logsSdk.FilterLogEventsCommand).length).toBeGreaterThan(1);
    // the same event polled again is printed once
    expect(got).toEqual(["past"]);
  });
});
