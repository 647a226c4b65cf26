import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { Logger } from "./logger.js";

/** A stream that records each write() call separately, tagged with its name. */
function recorder(name: string, into: string[]): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      into.push(`${name}:${chunk.toString()}`);
      done();
    },
  });
}

function setup(json = false) {
  const writes: string[] = [];
  const log = new Logger({ json, color: false, stdout: recorder("out", writes), stderr: recorder("err", writes) });
  return { log, writes };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("Logger.later", () => {
  it("writes nothing until the end of the turn, then one write per run of one stream", async () => {
    const { log, writes } = setup();
    log.later("GET / 200\n", true);
    log.later("GET /a 200\n", true);
    log.later("fn said hi\n");
    log.later("GET /b 404\n", true);
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toEqual(["out:GET / 200\nGET /a 200\n", "err:fn said hi\n", "out:GET /b 404\n"]);
  });

  it("keeps the order when something is written directly in the same turn", async () => {
    const { log, writes } = setup();
    log.later("line 1\n");
    log.warn("careful");
    log.later("line 2\n");
    await turn();
    expect(writes).toEqual(["err:line 1\n", "err:warning: careful\n", "err:line 2\n"]);
  });

  it("sends human lines to stderr with --json, batched with the function's output", async () => {
    const { log, writes } = setup(true);
    log.later("GET / 200\n", true);
    log.later("fn said hi\n");
    await turn();
    expect(writes).toEqual(["err:GET / 200\nfn said hi\n"]);
  });

  it("flush() writes at once and leaves nothing for the end of the turn", async () => {
    const { log, writes } = setup();
    log.later("a\n");
    log.flush();
    expect(writes).toEqual(["err:a\n"]);
    await turn();
    expect(writes).toEqual(["err:a\n"]);
  });
});
