import { describe, expect, it } from "vitest";
import { periodStart, UsageMeter } from "./usage.js";

const keys = [
  { name: "alice", id: "k1", value: "alice-key-0123456789abcdef" },
  { name: "bob", id: "k2", value: "bob-key-0123456789abcdef00" },
  { name: "stray", id: "k3", value: "stray-key-0123456789abcdef" },
];

describe("UsageMeter", () => {
  it.each([
    [undefined, "forbidden", /no API key/],
    ["", "forbidden", /no API key/],
    ["wrong", "forbidden", /not one lgw serve knows/],
    ["stray-key-0123456789abcdef", "forbidden", /in no usage plan/],
  ])("key %j: %s", (value, kind, reason) => {
    const meter = new UsageMeter(keys, [{ name: "basic", keys: ["alice"] }]);
    const v = meter.check(value);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.kind).toBe(kind);
      expect(v.reason).toMatch(reason);
    }
  });

  it("a known key in a plan passes and names its plan", () => {
    const v = new UsageMeter(keys, [{ name: "basic", keys: ["alice"] }]).check("alice-key-0123456789abcdef");
    expect(v).toMatchObject({ ok: true, key: { name: "alice" }, plan: { name: "basic" } });
  });

  it("throttles by token bucket: burst first, then rateLimit a second", () => {
    let t = 1_000_000;
    const meter = new UsageMeter(keys, [{ name: "p", keys: ["alice", "bob"], throttle: { rateLimit: 2, burstLimit: 3 } }], () => t);
    const alice = () => meter.check("alice-key-0123456789abcdef");
    expect([alice(), alice(), alice(), alice()].map((v) => (v.ok ? "ok" : v.kind))).toEqual(["ok", "ok", "ok", "throttled"]);
    // each key has its own bucket
    expect(meter.check("bob-key-0123456789abcdef00").ok).toBe(true);
    t += 499;
    expect(alice().ok).toBe(false);
    t += 1;
    expect(alice().ok).toBe(true);
    t += 10_000;
    // refilled to the burst, never beyond it
    expect([alice(), alice(), alice(), alice()].map((v) => v.ok)).toEqual([true, true, true, false]);
  });

  it("counts the quota per period and starts again in the next one", () => {
    let t = Date.UTC(2026, 11, 3, 23, 59, 0);
    const meter = new UsageMeter(keys, [{ name: "p", keys: ["alice"], quota: { limit: 2, period: "DAY" } }], () => t);
    const alice = () => meter.check("alice-key-0123456789abcdef");
    expect([alice(), alice(), alice()].map((v) => (v.ok ? "ok" : v.kind))).toEqual(["ok", "ok", "quota"]);
    t += 60_000;
    expect(alice().ok).toBe(true);
  });
});

describe("periodStart", () => {
  const at = Date.UTC(2026, 11, 3, 15, 30); // a Thursday
  it.each([
    ["DAY", Date.UTC(2026, 11, 3)],
    ["WEEK", Date.UTC(2026, 10, 30)],
    ["MONTH", Date.UTC(2026, 11, 1)],
  ] as const)("%s", (period, want) => expect(periodStart(period, at)).toBe(want));
  it("a Monday starts its own week; a Sunday belongs to the week before", () => {
    expect(periodStart("WEEK", Date.UTC(2026, 10, 30, 0, 0, 1))).toBe(Date.UTC(2026, 10, 30));
    expect(periodStart("WEEK", Date.UTC(2026, 11, 6, 23))).toBe(Date.UTC(2026, 10, 30));
  });
});
