import { describe, expect, it } from "vitest";
import { isStale, processStart, type LockOwner } from "./lock.js";

const owner = (o: Partial<LockOwner> = {}): LockOwner => ({ pid: 100, start: 5000, host: "here", command: "api sync", since: "2026-01-01T00:00:00Z", ...o });
const here = (alive: boolean, start: number | undefined) => ({ host: "here", alive: () => alive, start: () => start });

describe("isStale", () => {
  it.each<[string, LockOwner, ReturnType<typeof here>, boolean]>([
    ["its process is gone", owner(), here(false, undefined), true],
    ["its process runs, started when the lock says", owner(), here(true, 5000), false],
    ["the pid was reused by a later process", owner(), here(true, 6000), true],
    ["no start time recorded: a live pid counts", owner({ start: undefined }), here(true, 6000), false],
    ["the start time cannot be read: a live pid counts", owner(), here(true, undefined), false],
    ["another host's lock is never judged by pid", owner({ host: "elsewhere" }), here(false, undefined), false],
  ])("%s", (_what, o, h, stale) => {
    expect(isStale(o, h)).toBe(stale);
  });
});

describe("processStart", () => {
  it("reads this process's start time, and nothing for a pid that does not exist", () => {
    if (process.platform !== "linux") return;
    expect(processStart(process.pid)).toBeGreaterThan(0);
    expect(processStart(2 ** 22 + 12345)).toBeUndefined();
  });
});
