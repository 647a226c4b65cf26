import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runGo } from "./go.js";
import { sweepable, sweepTempBinaries, takeGoTmp } from "./gotmp.js";

const dir = mkdtempSync(path.join(tmpdir(), "lgw-gotmp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sweepable", () => {
  const alive = (pid: number) => pid === 200;
  it.each([
    ["a dead run's folder", "100-1", true],
    ["a live run's folder", "200-3", false],
    ["this run's finished build", "300-1", true],
    ["this run's build in progress", "300-2", false],
    ["anything not named <pid>-<n>", "go-build123", false],
  ])("%s: %s", (_what, name, expected) => {
    expect(sweepable(name, 300, new Set(["300-2"]), alive)).toBe(expected);
  });
});

describe("takeGoTmp", () => {
  it("gives a fresh folder under .lgw/tmp, sweeps a dead run's first, and removes its own on release", () => {
    const dead = path.join(dir, ".lgw", "tmp", `${2 ** 22 + 7}-1`, "go-build1");
    mkdirSync(dead, { recursive: true });
    const tmp = takeGoTmp(dir);
    expect(existsSync(path.dirname(dead))).toBe(false);
    expect(path.dirname(tmp.dir)).toBe(path.join(dir, ".lgw", "tmp"));
    writeFileSync(path.join(tmp.dir, "x"), "");
    tmp.release();
    expect(existsSync(tmp.dir)).toBe(false);
  });
});

describe("runGo on abort", () => {
  it("sends SIGTERM first and SIGKILL only after the grace period", async () => {
    const marker = path.join(dir, "marker");
    const fakeGo = path.join(dir, "go");
    // a go that notes SIGTERM and will not stop for it
    writeFileSync(fakeGo, `#!/bin/sh\ntrap 'echo term >> ${marker}' TERM\necho started >> ${marker}\nwhile :; do sleep 0.05; done\n`);
    chmodSync(fakeGo, 0o755);
    const ac = new AbortController();
    const run = runGo({ go: { path: fakeGo, version: "test" }, args: [], env: { PATH: process.env.PATH ?? "" }, cwd: dir, failure: "x", signal: ac.signal, graceMs: 500 });
    for (let i = 0; i < 200 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 10));
    ac.abort("SIGINT");
    await expect(run).rejects.toMatchObject({ message: "build interrupted" });
    expect(readFileSync(marker, "utf8")).toContain("started\nterm\n");
  });
});

describe("sweepTempBinaries", () => {
  it("removes a gone run's half-written bootstrap and keeps this run's and other files", () => {
    const out = path.join(dir, "out");
    mkdirSync(out, { recursive: true });
    const names = [`.bootstrap.${2 ** 22 + 9}.tmp`, `.bootstrap.${process.pid}.tmp`, "bootstrap", "function.zip"];
    for (const n of names) writeFileSync(path.join(out, n), "");
    sweepTempBinaries(out);
    expect(names.filter((n) => existsSync(path.join(out, n)))).toEqual(names.slice(1));
  });
});
