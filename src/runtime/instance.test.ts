// Instance against real bootstraps (test/fixtures/bootstraps): warm reuse, output tagging, and
// which failures leave the process alive. lgw serve pools these.
import { chmodSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildBootstraps } from "../../test/fixtures/bootstraps/build.js";
import { liveChildCount } from "../util/children.js";
import { Instance, type InvokeOutcome, type OutputSource } from "./instance.js";
import { pidGone } from "../../test/helpers/processes.js";

const base = mkdtempSync(path.join(tmpdir(), "lgw-instance-"));
let bootstrap: (name: string) => string;
beforeAll(() => {
  bootstrap = buildBootstraps(base);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("Instance (the building block lgw serve pools)", () => {
  type Line = [string, string | undefined, OutputSource];
  const started: Instance[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((i) => i.stop()));
    expect(liveChildCount()).toBe(0);
  });
  function instance(name: string, lines: Line[] = []): Instance {
    const inst = new Instance({
      bootstrapPath: bootstrap(name),
      functionName: name,
      memoryMB: 128,
      onOutput: (line, id, source) => lines.push([line, id, source]),
    });
    started.push(inst);
    return inst;
  }
  const json = (o: unknown) => Buffer.from(JSON.stringify(o));
  function body(o: InvokeOutcome): string {
    expect(o.kind, JSON.stringify(o)).toBe("success");
    return o.kind === "success" ? o.body.toString() : "";
  }

  it("stays warm: several invocations through one process, output tagged with each request id", async () => {
    const lines: Line[] = [];
    const inst = instance("echo", lines);
    await inst.start();
    expect(await inst.waitReady()).toBe(true);
    const pid = inst.pid!;
    const outcomes: InvokeOutcome[] = [];
    for (const n of [1, 22, 333]) {
      outcomes.push(await inst.invoke(json({ n }), { timeoutMs: 3000, requestId: `req-${n}` }));
      expect(inst.pid).toBe(pid);
      expect(inst.isAlive()).toBe(true);
    }
    expect(outcomes.map(body)).toEqual(['{"n":1}', '{"n":22}', '{"n":333}']);
    expect(outcomes.map((o) => o.requestId)).toEqual(["req-1", "req-22", "req-333"]);
    expect(outcomes[0]!.initDurationMs).toEqual(expect.any(Number));
    expect(outcomes[1]!.initDurationMs).toBeUndefined();
    expect(lines).toContainEqual([`echo: init pid=${pid}`, undefined, "stdout"]);
    expect(lines).toContainEqual(["echo: got 8 bytes", "req-22", "stdout"]);
    expect(lines).toContainEqual(["echo: to stderr without newline", "req-333", "stderr"]);
    expect(lines).toContainEqual(["START RequestId: req-1 Version: $LATEST", "req-1", "platform"]);
    await inst.stop();
    await inst.stop();
    expect(inst.isAlive()).toBe(false);
    expect(pidGone(pid)).toBe(true);
  });

  it("a function error keeps the process; a timeout or a crash leaves it dead", async () => {
    const fail = instance("fail");
    await fail.start();
    const a = await fail.invoke(json({}), { timeoutMs: 3000 });
    const b = await fail.invoke(json({}), { timeoutMs: 3000 });
    expect([a.kind, b.kind]).toEqual(["function-error", "function-error"]);
    expect(fail.isAlive()).toBe(true);

    const sleep = instance("sleep");
    await sleep.start();
    expect(body(await sleep.invoke(json({ ms: 10 }), { timeoutMs: 3000 }))).toBe('"awake"');
    const pid = sleep.pid!;
    const slow = await sleep.invoke(json({ ms: 10000 }), { timeoutMs: 250, requestId: "slow" });
    expect(slow).toMatchObject({ kind: "timeout", error: { errorType: "Sandbox.Timedout", errorMessage: "RequestId: slow Error: Task timed out after 0.25 seconds" } });
    expect(sleep.isAlive()).toBe(false);
    expect(pidGone(pid)).toBe(true);

    const exit = instance("exit");
    await exit.start();
    const crashed = await exit.invoke(json({}), { timeoutMs: 3000 });
    expect(crashed).toMatchObject({ kind: "exit", exitCode: 1, stderrTail: expect.stringContaining("database unreachable") });
    expect(exit.isAlive()).toBe(false);
  });

  it("a response of exactly 6291556 bytes passes; one byte more is too large", async () => {
    const ok = instance("big");
    await ok.start();
    // the body is a JSON string: two quotes around the bytes
    const fits = await ok.invoke(json({ bytes: 6291556 - 2 }), { timeoutMs: 10000 });
    expect(fits.kind).toBe("success");
    expect(fits.kind === "success" && fits.body.length).toBe(6291556);
    const over = instance("big");
    await over.start();
    const tooBig = await over.invoke(json({ bytes: 6291556 - 1 }), { timeoutMs: 10000 });
    expect(tooBig).toMatchObject({ kind: "too-large", bytes: 6291557, error: { errorType: "Function.ResponseSizeTooLarge" } });
  });

  it("passes the client context through, and refuses a second concurrent invoke", async () => {
    const inst = instance("env");
    await inst.start();
    const running = inst.invoke(json({}), { timeoutMs: 3000, requestId: "ctx-1", clientContext: JSON.stringify({ custom: { tenant: "t1" } }) });
    expect(() => inst.invoke(json({}), { timeoutMs: 3000 })).toThrow(/already running/);
    const res = JSON.parse(body(await running)) as { requestId: string; clientContext: Record<string, string> };
    expect(res).toMatchObject({ requestId: "ctx-1", clientContext: { tenant: "t1" } });
  });

  it("start is idempotent and a stop during start leaves nothing running", async () => {
    const inst = instance("echo");
    await Promise.all([inst.start(), inst.start()]);
    expect(await inst.waitReady()).toBe(true);
    expect(liveChildCount()).toBe(1);
    await inst.stop();

    const early = instance("echo");
    const starting = early.start();
    await early.stop();
    await starting;
    expect(early.pid).toBeUndefined();
    expect(early.isAlive()).toBe(false);
  });

  it("an executable that cannot start: Runtime.InvalidEntrypoint", async () => {
    const plain = path.join(base, "noexec", "bootstrap");
    cpSync(bootstrap("echo"), plain);
    chmodSync(plain, 0o644);
    const inst = new Instance({ bootstrapPath: plain, functionName: "noexec", memoryMB: 128 });
    started.push(inst);
    await inst.start();
    const o = await inst.invoke(json({}), { timeoutMs: 1000, requestId: "r" });
    expect(o).toMatchObject({ kind: "invalid-entrypoint", error: { errorType: "Runtime.InvalidEntrypoint", errorMessage: `RequestId: r Error: fork/exec ${plain}: permission denied` } });
  });
});
