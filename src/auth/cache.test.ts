import { describe, expect, it } from "vitest";
import { DecisionCache } from "./cache.js";

describe("DecisionCache", () => {
  it("reuses a decision for the same identity until its TTL passes", async () => {
    let now = 0;
    const cache = new DecisionCache<string>({ now: () => now });
    let calls = 0;
    const decide = async () => `d${++calls}`;
    expect(await cache.getOrDecide(["tok"], 300, decide)).toEqual({ value: "d1", cached: false });
    expect(await cache.getOrDecide(["tok"], 300, decide)).toEqual({ value: "d1", cached: true });
    expect(await cache.getOrDecide(["other"], 300, decide)).toEqual({ value: "d2", cached: false });
    now = 299_999;
    expect((await cache.getOrDecide(["tok"], 300, decide)).value).toBe("d1");
    now = 300_000;
    expect(await cache.getOrDecide(["tok"], 300, decide)).toEqual({ value: "d3", cached: false });
  });

  it("keys by every identity value, in order", async () => {
    const cache = new DecisionCache<number>();
    cache.set(["a", "b"], 1, 60);
    expect(cache.get(["a", "b"])).toBe(1);
    expect(cache.get(["b", "a"])).toBeUndefined();
    expect(cache.get(["ab"])).toBeUndefined();
  });

  it("TTL 0 decides every time", async () => {
    const cache = new DecisionCache<number>();
    let calls = 0;
    await cache.getOrDecide(["t"], 0, async () => ++calls);
    await cache.getOrDecide(["t"], 0, async () => ++calls);
    expect(calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("does not cache errors or values it is told not to", async () => {
    const cache = new DecisionCache<string>();
    await expect(cache.getOrDecide(["t"], 60, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.getOrDecide(["t"], 60, async () => "skip", (v) => v !== "skip")).toEqual({ value: "skip", cached: false });
    expect(await cache.getOrDecide(["t"], 60, async () => "ok")).toEqual({ value: "ok", cached: false });
  });

  it("one authorizer call serves concurrent requests with the same identity", async () => {
    const cache = new DecisionCache<string>();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const decide = async () => {
      calls++;
      await gate;
      return "yes";
    };
    const both = Promise.all([cache.getOrDecide(["t"], 60, decide), cache.getOrDecide(["t"], 60, decide)]);
    release();
    expect((await both).map((r) => r.value)).toEqual(["yes", "yes"]);
    expect(calls).toBe(1);
  });

  it("drops the oldest identity past maxEntries", () => {
    const cache = new DecisionCache<number>({ maxEntries: 2 });
    cache.set(["a"], 1, 60);
    cache.set(["b"], 2, 60);
    cache.set(["c"], 3, 60);
    expect(cache.get(["a"])).toBeUndefined();
    expect(cache.get(["c"])).toBe(3);
  });
});
