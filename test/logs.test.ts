// `lgw logs` against moto's CloudWatch Logs: the past through FilterLogEvents, a filter pattern,
// --json, and --follow picking up events put after it started (polling: moto is a custom endpoint).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto();
let dir: string;
const GROUP = "/aws/lambda/hello";
const STREAM = "2026/12/03/[$LATEST]abc";

const put = (stream: string, ...messages: [number, string][]) =>
  moto.logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents: messages.map(([timestamp, message]) => ({ timestamp, message })) }));

const lgwLogs = (args: string[], signal?: AbortSignal) => moto.lgw(["logs", ...args], { cwd: dir, signal });

beforeAll(async () => {
  await moto.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  await moto.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: STREAM }));
  const now = Date.now();
  await put(
    STREAM,
    [now - 3 * 3_600_000, "old line from three hours ago"],
    [now - 60_000, "START RequestId: 1111 Version: $LATEST"],
    [now - 59_000, "handling user 42\n"],
    [now - 58_000, "ERROR user 43 not found"],
    [now - 57_000, "END RequestId: 1111"],
  );
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-logs-"));
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { hello: { entry: "." } } }));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const messagesOf = (stdout: string) => stdout.trim().split("\n").map((l) => l.replace(/^\S+ /, ""));

describe("lgw logs against moto", () => {
  it("prints the project's function's events since 10 minutes ago, oldest first, each with its time", async () => {
    const r = await lgwLogs([]);
    expect(r.code, r.stderr).toBe(0);
    expect(messagesOf(r.stdout)).toEqual(["START RequestId: 1111 Version: $LATEST", "handling user 42", "ERROR user 43 not found", "END RequestId: 1111"]);
    expect(r.stdout.split("\n")[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z START/);
  });

  it("--since reaches further back; --filter keeps matching events", async () => {
    const back = await lgwLogs(["hello", "--since", "4h"]);
    expect(messagesOf(back.stdout)[0]).toBe("old line from three hours ago");
    const errors = await lgwLogs(["--filter", "ERROR"]);
    expect(messagesOf(errors.stdout)).toEqual(["ERROR user 43 not found"]);
  });

  it("--json prints one event per line", async () => {
    const r = await lgwLogs(["--json"]);
    const events = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { message: string; stream: string; time: string; timestamp: number });
    expect(events).toHaveLength(4);
    expect(events[1]).toMatchObject({ message: "handling user 42", stream: STREAM });
    expect(new Date(events[1]!.time).getTime()).toBe(events[1]!.timestamp);
  });

  it("a function without a log group is a one-line error that says to invoke it first", async () => {
    const r = await lgwLogs(["nobody"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("/aws/lambda/nobody does not exist");
    expect(r.stderr).toContain("lgw invoke nobody");
  });

  it("a bad --since is refused before any call", async () => {
    const r = await lgwLogs(["--since", "yesterday"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--since yesterday: give a duration such as 30s");
  });

  it("--follow prints the past once, then events put while it runs, until aborted", async () => {
    const controller = new AbortController();
    const stream2 = "2026/12/03/[$LATEST]def";
    await moto.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: stream2 }));
    const running = lgwLogs(["--follow", "--since", "2m"], controller.signal);
    await new Promise((r) => setTimeout(r, 1500));
    await put(stream2, [Date.now(), "new event after follow started"]);
    await new Promise((r) => setTimeout(r, 2500));
    controller.abort("SIGINT");
    const r = await running;
    const lines = messagesOf(r.stdout);
    expect(lines.filter((l) => l === "handling user 42")).toHaveLength(1);
    expect(lines.at(-1)).toBe("new event after follow started");
    expect(r.stderr).toContain("polling FilterLogEvents");
  });
});
