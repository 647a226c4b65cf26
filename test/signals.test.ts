// One exit code per signal, whichever command was running, as a shell sees it: 130 for SIGINT,
// 143 for SIGTERM, 129 for SIGHUP. Real processes, each stopped while it waits on something
// (a server, a pipe without a writer, stdin).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBootstraps } from "./fixtures/bootstraps/build.js";
import { removeBundle, startLgw, waitFor } from "./helpers/bin.js";

const base = mkdtempSync(path.join(tmpdir(), "lgw-signals-"));
let bootstrap: (name: string) => string;
let fifos = 0;

beforeAll(() => {
  bootstrap = buildBootstraps(base);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
  removeBundle();
});

function fifo(): string {
  const file = path.join(base, `fifo-${++fifos}`);
  execFileSync("mkfifo", [file]);
  return file;
}

/** [what, argv, stdin is an open pipe, when it is waiting] */
const COMMANDS: [string, () => string[], boolean, (out: string) => boolean][] = [
  ["serve", () => ["serve", "--port", "0", "--bootstrap", bootstrap("echo")], false, (out) => /lgw serve: http:\/\/127\.0\.0\.1:\d+/.test(out)],
  ["exec FIFO", () => ["exec", fifo(), "--bootstrap", bootstrap("echo")], false, () => true],
  ["exec - (stdin open, nothing written)", () => ["exec", "-", "--bootstrap", bootstrap("echo")], true, () => true],
  ["event --body-file FIFO", () => ["event", "apigw-v1", "--body-file", fifo()], false, () => true],
];

describe("signal exit codes agree across commands", () => {
  for (const [what, argv, stdinPipe, ready] of COMMANDS) {
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
      it(`${what}: ${signal} -> ${code}`, async () => {
        const p = await startLgw(["-C", base, ...argv()], { stdio: [stdinPipe ? "pipe" : "ignore", "pipe", "pipe"] });
        await waitFor(() => ready(p.stdout() + p.stderr()), `${what} to be up`, 30_000);
        // the launcher has loaded and the command is waiting (a FIFO read shows as an open fd)
        await new Promise((r) => setTimeout(r, 400));
        p.child.kill(signal);
        const exit = await Promise.race([p.exited, new Promise<undefined>((r) => setTimeout(r, 15_000))]);
        if (!exit) p.child.kill("SIGKILL");
        expect(exit?.code, p.stderr()).toBe(code);
        expect(p.stderr()).not.toMatch(/internal error/);
      });
    }
  }
});
