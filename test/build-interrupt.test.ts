// An interrupted `lgw build` leaves no go-build work folder: not in .lgw/tmp (go's GOTMPDIR,
// which lgw removes however the build ends) and not in the temp folder go would otherwise use.
// Each case starts from an empty GOCACHE, so go is still compiling when the signal comes.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeBundle, startLgw, waitFor } from "./helpers/bin.js";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "go-minimal");
const made: string[] = [];

afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
  removeBundle();
});

function temp(prefix: string): string {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** go-build* folders directly in dir, or one level down (.lgw/tmp/<pid>-<n>/go-build*) */
function goBuildDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    if (e.name.startsWith("go-build")) out.push(path.join(dir, e.name));
    else for (const f of readdirSync(path.join(dir, e.name))) if (f.startsWith("go-build")) out.push(path.join(dir, e.name, f));
  }
  return out;
}

/** pids whose command line names the project: the go (and compile) an lgw started there (read only) */
function goProcessesIn(project: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes(project)) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** A project copy, an empty GOCACHE and a private TMPDIR: everything go writes is ours to see. */
function setup() {
  const project = temp("lgw-build-int-");
  cpSync(FIXTURE, project, { recursive: true });
  const env = { GOCACHE: temp("lgw-gocache-"), TMPDIR: temp("lgw-tmpdir-"), GOFLAGS: "-mod=mod" };
  return { project, env, goTmp: path.join(project, ".lgw", "tmp") };
}

describe("an interrupted build", () => {
  for (const [signal, afterMs, code] of [
    ["SIGINT", 0, 130],
    ["SIGINT", 1000, 130],
    ["SIGTERM", 2500, 143],
  ] as const) {
    it(`${signal} ${afterMs} ms into go's work: exit ${code}, no go-build folder left anywhere`, async () => {
      const { project, env, goTmp } = setup();
      const p = await startLgw(["-C", project, "build"], { env });
      await waitFor(() => goBuildDirs(goTmp).length + goBuildDirs(env.TMPDIR).length > 0, "go to make its work folder", 60_000);
      // go works in .lgw/tmp, never in the temp folder
      expect(goBuildDirs(env.TMPDIR)).toEqual([]);
      await new Promise((r) => setTimeout(r, afterMs));
      p.child.kill(signal);
      const { code: exit } = await p.exited;
      expect(exit, p.stderr()).toBe(code);
      expect(goBuildDirs(goTmp)).toEqual([]);
      expect(goBuildDirs(env.TMPDIR)).toEqual([]);
      expect(readdirSync(goTmp)).toEqual([]);
    });
  }

  it("lgw killed with SIGKILL: what its go leaves stays in .lgw/tmp, and the next build sweeps it", async () => {
    const { project, env, goTmp } = setup();
    const p = await startLgw(["-C", project, "build"], { env });
    await waitFor(() => goBuildDirs(goTmp).length > 0, "go to make its work folder", 60_000);
    p.child.kill("SIGKILL");
    await p.exited;
    // lgw's watchdog kills go's process group once lgw is gone (sigkill.test.ts)
    await waitFor(() => goProcessesIn(project).length === 0, "the orphaned go to end", 60_000);
    expect(goBuildDirs(env.TMPDIR)).toEqual([]);
    const again = await startLgw(["-C", project, "build"], { env });
    expect((await again.exited).code, again.stderr()).toBe(0);
    expect(readdirSync(goTmp)).toEqual([]);
    expect(goBuildDirs(env.TMPDIR)).toEqual([]);
  });
});

describe("lgw build --out somewhere no build output can go", () => {
  it.each([
    ["/proc/self", "it is under /proc, a kernel file system"],
    ["/proc/self/out", "it is under /proc, a kernel file system"],
    ["/sys/lgw-out", "it is under /sys, a kernel file system"],
    ["/dev/null/out", "a file is in the way (/dev/null)"],
  ])("--out %s: one line, exit 2, before any mkdir or go", async (out, problem) => {
    const { project, env } = setup();
    const p = await startLgw(["-C", project, "build", "--out", out], { env });
    // Node's recursive mkdir spun at 100% CPU for ever on /proc/self: a bound, not a timing
    const exit = await Promise.race([p.exited, new Promise<undefined>((r) => setTimeout(r, 20_000))]);
    if (!exit) p.child.kill("SIGKILL");
    expect(exit?.code, p.stderr()).toBe(2);
    const errors = p.stderr().split("\n").filter((l) => l.startsWith("error:"));
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^error: cannot create the build output ${out}/hello/arm64: ${problem.replace(/[()/]/g, "\\$&")}$`))]);
    expect(p.stderr()).not.toContain("building hello");
    expect(goBuildDirs(env.TMPDIR)).toEqual([]);
  });
});
