// `lgw invoke` against moto's Lambda (no Docker: moto answers Invoke by echoing the payload, or
// with the next response queued at /moto-api/static/lambda-simple/response).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateAliasCommand, LambdaClient, PublishVersionCommand, type InvokeCommandOutput } from "@aws-sdk/client-lambda";
import { MOTO_REGION } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto({ functions: ["hello", "users"] });
let dir: string;

/** Invoke's Payload type is the SDK's blob adapter; a Buffer is what it wraps. */
const blob = (text: string) => Buffer.from(text) as unknown as InvokeCommandOutput["Payload"];

async function queueResponse(...results: string[]): Promise<void> {
  const res = await fetch(`${moto.endpoint}/moto-api/static/lambda-simple/response`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ results, region: MOTO_REGION }),
  });
  expect(res.status).toBe(201);
}

const invoke = (args: string[], cwd = dir) => moto.lgw(["invoke", ...args], { cwd });

beforeAll(async () => {
  const v = await moto.lambda.send(new PublishVersionCommand({ FunctionName: "users" }));
  await moto.lambda.send(new CreateAliasCommand({ FunctionName: "users", Name: "live", FunctionVersion: v.Version! }));
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-invoke-"));
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { hello: { entry: "." } } }));
  writeFileSync(path.join(dir, "event.json"), '{"from":"file"}');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("lgw invoke against moto", () => {
  it("sends the payload file to the project's only function and prints the response on stdout", async () => {
    const r = await invoke(["event.json"]);
    expect(r.code, r.stderr).toBe(0);
    // moto echoes the payload: what arrived is what was sent
    expect(r.stdout).toBe('{"from":"file"}\n');
  });

  it("prints exactly what the function returned (moto's queued response)", async () => {
    await queueResponse('{"statusCode":200,"body":"hi"}');
    const r = await invoke(["hello", "--payload", '{"x":1}']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('{"statusCode":200,"body":"hi"}\n');
  });

  it("without a payload says on stderr that it sends {}", async () => {
    const r = await invoke([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("{}\n");
    expect(r.stderr).toContain("no payload given: sending {}");
  });

  it("builds an API Gateway event with --event and the request flags", async () => {
    const r = await invoke(["--event", "apigw-v1", "--method", "POST", "--path", "/users", "--body", "hi", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ mode: "sync", function: "hello", status: "success", statusCode: 200 });
    expect(out.requestId).toMatch(/\S/);
    expect(out.response).toMatchObject({ httpMethod: "POST", path: "/users", body: "hi", requestContext: { stage: "dev" } });
  });

  it("invokes a function lgw.json does not define, and an alias with --qualifier", async () => {
    const r = await invoke(["users", "--payload", '"ping"', "--qualifier", "live", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ function: "users", qualifier: "live", response: "ping" });
  });

  it("works outside a project when the function is named", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "lgw-invoke-none-"));
    try {
      const r = await invoke(["users", "--payload", "[1]"], empty);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe("[1]\n");
      const bare = await invoke([], empty);
      expect(bare.code).toBe(2);
      expect(bare.stderr).toContain("no project here: name the deployed function");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("--async queues the call and prints the request id", async () => {
    const r = await invoke(["hello", "--async", "--payload", "{}", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ mode: "async", function: "hello", statusCode: 202 });
    expect(out.requestId).toMatch(/\S/);
    const text = await invoke(["hello", "--async"]);
    expect(text.stdout).toMatch(/^hello: queued \(HTTP 202\), request id \S+\n$/);
  });

  it("refuses bad input before calling AWS, exit 2", async () => {
    const bad = await invoke(["hello", "--payload", "{oops"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("the payload is not valid JSON");
    const q = await invoke(["hello", "--qualifier", "a:b"]);
    expect(q.code).toBe(2);
    expect(q.stderr).toContain("--qualifier a:b");
  });
});

describe("lgw invoke: a function error and the log tail (mocked: moto never sends them)", () => {
  it("prints the tail on stderr, the error object on stdout, exit 1", async () => {
    const { mockClient } = await import("aws-sdk-client-mock");
    const { InvokeCommand } = await import("@aws-sdk/client-lambda");
    const mock = mockClient(LambdaClient);
    try {
      const tail = "START RequestId: r1 Version: $LATEST\npanic: boom\nEND RequestId: r1\nREPORT RequestId: r1\tDuration: 1.00 ms\n";
      mock.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: "Unhandled", Payload: blob('{"errorMessage":"boom","errorType":"errorString"}'), LogResult: Buffer.from(tail).toString("base64") });
      const r = await invoke(["hello"]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('{"errorMessage":"boom","errorType":"errorString"}\n');
      expect(r.stderr).toContain("START RequestId: r1 Version: $LATEST\npanic: boom\nEND RequestId: r1\n");
      const j = await invoke(["hello", "--json"]);
      expect(j.code).toBe(1);
      expect(JSON.parse(j.stdout)).toMatchObject({ status: "error", functionError: "Unhandled", error: { errorType: "errorString" }, log: ["START RequestId: r1 Version: $LATEST", "panic: boom", "END RequestId: r1", "REPORT RequestId: r1\tDuration: 1.00 ms"] });
    } finally {
      mock.restore();
    }
  });

  // moto's Docker-less Invoke answers for any name, so the not-found answer is mocked too
  it("a function that is not deployed: one line naming lgw deploy --create, exit 1", async () => {
    const { mockClient } = await import("aws-sdk-client-mock");
    const { InvokeCommand, ResourceNotFoundException } = await import("@aws-sdk/client-lambda");
    const mock = mockClient(LambdaClient);
    try {
      mock.on(InvokeCommand).rejects(new ResourceNotFoundException({ message: "Function not found: nope", $metadata: { httpStatusCode: 404 } }));
      const r = await invoke(["nope", "--payload", "{}"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("function nope not found: run `lgw deploy nope --create`");
    } finally {
      mock.restore();
    }
  });
});
