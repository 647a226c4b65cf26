import { describe, expect, it } from "vitest";
import { MemoryProbe, randomHex } from "./probe.js";

describe("MemoryProbe", () => {
  it.runIf(process.platform === "linux")("reads a live process's peak memory, repeatedly through one descriptor", () => {
    const probe = new MemoryProbe(process.pid);
    const first = probe.sampleMB();
    expect(first).toBeGreaterThan(0);
    Buffer.alloc(64 * 1024 * 1024, 1);
    expect(probe.sampleMB()).toBeGreaterThanOrEqual(first!);
    probe.close();
  });

  it("gives undefined for no process, or one that does not exist", () => {
    expect(new MemoryProbe(undefined).sampleMB()).toBeUndefined();
    const gone = new MemoryProbe(2 ** 22 + 7);
    expect(gone.sampleMB()).toBeUndefined();
    expect(gone.sampleMB()).toBeUndefined();
  });
});

describe("randomHex", () => {
  it("gives the asked number of bytes as hex, different each time (across pool refills)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const h = randomHex(20);
      expect(h).toMatch(/^[0-9a-f]{40}$/);
      seen.add(h);
    }
    expect(seen.size).toBe(500);
  });
});
