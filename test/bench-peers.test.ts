// The peers the benchmarks measure lgw against (bench/exec-floor.cjs, bench/relay.mjs) do the
// work they stand for, with the real Go runtime: a floor that answered nothing, or a relay that
// left its bootstraps running, would make every ratio the benchmarks print meaningless.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBootstraps } from "./fixtures/bootstraps/build.js";
import { waitFor } from "./helpers/bin.js";
import { pidGone } from "./helpers/processes.js";

const repo = path.resolve(import.meta.dirname, "..");
const base = mkdtempSync(path.join(tmpdir(), "lgw-bench-peers-"));
let bootstrap: (name: string) => string;
// the echo bootstrap returns its event: this one is also a proxy result the relay can answer with
const event = JSON.stringify({ statusCode: 201, headers: { "content-type": "text/plain" }, body: "from the function" });
const eventFile = path.join(base, "event.json");

beforeAll(() => {
  bootstrap = buildBootstraps(base);
  writeFileSync(eventFile, event);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });

/** Direct children of pid, from /proc. */
function childrenOf(pid: number): number[] {
  const out = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).trim();
  return out ? out.split(/\s+/).map(Number) : [];
}

describe("bench peers", () => {
  it("exec-floor prints what the bootstrap returned for the event, and exits 0", () => {
    const out = execFileSync(process.execPath, [path.join(repo, "bench", "exec-floor.cjs"), bootstrap("echo"), eventFile], { encoding: "utf8", timeout: 20_000 });
    expect(JSON.parse(out)).toEqual(JSON.parse(event));
  });

  it("relay answers with the result's status and body, and its bootstraps die with it", async () => {
    const relay = spawn(process.execPath, [path.join(repo, "bench", "relay.mjs"), bootstrap("echo"), eventFile, "2"], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      let out = "";
      relay.stdout.on("data", (d: Buffer) => (out += d.toString()));
      await waitFor(() => /http:\/\/127\.0\.0\.1:\d+/.test(out), "the relay's URL", 20_000);
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)![0];
      const answers = await Promise.all([1, 2, 3, 4].map(() => get(`${url}/anything`)));
      expect(answers).toEqual(Array(4).fill({ status: 201, body: "from the function" }));
      const kids = childrenOf(relay.pid!);
      expect(kids).toHaveLength(2);
      relay.kill("SIGTERM");
      await waitFor(() => kids.every(pidGone), "the relay's bootstraps to exit", 10_000);
    } finally {
      relay.kill("SIGKILL");
    }
  });
});
