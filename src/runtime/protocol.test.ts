import { describe, expect, it } from "vitest";
import type { Invocation } from "./invocations.js";
import { LineSplitter, Tail } from "./lines.js";
import { functionArn, nextHeaders, parseErrorBody, parseRoute, traceId, type Route } from "./protocol.js";

describe("parseRoute", () => {
  const P = "/2018-06-01/runtime";
  const table: [string, string, Route][] = [
    ["GET", `${P}/invocation/next`, { kind: "next" }],
    ["GET", `${P}/invocation/next?x=1`, { kind: "next" }],
    ["POST", `${P}/invocation/abc-123/response`, { kind: "response", id: "abc-123" }],
    ["POST", `${P}/invocation/a%2Fb/error`, { kind: "error", id: "a/b" }],
    ["POST", `${P}/init/error`, { kind: "init-error" }],
    ["POST", `${P}/invocation/next`, { kind: "wrong-method", allowed: "GET" }],
    ["GET", `${P}/invocation/abc/response`, { kind: "wrong-method", allowed: "POST" }],
    ["PUT", `${P}/init/error`, { kind: "wrong-method", allowed: "POST" }],
    ["POST", `${P}/invocation//response`, { kind: "not-found" }],
    ["POST", `${P}/invocation/%E0%A4%A/response`, { kind: "not-found" }],
    ["POST", `${P}/invocation/abc/other`, { kind: "not-found" }],
    ["POST", `${P}/invocation/abc/response/extra`, { kind: "not-found" }],
    ["GET", "/2020-01-01/extension/event/next", { kind: "not-found" }],
    ["GET", "/", { kind: "not-found" }],
    ["GET", "", { kind: "not-found" }],
  ];
  it.each(table)("%s %s", (method, url, route) => {
    expect(parseRoute(method, url)).toEqual(route);
  });
});

describe("ids and headers", () => {
  it("function ARN", () => {
    expect(functionArn("eu-west-1", "hello")).toBe("arn:aws:lambda:eu-west-1:123456789012:function:hello");
  });

  it("X-Ray trace id from the clock and random hex", () => {
    expect(traceId(1_700_000_000_500, "0123456789abcdef0123456789abcdef01234567")).toBe(
      "Root=1-6553f100-0123456789abcdef01234567;Parent=89abcdef01234567;Sampled=0",
    );
  });

  const inv: Invocation = {
    id: "req-1",
    payload: Buffer.from('{"é":1}'),
    timeoutMs: 3000,
    functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
    traceId: "Root=1-x",
    deadlineMs: 1_700_000_003_000,
  };
  // [name, value, ...] -> { name: value }
  const asObject = (flat: string[]) => Object.fromEntries(flat.flatMap((v, i) => (i % 2 ? [] : [[v, flat[i + 1]]])));
  it("/next headers: the required ones (the writer adds Content-Length), deadline as a decimal string", () => {
    expect(asObject(nextHeaders(inv))).toEqual({
      "Content-Type": "application/json",
      "Lambda-Runtime-Aws-Request-Id": "req-1",
      "Lambda-Runtime-Deadline-Ms": "1700000003000",
      "Lambda-Runtime-Invoked-Function-Arn": "arn:aws:lambda:us-east-1:123456789012:function:f",
      "Lambda-Runtime-Trace-Id": "Root=1-x",
    });
  });
  it("/next headers: client context and cognito identity only when given", () => {
    const h = asObject(nextHeaders({ ...inv, clientContext: '{"custom":{}}', cognitoIdentity: '{"cognitoIdentityId":"i"}' }));
    expect(h["Lambda-Runtime-Client-Context"]).toBe('{"custom":{}}');
    expect(h["Lambda-Runtime-Cognito-Identity"]).toBe('{"cognitoIdentityId":"i"}');
    expect(asObject(nextHeaders({ ...inv, clientContext: "" }))).not.toHaveProperty("Lambda-Runtime-Client-Context");
  });
});

describe("parseErrorBody", () => {
  const table: [string, string | undefined, object][] = [
    ['{"errorMessage":"boom","errorType":"errorString"}', undefined, { errorType: "errorString", errorMessage: "boom" }],
    ['{"errorMessage":"x","errorType":"T","stackTrace":[{"line":1}]}', undefined, { errorType: "T", errorMessage: "x", stackTrace: [{ line: 1 }] }],
    ['{"errorMessage":"x"}', "Runtime.Custom", { errorType: "Runtime.Custom", errorMessage: "x" }],
    ['{"errorMessage":"x","stackTrace":null}', undefined, { errorType: "Unhandled", errorMessage: "x" }],
    ["", "Runtime.Header", { errorType: "Runtime.Header", errorMessage: "" }],
    ["plain text failure", undefined, { errorType: "Unhandled", errorMessage: "plain text failure" }],
    ["[1,2]", undefined, { errorType: "Unhandled", errorMessage: "[1,2]" }],
  ];
  it.each(table)("%j (header %s)", (body, header, expected) => {
    expect(parseErrorBody(Buffer.from(body), header, "Unhandled")).toEqual(expected);
  });
});

describe("LineSplitter / Tail", () => {
  it("splits across chunks, CRLF and split UTF-8 characters", () => {
    const s = new LineSplitter();
    const e = Buffer.from("é");
    expect(s.push(Buffer.from("one\r\ntw"))).toEqual(["one"]);
    expect(s.push(Buffer.concat([Buffer.from("o "), e.subarray(0, 1)]))).toEqual([]);
    expect(s.push(Buffer.concat([e.subarray(1), Buffer.from("\nthree")]))).toEqual(["two é"]);
    expect(s.flush()).toBe("three");
    expect(s.flush()).toBeUndefined();
  });

  it("keeps the last lines", () => {
    const t = new Tail(2);
    for (const l of ["a", "b", "c"]) t.add(l);
    expect(t.text()).toBe("b\nc");
  });
});
