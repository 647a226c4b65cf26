// `lgw exec --debug` and `lgw serve --debug` in a real Delve session: lgw runs as a process of
// its own, the test attaches over Delve's JSON-RPC API as an editor would, stops in the
// scaffolded HandleRequest, reads the event there, holds it past the function's and the
// integration's timeouts, continues, and checks the answer and that no process is left.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { delveUnavailable, DelveClient, DLV_TEST_BIN, DLV_TEST_GOBIN } from "./helpers/delve.js";
import { REPO_ROOT } from "./helpers/moto.js";
import { pidGone } from "./helpers/processes.js";
import { startLgw, waitFor, type LgwProcess } from "./helpers/bin.js";

const unavailable = delveUnavailable();
if (unavailable) console.warn(`skipping the Delve tests: ${unavailable}`);

const work = mkdtempSync(path.join(tmpdir(), "lgw-debug-"));
const project = path.join(realpathSync(work), "hello");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = { PATH: `${DLV_TEST_GOBIN}${path.delimiter}${process.env.PATH}` };
/** The first line of HandleRequest's body in the scaffolded lambda.go. */
let breakLine = 0;
const lambdaGo = () => path.join(project, "lambda.go");

beforeAll(() => {
  cpSync(path.join(REPO_ROOT, "templates", "go-v1"), project, { recursive: true });
  // a 1 s function timeout: a breakpoint held longer proves --debug suspends it
  const config = JSON.parse(readFileSync(path.join(project, "lgw.json"), "utf8"));
  config.functions.hello.timeout = 1;
  writeFileSync(path.join(project, "lgw.json"), JSON.stringify(config, null, 2));
  writeFileSync(path.join(project, "debug-event.json"), JSON.stringify({ httpMethod: "GET", path: "/hello", queryStringParameters: { name: "Ada-under-Delve" } }));
  const lines = readFileSync(lambdaGo(), "utf8").split("\n");
  breakLine = lines.findIndex((l) => l.includes("path := segments(req.Path)")) + 1;
  expect(breakLine).toBeGreaterThan(0);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The direct children of a process, from every thread (Delve forks from a thread of its own). */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** lgw's dlv processes (lgw has other children too: its watchdog). */
function dlvOf(lgw: LgwProcess): number[] {
  const dlv = realpathSync(DLV_TEST_BIN);
  return childrenOf(lgw.child.pid!).filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/exe`) === dlv;
    } catch {
      return false;
    }
  });
}

/** Not running: gone, or a zombie whose reaping is up to this machine's init (Delve's telemetry helper). */
function notRunning(pid: number): boolean {
  if (pidGone(pid)) return true;
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Attaches, stops in HandleRequest and reads the event's name there; returns the pids to check later. */
async function stopInHandler(lgw: LgwProcess, port: number): Promise<{ client: DelveClient; pids: { dlv: number[]; target: number; helpers: number[] } }> {
  const client = await DelveClient.connect(port);
  const bp = await client.createBreakpoint(lambdaGo(), breakLine);
  expect(bp.Breakpoint).toMatchObject({ file: lambdaGo(), line: breakLine });
  const state = await client.continue();
  expect(state.currentThread).toMatchObject({ file: lambdaGo(), line: breakLine, function: { name: "main.HandleRequest" } });
  expect((await client.eval(`req.QueryStringParameters["name"]`)).value).toBe("Ada-under-Delve");
  const args = await client.functionArgs();
  expect(args.map((a) => a.name)).toContain("req");
  const dlv = dlvOf(lgw);
  expect(dlv).toHaveLength(1);
  const helpers = dlv.flatMap(childrenOf);
  const target = state.Pid;
  expect(helpers).toContain(target);
  return { client, pids: { dlv, target, helpers } };
}

function expectNothingLeft(pids: { dlv: number[]; target: number; helpers: number[] }): void {
  for (const pid of [...pids.dlv, pids.target]) expect(pidGone(pid), `pid ${pid} is still there: ${describePid(pid)}`).toBe(true);
  for (const pid of pids.helpers) expect(notRunning(pid), `pid ${pid} still runs`).toBe(true);
}

describe.skipIf(unavailable !== undefined)("lgw exec --debug under a real Delve", () => {
  it("stops at a breakpoint in HandleRequest, shows the payload there, answers after continue, exits 0 with no process left", async () => {
    const port = await freePort();
    const lgw = await startLgw(["-C", project, "exec", "--debug", String(port), "debug-event.json"], { env });
    try {
      // a cold debug build recompiles the standard library with -N -l
      await waitFor(() => lgw.stderr().includes(`dlv connect 127.0.0.1:${port}`), "Delve to listen", 300_000);
      expect(lgw.stderr()).toMatch(/"mode": "remote"/);
      const { client, pids } = await stopInHandler(lgw, port);
      // held past the function's 1 s timeout: under the debugger it does not run
      await sleep(1500);
      void client.continue().catch(() => undefined);
      const { code } = await lgw.exited;
      client.close();
      expect(code, lgw.stderr()).toBe(0);
      const response = JSON.parse(lgw.stdout());
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body)).toEqual({ message: "Hello, Ada-under-Delve!" });
      expect(lgw.stderr()).not.toMatch(/Task timed out/);
      expectNothingLeft(pids);
    } finally {
      lgw.child.kill("SIGKILL");
    }
  }, 400_000);

  it("Ctrl-C while it waits for a debugger ends lgw, dlv and the bootstrap", async () => {
    const port = await freePort();
    const lgw = await startLgw(["-C", project, "exec", "--debug", String(port), "debug-event.json"], { env });
    try {
      await waitFor(() => lgw.stderr().includes(`dlv connect 127.0.0.1:${port}`), "Delve to listen", 300_000);
      const dlv = dlvOf(lgw);
      const below = dlv.flatMap(childrenOf);
      expect(below.length).toBeGreaterThan(0);
      lgw.child.kill("SIGINT");
      expect((await lgw.exited).code).toBe(130);
      for (const pid of dlv) expect(pidGone(pid), `dlv ${pid}`).toBe(true);
      for (const pid of below) expect(notRunning(pid), `pid ${pid} below dlv`).toBe(true);
    } finally {
      lgw.child.kill("SIGKILL");
    }
  }, 400_000);
});

describe.skipIf(unavailable !== undefined)("lgw serve --debug under a real Delve", () => {
  it("one request stops in HandleRequest, is held past the integration timeout, and answers 200 after continue", async () => {
    const port = await freePort();
    const lgw = await startLgw(["-C", project, "serve", "--port", "0", "--timeout", "1", "--debug", String(port)], { env });
    try {
      await waitFor(() => lgw.stdout().includes(`dlv connect 127.0.0.1:${port}`), "Delve to listen", 300_000);
      expect(lgw.stdout()).toMatch(/one process per function, under Delve/);
      const url = /lgw serve: (http:\/\/127\.0\.0\.1:\d+)/.exec(lgw.stdout())![1]!;
      const answer = fetch(`${url}/hello?name=Ada-under-Delve`);
      const { client, pids } = await stopInHandler(lgw, port);
      // past the 1 s integration timeout, which would answer 504 without --debug
      await sleep(1500);
      void client.continue().catch(() => undefined);
      const r = await answer;
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ message: "Hello, Ada-under-Delve!" });
      client.close();
      lgw.child.kill("SIGTERM");
      expect((await lgw.exited).code).toBe(143);
      expectNothingLeft(pids);
    } finally {
      lgw.child.kill("SIGKILL");
    }
  }, 400_000);
});

describe.skipIf(unavailable !== undefined)("lgw serve --debug when the function exits", () => {
  it("answers 502, and the next request gets a new process under a new Delve on the same port", async () => {
    const bin = path.join(work, "fixture-bootstrap");
    execFileSync("go", ["build", "-gcflags=all=-N -l", "-o", bin, "."], { cwd: path.join(REPO_ROOT, "test", "fixtures", "serve"), env: { ...process.env, GOFLAGS: "-buildvcs=false" } });
    const port = await freePort();
    const lgw = await startLgw(["-C", work, "--json", "serve", "--port", "0", "--bootstrap", bin, "--debug", String(port)], { env });
    try {
      // --json: the result on stdout names the Delve server, the instructions go to stderr
      await waitFor(() => lgw.stderr().includes(`dlv connect 127.0.0.1:${port}`), "Delve to listen", 60_000);
      const result = JSON.parse(lgw.stdout());
      expect(result.debug).toEqual([{ function: "function", host: "127.0.0.1", port }]);
      const url = result.url as string;
      const first = await DelveClient.connect(port);
      const running = first.continue();
      const crashed = await fetch(`${url}/exit`);
      expect(crashed.status).toBe(502);
      // the bootstrap's own exit status (os.Exit(3)), not Delve's
      await waitFor(() => lgw.stderr().includes("Runtime exited with error: exit status 3"), "the exit to be logged", 10_000);
      expect((await running.catch(() => ({ exited: true }))).exited).toBe(true);
      first.close();
      // the next request starts a process under a Delve of its own, on the port the editor knows
      const answer = fetch(`${url}/pid`);
      await waitFor(() => lgw.stderr().includes(`attach again with dlv connect 127.0.0.1:${port}`), "the new Delve", 60_000);
      const second = await DelveClient.connect(port);
      void second.continue().catch(() => undefined);
      const r = await answer;
      expect(r.status).toBe(200);
      // a fresh process: the one that exited had counted its own invocation
      expect(await r.json()).toMatchObject({ invocations: 1 });
      second.close();
      const dlv = dlvOf(lgw);
      const below = dlv.flatMap(childrenOf);
      lgw.child.kill("SIGTERM");
      expect((await lgw.exited).code).toBe(143);
      for (const pid of dlv) expect(pidGone(pid), `dlv ${pid}`).toBe(true);
      for (const pid of below) expect(notRunning(pid), `pid ${pid} below dlv`).toBe(true);
    } finally {
      lgw.child.kill("SIGKILL");
    }
  }, 200_000);
});

describe("--debug refusals, before any build", () => {
  it("a missing dlv is one line with the go install command", async () => {
    const goDir = path.dirname(realpathSync(execFileSync("sh", ["-c", "command -v go"]).toString().trim()));
    // the payload where commander puts it, as --debug's value: it is the payload again
    const lgw = await startLgw(["-C", project, "exec", "--debug", "debug-event.json"], { env: { PATH: `${goDir}${path.delimiter}/usr/bin${path.delimiter}/bin`, GOPATH: path.join(work, "no-gopath"), GOBIN: "" } });
    const { code } = await lgw.exited;
    expect(code).toBe(1);
    expect(lgw.stderr().trim()).toBe("error: dlv (Delve) is not installed: run `go install github.com/go-delve/delve/cmd/dlv@latest` (lgw looks on PATH and in $(go env GOPATH)/bin)");
  });

  it.skipIf(unavailable !== undefined)("a busy port is one line naming it", async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", () => r()));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      for (const command of [["exec", "--debug", String(port), "debug-event.json"], ["serve", "--port", "0", "--debug", String(port)]]) {
        const lgw = await startLgw(["-C", project, ...command], { env });
        const { code } = await lgw.exited;
        expect(code).toBe(1);
        expect(lgw.stderr().trim()).toBe(`error: port ${port} on 127.0.0.1 is in use (another debug session?): pick another with --debug <port>`);
      }
    } finally {
      busy.close();
    }
  });

  it.each([
    [["serve", "--debug", "--watch"], "--debug and --watch do not combine"],
    [["serve", "--debug", "--concurrency", "4"], "--debug runs one process per function: drop --concurrency"],
    [["exec", "--debug", "70000"], "--debug 70000: give a port from 0 to 65535"],
  ])("lgw %j is refused with exit 2", async (args, message) => {
    const lgw = await startLgw(["-C", project, ...args], { env });
    const { code } = await lgw.exited;
    expect(code).toBe(2);
    expect(lgw.stderr()).toContain(message);
  });
});

function describePid(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8") + " " + readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch (e) {
    return String(e);
  }
}
