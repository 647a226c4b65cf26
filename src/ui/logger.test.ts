import { spawnSync } from "node:child_process";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../test/helpers/files.js";
import { LATER_MS, Logger } from "./logger.js";

/** A stream that records each write() call separately, tagged with its name. */
function recorder(name: string, into: string[]): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      into.push(`${name}:${chunk.toString()}`);
      done();
    },
  });
}

function setup(json = false, now?: () => number) {
  const writes: string[] = [];
  const log = new Logger({ json, color: false, stdout: recorder("out", writes), stderr: recorder("err", writes), now });
  return { log, writes };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
/** logger.ts as one CommonJS file, for a real process to load. */
function loggerBundle(): string {
  const outfile = path.join(tempDir("lgw-logger-"), "logger.cjs");
  buildSync({ entryPoints: [fileURLToPath(new URL("./logger.ts", import.meta.url))], bundle: true, platform: "node", format: "cjs", outfile, logLevel: "silent" });
  return outfile;
}

/** Past the batching window. */
const window = () => new Promise((resolve) => setTimeout(resolve, LATER_MS + 20));

describe("Logger.later", () => {
  it("after a quiet spell, writes at the end of the turn: one write per run of one stream", async () => {
    const { log, writes } = setup();
    log.later("GET / 200\n", true);
    log.later("GET /a 200\n", true);
    log.later("fn said hi\n");
    log.later("GET /b 404\n", true);
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toEqual(["out:GET / 200\nGET /a 200\n", "err:fn said hi\n", "out:GET /b 404\n"]);
  });

  it("while lines keep coming, later turns share one write within the window", async () => {
    // the clock the logger reads is the test's: how fast this machine runs the turns does not matter
    let t = 1_000;
    const { log, writes } = setup(false, () => t);
    log.later("GET /1 200\n", true);
    await turn();
    expect(writes).toEqual(["out:GET /1 200\n"]);
    // the next request finishes right after that write (lgw serve under load: one a turn)
    t += 0.3;
    log.later("GET /2 200\n", true);
    await turn();
    log.later("GET /3 200\n", true);
    await turn();
    expect(writes).toEqual(["out:GET /1 200\n"]);
    await window();
    expect(writes).toEqual(["out:GET /1 200\n", "out:GET /2 200\nGET /3 200\n"]);
    // quiet again: the next line goes out at the end of its turn
    t += 5;
    log.later("GET /4 200\n", true);
    await turn();
    expect(writes).toEqual(["out:GET /1 200\n", "out:GET /2 200\nGET /3 200\n", "out:GET /4 200\n"]);
  });

  it("writes a batch at once when it grows past 64 KB", () => {
    const { log, writes } = setup();
    const line = "x".repeat(1023) + "\n";
    for (let i = 0; i < 64; i++) log.later(line);
    expect(writes).toEqual([]);
    log.later(line);
    expect(writes).toEqual([`err:${line.repeat(65)}`]);
  });

  it("writes a waiting batch when the process exits before the window ends", () => {
    const script = `const { Logger } = require(${JSON.stringify(loggerBundle())}); new Logger({ color: false }).later("last words\\n", true); process.exit(0);`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 10_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("last words\n");
  });

  it("keeps the order when something is written directly in the same turn", async () => {
    const { log, writes } = setup();
    log.later("line 1\n");
    log.warn("careful");
    log.later("line 2\n");
    await window();
    expect(writes).toEqual(["err:line 1\n", "err:warning: careful\n", "err:line 2\n"]);
  });

  it("sends human lines to stderr with --json, batched with the function's output", async () => {
    const { log, writes } = setup(true);
    log.later("GET / 200\n", true);
    log.later("fn said hi\n");
    await window();
    expect(writes).toEqual(["err:GET / 200\nfn said hi\n"]);
  });

  it("flush() writes at once and leaves nothing for the end of the turn", async () => {
    const { log, writes } = setup();
    log.later("a\n");
    log.flush();
    expect(writes).toEqual(["err:a\n"]);
    await window();
    expect(writes).toEqual(["err:a\n"]);
  });
});
