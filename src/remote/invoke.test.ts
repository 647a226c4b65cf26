// invokeRemote against a mocked Lambda: what moto's Docker-less Invoke never returns (a function
// error, a log tail), plus the pure argument split.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from "@aws-sdk/client-lambda";
import { invokeRemote, splitInvokeArgs } from "./invoke.js";

const mock = mockClient(LambdaClient);
/** Invoke's Payload type is the SDK's blob adapter; a Buffer is what it wraps. */
const blob = (text: string) => Buffer.from(text) as unknown as InvokeCommandOutput["Payload"];

let dir: string;

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "a";
  process.env.AWS_SECRET_ACCESS_KEY = "b";
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-invoke-unit-"));
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { hello: {} } }));
  writeFileSync(path.join(dir, "payload"), "{}");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => mock.reset());

const input = (extra: Partial<Parameters<typeof invokeRemote>[0]> = {}) => ({
  cwd: dir,
  args: [],
  readStdin: async () => Buffer.from("{}"),
  aws: { region: "us-east-1" },
  ...extra,
});

describe("splitInvokeArgs", () => {
  const isFile = (p: string) => p === "payload";
  it.each([
    [[], {}],
    [["hello"], { functionName: "hello" }],
    [["-"], { payloadArg: "-" }],
    [["event.json"], { payloadArg: "event.json" }],
    [["events/x"], { payloadArg: "events/x" }],
    [["payload"], { payloadArg: "payload" }],
    [["hello", "-"], { functionName: "hello", payloadArg: "-" }],
    [["arn:aws:lambda:us-east-1:123456789012:function:hello"], { functionName: "arn:aws:lambda:us-east-1:123456789012:function:hello" }],
  ])("%j -> %j", (args, expected) => {
    expect(splitInvokeArgs(args, isFile)).toEqual(expected);
  });
});

describe("invokeRemote", () => {
  it("asks for a log tail on a synchronous call and decodes it", async () => {
    const tail = "START RequestId: r1 Version: $LATEST\nhello from Go\nEND RequestId: r1\n";
    mock.on(InvokeCommand).resolves({ StatusCode: 200, Payload: blob('"ok"'), LogResult: Buffer.from(tail).toString("base64"), ExecutedVersion: "$LATEST", $metadata: { requestId: "r1" } });
    const r = await invokeRemote(input({ payloadInline: '{"a":1}' }));
    expect(mock.commandCalls(InvokeCommand)[0]!.args[0].input).toMatchObject({ FunctionName: "hello", InvocationType: "RequestResponse", LogType: "Tail" });
    expect(Buffer.from(mock.commandCalls(InvokeCommand)[0]!.args[0].input.Payload as Uint8Array).toString()).toBe('{"a":1}');
    expect(r).toMatchObject({ mode: "sync", requestId: "r1", executedVersion: "$LATEST", logTail: tail });
  });

  it("reports X-Amz-Function-Error with the error body", async () => {
    mock.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: "Unhandled", Payload: blob('{"errorMessage":"boom","errorType":"errorString"}') });
    const r = await invokeRemote(input());
    expect(r).toMatchObject({ mode: "sync", functionError: "Unhandled" });
    expect(r.mode === "sync" && r.payload.toString()).toBe('{"errorMessage":"boom","errorType":"errorString"}');
  });

  it("--async uses the Event type and no log tail", async () => {
    mock.on(InvokeCommand).resolves({ StatusCode: 202, $metadata: { requestId: "q1" } });
    const r = await invokeRemote(input({ async: true, qualifier: "live" }));
    expect(mock.commandCalls(InvokeCommand)[0]!.args[0].input).toEqual(expect.objectContaining({ InvocationType: "Event", Qualifier: "live" }));
    expect(mock.commandCalls(InvokeCommand)[0]!.args[0].input.LogType).toBeUndefined();
    expect(r).toEqual({ mode: "async", function: "hello", qualifier: "live", requestId: "q1", statusCode: 202 });
  });
});
