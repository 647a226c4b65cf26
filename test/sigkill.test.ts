// lgw killed with SIGKILL runs no cleanup of its own: its watchdog (a shell reading a pipe from
// lgw, see src/util/children.ts) kills what lgw started once that pipe ends. A bootstrap busy in a
// long handler and an idle one, and a go that is still building, are gone within seconds
// instead of running on.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeBundle, startLgw, waitFor } from "./helpers/bin.js";
import { pidGone } from "./helpers/processes.js";

const made: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
  removeBundle();
});

describe("lgw killed with SIGKILL", () => {
  it("serve: a bootstrap busy in a 60 s handler and an idle one are gone within seconds", async () => {
    const work = temp("lgw-sigkill-serve-");
    const bin = path.join(work, "bootstrap");
    execFileSync("go", ["build", "-o", bin, "."], { cwd: path.join(import.meta.dirname, "fixtures", "serve"), env: { ...process.env, GOFLAGS: "-buildvcs=false" } });
    const p = await startLgw(["-C", work, "serve", "--port", "0", "--bootstrap", bin, "--concurrency", "2", "--timeout", "120"]);
    await waitFor(() => /lgw serve: http:\/\/\S+:\d+/.test(p.stdout()), "lgw serve to listen", 30_000);
    const url = /lgw serve: (http:\/\/\S+:\d+)/.exec(p.stdout())![1]!;
    const busy = fetch(`${url}/sleep?ms=60000`).catch(() => undefined);
    await waitFor(() => /sleeping 60000 ms in pid \d+/.test(p.stderr()), "the long handler to start", 30_000);
    const busyPid = Number(/sleeping 60000 ms in pid (\d+)/.exec(p.stderr())![1]);
    const idlePid = ((await (await fetch(`${url}/pid`)).json()) as { pid: number }).pid;
    expect(idlePid).not.toBe(busyPid);
    p.child.kill("SIGKILL");
    await p.exited;
    await waitFor(() => pidGone(busyPid) && pidGone(idlePid), "both bootstraps to be gone", 5_000);
    await busy;
  });

  it("build: go and what it started die with lgw, however long go would have run", async () => {
    const project = temp("lgw-sigkill-build-");
    cpSync(path.join(import.meta.dirname, "fixtures", "go-minimal"), project, { recursive: true });
    // a go that keeps building for two minutes (a real one from an empty cache dies on its own
    // a second or so after lgw, which cannot tell the watchdog's work from its own end)
    const fakeBin = temp("lgw-fake-go-");
    const pids = path.join(fakeBin, "pids");
    writeFileSync(path.join(fakeBin, "go"), `#!/bin/sh\nsleep 120 &\necho "$$ $!" > ${pids}\nwait\n`, { mode: 0o755 });
    const p = await startLgw(["-C", project, "build"], { env: { PATH: `${fakeBin}:${process.env.PATH}` } });
    await waitFor(() => existsSync(pids) && readFileSync(pids, "utf8").endsWith("\n"), "go to start", 30_000);
    const [goPid, childPid] = readFileSync(pids, "utf8").trim().split(" ").map(Number) as [number, number];
    expect(pidGone(goPid) || pidGone(childPid)).toBe(false);
    p.child.kill("SIGKILL");
    await p.exited;
    await waitFor(() => pidGone(goPid) && pidGone(childPid), "go and its child to be gone", 5_000);
  });

});
