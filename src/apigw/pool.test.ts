import { describe, expect, it } from "vitest";
import { FunctionPool, QueueAbort, type PoolInstance } from "./pool.js";

class Fake implements PoolInstance {
  static next = 0;
  readonly id = ++Fake.next;
  alive = true;
  stopped = false;
  constructor(readonly generation: string) {}
  isAlive() {
    return this.alive;
  }
  async stop() {
    this.alive = false;
    this.stopped = true;
  }
}

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setImmediate(r));

function makePool(concurrency: number, gen = "g1") {
  const started: Fake[] = [];
  const pool = new FunctionPool<Fake>({
    concurrency,
    start: async () => {
      const f = new Fake(gen);
      started.push(f);
      return f;
    },
  });
  return { pool, started };
}

describe("FunctionPool", () => {
  it("starts on first use and reuses a warm instance", async () => {
    const { pool, started } = makePool(4);
    expect(started).toHaveLength(0);
    const a = await pool.run(async (i) => i.id);
    const b = await pool.run(async (i) => i.id);
    expect(a).toBe(b);
    expect(started).toHaveLength(1);
  });

  it("never runs two invocations on one instance and never exceeds concurrency", async () => {
    const { pool, started } = makePool(3);
    const inUse = new Set<number>();
    let peak = 0;
    await Promise.all(
      Array.from({ length: 30 }, async () =>
        pool.run(async (i) => {
          expect(inUse.has(i.id)).toBe(false);
          inUse.add(i.id);
          peak = Math.max(peak, inUse.size);
          await tick();
          inUse.delete(i.id);
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(started).toHaveLength(3);
  });

  it("serves waiters in arrival order", async () => {
    const { pool } = makePool(1);
    const gate = deferred();
    const order: number[] = [];
    const first = pool.run(async () => gate.promise);
    const rest = [1, 2, 3, 4].map((n) => pool.run(async () => void order.push(n)));
    await tick();
    expect(pool.stats().queued).toBe(4);
    gate.resolve();
    await Promise.all([first, ...rest]);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it("replaces an instance that died during its invocation", async () => {
    const { pool, started } = makePool(1);
    await expect(
      pool.run(async (i) => {
        i.alive = false;
        throw new Error("crashed");
      }),
    ).rejects.toThrow("crashed");
    const id = await pool.run(async (i) => i.id);
    expect(started).toHaveLength(2);
    expect(id).toBe(started[1]!.id);
    expect(started[0]!.stopped).toBe(true);
  });

  it("a start failure fails one waiter, and the next one gets a new try", async () => {
    let fail = true;
    const pool = new FunctionPool<Fake>({
      concurrency: 1,
      start: async () => {
        if (fail) {
          fail = false;
          throw new Error("exec format error");
        }
        return new Fake("g");
      },
    });
    const a = pool.run(async () => "a");
    const b = pool.run(async () => "b");
    await expect(a).rejects.toThrow("exec format error");
    await expect(b).resolves.toBe("b");
  });

  it("swap: idle old instances stop now, busy ones finish their request first, new ones serve", async () => {
    const { pool, started } = makePool(2, "old");
    const gate = deferred();
    const slow = pool.run(async (i) => {
      await gate.promise;
      return i.generation;
    });
    await pool.run(async () => undefined); // a second, idle old instance
    await tick();
    const [busyOld, idleOld] = started;
    expect(idleOld!.stopped).toBe(false); // still idle before the swap
    pool.swap(async () => {
      const f = new Fake("new");
      started.push(f);
      return f;
    });
    expect(idleOld!.stopped).toBe(true);
    expect(busyOld!.stopped).toBe(false);
    await expect(pool.run(async (i) => i.generation)).resolves.toBe("new");
    gate.resolve();
    await expect(slow).resolves.toBe("old");
    expect(busyOld!.stopped).toBe(true);
    expect(pool.stats()).toMatchObject({ idle: 1, busy: 0, generation: 1 });
  });

  it("close stops everything and fails waiters", async () => {
    const { pool, started } = makePool(1);
    const gate = deferred();
    const running = pool.run(async () => gate.promise);
    const waiting = pool.run(async () => "never");
    await tick();
    await pool.close();
    await expect(waiting).rejects.toThrow(/shutting down/);
    expect(started.every((f) => f.stopped)).toBe(true);
    gate.resolve();
    await running;
    await expect(pool.run(async () => 1)).rejects.toThrow(/shutting down/);
  });
});

describe("FunctionPool.close", () => {
  it("waits for an instance that is still starting and stops it", async () => {
    const gate = deferred();
    let made: Fake | undefined;
    const pool = new FunctionPool<Fake>({
      concurrency: 1,
      start: async () => {
        await gate.promise;
        return (made = new Fake("g"));
      },
    });
    pool.prewarm();
    const closed = pool.close();
    gate.resolve();
    await closed;
    expect(made?.stopped).toBe(true);
  });

  it("a waiter whose signal aborts leaves the queue; the ones behind it keep their turn", async () => {
    const { pool } = makePool(1);
    const hold = deferred();
    const order: string[] = [];
    const first = pool.run(async () => {
      order.push("first");
      await hold.promise;
    });
    await tick();
    const gaveUp = new AbortController();
    const second = pool.run(async () => void order.push("second"), gaveUp.signal);
    const third = pool.run(async () => void order.push("third"));
    await tick();
    expect(pool.stats().queued).toBe(2);
    gaveUp.abort();
    await expect(second).rejects.toBeInstanceOf(QueueAbort);
    expect(pool.stats().queued).toBe(1);
    hold.resolve();
    await Promise.all([first, third]);
    expect(order).toEqual(["first", "third"]);
  });

  it("an abort after the instance was handed over changes nothing", async () => {
    const { pool } = makePool(1);
    const c = new AbortController();
    const ran = await pool.run(async () => {
      c.abort();
      return "ran";
    }, c.signal);
    expect(ran).toBe("ran");
    await expect(pool.run(async () => 1, c.signal)).rejects.toBeInstanceOf(QueueAbort);
  });

  it("waitMs: a request that has to queue leaves after waitMs; one served at once is not limited", async () => {
    const { pool } = makePool(1);
    const hold = deferred();
    const first = pool.run(async () => {
      await new Promise((r) => setTimeout(r, 60));
      await hold.promise;
      return "first";
    }, { waitMs: 20 });
    await tick();
    const started = Date.now();
    await expect(pool.run(async () => "never", { waitMs: 30 })).rejects.toBeInstanceOf(QueueAbort);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(pool.stats().queued).toBe(0);
    hold.resolve();
    // the first run outlived its waitMs: the limit is on waiting, not on the work
    expect(await first).toBe("first");
    expect(await pool.run(async () => "next", { waitMs: 1 })).toBe("next");
  });
});
