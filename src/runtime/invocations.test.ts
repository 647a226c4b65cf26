import { describe, expect, it } from "vitest";
import { InvocationState, MAX_RESPONSE_BYTES, TOO_LARGE_REPLY, type Invocation } from "./invocations.js";

const inv = (id: string, timeoutMs = 3000): Invocation => ({
  id,
  payload: Buffer.from(`{"id":"${id}"}`),
  timeoutMs,
  functionArn: "arn:aws:lambda:us-east-1:123456789012:function:f",
  traceId: "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0",
});

type Step =
  | ["enqueue", string]
  | ["next"]
  | ["response", string, number?]
  | ["error", string]
  | ["initError"]
  | ["cancelWait"]
  | ["abandon", string];

/** Runs steps at t=1000 and returns, per step, a short description of what came back. */
function run(steps: Step[]): string[] {
  const s = new InvocationState();
  return steps.map((step) => {
    switch (step[0]) {
      case "enqueue": {
        const r = s.enqueue(inv(step[1]), 1000);
        return r.deliver ? `deliver ${r.deliver.id}` : "queued";
      }
      case "next": {
        const r = s.next(1000);
        if ("deliver" in r) return `deliver ${r.deliver.id}`;
        if ("reply" in r) return `reply ${r.reply.status}`;
        return "wait";
      }
      case "response": {
        const r = s.response(step[1], Buffer.from("{}"), step[2] ?? 2);
        return `reply ${r.reply.status}${r.completion ? ` ${r.completion.kind} ${r.completion.id}` : ""}`;
      }
      case "error": {
        const r = s.error(step[1], Buffer.from("{}"));
        return `reply ${r.reply.status}${r.completion ? ` ${r.completion.kind} ${r.completion.id}` : ""}`;
      }
      case "initError": {
        const r = s.initError(Buffer.from("{}"));
        return `reply ${r.reply.status} ${r.completion.kind} ${r.completion.id ?? "-"}`;
      }
      case "cancelWait":
        s.cancelWait();
        return "ok";
      case "abandon":
        s.abandon(step[1]);
        return "ok";
    }
  });
}

describe("InvocationState transitions", () => {
  const table: [string, Step[], string[]][] = [
    ["next blocks until an event exists, then gets it", [["next"], ["enqueue", "a"]], ["wait", "deliver a"]],
    ["an event waiting is handed over at once", [["enqueue", "a"], ["next"]], ["queued", "deliver a"]],
    ["response for the invocation in flight is accepted once", [["enqueue", "a"], ["next"], ["response", "a"], ["response", "a"]], ["queued", "deliver a", "reply 202 response a", "reply 400"]],
    ["error for the invocation in flight", [["enqueue", "a"], ["next"], ["error", "a"]], ["queued", "deliver a", "reply 202 error a"]],
    ["unknown id", [["enqueue", "a"], ["next"], ["response", "zzz"], ["error", "zzz"]], ["queued", "deliver a", "reply 400", "reply 400"]],
    ["response before the invocation was delivered", [["enqueue", "a"], ["response", "a"]], ["queued", "reply 400"]],
    ["one at a time: the second waits for the first to finish", [["enqueue", "a"], ["enqueue", "b"], ["next"], ["next"], ["response", "a"], ["next"]], ["queued", "queued", "deliver a", "wait", "reply 202 response a", "deliver b"]],
    ["next without answering keeps the invocation in flight (it will time out)", [["enqueue", "a"], ["next"], ["next"], ["enqueue", "b"], ["response", "a"]], ["queued", "deliver a", "wait", "queued", "reply 202 response a"]],
    ["a timed-out (abandoned) invocation answers 400 later", [["enqueue", "a"], ["next"], ["abandon", "a"], ["response", "a"]], ["queued", "deliver a", "ok", "reply 400"]],
    ["a waiter that went away does not swallow the next event", [["next"], ["cancelWait"], ["enqueue", "a"], ["next"]], ["wait", "ok", "queued", "deliver a"]],
    ["exactly the limit is accepted", [["enqueue", "a"], ["next"], ["response", "a", MAX_RESPONSE_BYTES]], ["queued", "deliver a", "reply 202 response a"]],
    ["one byte over the limit is 413 and completes the invocation", [["enqueue", "a"], ["next"], ["response", "a", MAX_RESPONSE_BYTES + 1], ["response", "a"]], ["queued", "deliver a", "reply 413 too-large a", "reply 400"]],
    ["init error during init fails the waiting invocation; the environment is dead", [["enqueue", "a"], ["initError"], ["next"]], ["queued", "reply 202 init-error a", "reply 500"]],
    ["init error with nothing waiting", [["initError"], ["enqueue", "a"], ["next"]], ["reply 202 init-error -", "queued", "reply 500"]],
  ];
  it.each(table)("%s", (_name, steps, expected) => {
    expect(run(steps)).toEqual(expected);
  });

  it("stamps the deadline on delivery without touching the queued invocation", () => {
    const s = new InvocationState();
    const queued = inv("a", 2500);
    s.enqueue(queued, 1);
    const r = s.next(10_000);
    expect("deliver" in r && r.deliver.deadlineMs).toBe(12_500);
    expect(queued.deadlineMs).toBeUndefined();
    expect(s.inFlight?.id).toBe("a");
    expect(s.nextCount).toBe(1);
  });

  it("undeliver puts an invocation back at the head of the queue", () => {
    const s = new InvocationState();
    s.enqueue(inv("a"), 0);
    s.enqueue(inv("b"), 0);
    const r = s.next(0);
    if (!("deliver" in r)) throw new Error("expected a delivery");
    s.undeliver(r.deliver);
    expect(s.inFlight).toBeUndefined();
    const again = s.next(0);
    expect("deliver" in again && again.deliver.id).toBe("a");
  });

  it("413 carries the contract's JSON", () => {
    expect(JSON.parse(TOO_LARGE_REPLY.body)).toEqual({
      errorMessage: "Exceeded maximum allowed payload size (6291556 bytes).",
      errorType: "RequestEntityTooLarge",
    });
  });
});
