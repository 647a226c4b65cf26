// Payload reads are bounded and interruptible, as real processes: a FIFO without a writer still
// lets SIGINT and SIGTERM end lgw, devices are refused, and a stream that never ends (`yes |`,
// a FIFO fed forever) is cut off one byte past Lambda's 6,291,456-byte limit.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, createWriteStream, mkdtempSync, openSync, readdirSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBootstraps } from "./fixtures/bootstraps/build.js";
import { removeBundle, startLgw, waitFor } from "./helpers/bin.js";
import { pidGone } from "./helpers/processes.js";

const LIMIT = 6291456;
const base = mkdtempSync(path.join(tmpdir(), "lgw-payload-read-"));
let bootstrap: (name: string) => string;

beforeAll(() => {
  bootstrap = buildBootstraps(base);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  removeBundle();
});

let fifos = 0;
function fifo(): string {
  const file = path.join(base, `fifo-${++fifos}`);
  execFileSync("mkfifo", [file]);
  return file;
}

/** Waits until lgw has the FIFO open (it shows in /proc/PID/fd): from then on the read is pending. */
async function opened(p: Awaited<ReturnType<typeof startLgw>>, fifoPath: string): Promise<void> {
  const holds = () => {
    try {
      return readdirSync(`/proc/${p.child.pid}/fd`).some((fd) => readlinkSafe(`/proc/${p.child.pid}/fd/${fd}`) === fifoPath);
    } catch {
      return false;
    }
  };
  await waitFor(holds, "lgw to open the FIFO", 20_000);
}

function readlinkSafe(link: string): string | undefined {
  try {
    return readlinkSync(link);
  } catch {
    return undefined;
  }
}

describe("a named pipe without a writer", () => {
  for (const [signal, code] of [["SIGTERM", 143], ["SIGINT", 130]] as const) {
    it(`lgw exec FIFO ends on ${signal} with exit ${code}`, async () => {
      const f = fifo();
      const p = await startLgw(["-C", base, "exec", f, "--bootstrap", bootstrap("echo")]);
      await opened(p, f);
      p.child.kill(signal);
      const exit = await Promise.race([p.exited, new Promise<undefined>((r) => setTimeout(r, 10_000))]);
      if (!exit) p.child.kill("SIGKILL");
      expect(exit?.code, p.stderr()).toBe(code);
      expect(p.stderr()).not.toMatch(/internal error|START/);
    });
  }

  it("is read once its writer comes: lgw event --body-file FIFO", async () => {
    const f = fifo();
    const p = await startLgw(["-C", base, "event", "apigw-v1", "--method", "POST", "--body-file", f]);
    await opened(p, f);
    writeFileSync(f, '{"from":"the pipe"}');
    const { code } = await p.exited;
    expect(code, p.stderr()).toBe(0);
    expect(JSON.parse(p.stdout()).body).toBe('{"from":"the pipe"}');
  });

  it("fed forever, is cut off past the limit and its writer stopped", async () => {
    const f = fifo();
    const p = await startLgw(["-C", base, "exec", f, "--bootstrap", bootstrap("echo")]);
    await opened(p, f);
    const writer = createWriteStream(f);
    let written = 0;
    let writerError: string | undefined;
    writer.on("error", (err: NodeJS.ErrnoException) => (writerError = err.code));
    const chunk = Buffer.alloc(1 << 16, 0x20);
    const pump = (): void => {
      do written += chunk.length;
      while (!writerError && writer.write(chunk));
      if (!writerError) writer.once("drain", pump);
    };
    pump();
    const { code } = await p.exited;
    await waitFor(() => writerError !== undefined, "the writer to see the pipe closed", 10_000);
    writer.destroy();
    expect(code).toBe(2);
    expect(p.stderr()).toContain(`error: ${f} is over ${LIMIT} bytes`);
    expect(writerError).toBe("EPIPE");
    expect(written).toBeLessThan(4 * LIMIT);
  });
});

describe("files that are not files", () => {
  it.each([
    ["/dev/zero", "a character device"],
    ["/dev/urandom", "a character device"],
    ["/", "a directory"],
  ])("lgw exec %s is refused in one line", async (file, kind) => {
    const p = await startLgw(["-C", base, "exec", file, "--bootstrap", bootstrap("echo")]);
    const { code } = await p.exited;
    expect(code).toBe(2);
    expect(p.stderr().trim()).toBe(`error: payload file ${file} is ${kind}: give a regular file, a named pipe, or - for stdin`);
  });

  it("lgw event --body-file /dev/zero is refused in one line", async () => {
    const p = await startLgw(["-C", base, "event", "apigw-v1", "--body-file", "/dev/zero"]);
    const { code } = await p.exited;
    expect(code).toBe(2);
    expect(p.stderr().trim()).toBe("error: --body-file /dev/zero is a character device: give a regular file, a named pipe, or - for stdin");
  });

  it("stdin redirected from /dev/zero stops at the limit", async () => {
    const zero = openSync("/dev/zero", "r");
    const p = await startLgw(["-C", base, "exec", "-", "--bootstrap", bootstrap("echo")], { stdio: [zero, "pipe", "pipe"] });
    closeSync(zero);
    const { code } = await p.exited;
    expect(code).toBe(2);
    expect(p.stderr().trim()).toBe(`error: stdin is over ${LIMIT} bytes; Lambda accepts at most ${LIMIT} bytes (6 MB) per synchronous invocation`);
  });
});

describe("stdin as a stream", () => {
  it("yes | lgw exec - stops at the limit, and yes ends with lgw", async () => {
    const yes = spawn("yes", [], { stdio: ["ignore", "pipe", "ignore"] });
    // lgw holds the only read end of yes's pipe, as in a shell pipeline
    const p = await startLgw(["-C", base, "exec", "-", "--bootstrap", bootstrap("echo")], { stdio: [yes.stdout, "pipe", "pipe"] });
    yes.stdout.destroy();
    const { code } = await p.exited;
    await waitFor(() => yes.exitCode !== null || yes.signalCode !== null || pidGone(yes.pid!), "yes to end", 10_000);
    expect(code).toBe(2);
    expect(p.stderr()).toContain(`error: stdin is over ${LIMIT} bytes`);
  });

  it("a payload of exactly the limit, streamed in pieces, reaches the function whole", async () => {
    const p = await startLgw(["-C", base, "exec", "-", "--bootstrap", bootstrap("echo")], { stdio: ["pipe", "pipe", "pipe"] });
    const payload = JSON.stringify("y".repeat(LIMIT - 2));
    expect(payload.length).toBe(LIMIT);
    for (let at = 0; at < payload.length; at += 100_000) p.child.stdin!.write(payload.slice(at, at + 100_000));
    p.child.stdin!.end();
    const { code } = await p.exited;
    expect(code, p.stderr().slice(-500)).toBe(0);
    expect(p.stdout().trimEnd()).toBe(payload);
  });
});
