// lgw serve --watch reloads on what the build reads (src/build/go-sources.ts), like the build
// fingerprint: an edited //go:embed file is served after the rebuild; a _test.go edit is not a reload.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeHandle } from "../src/local/serve.js";
import { Logger } from "../src/ui/logger.js";
import { liveChildCount } from "../src/util/children.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-serve-watch-"));
const project = path.join(work, "app");
let serve: ServeHandle;
let text = "";

async function eventually(what: string, probe: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const body = async () => (await fetch(`${serve.url}/hello`)).text();

beforeAll(async () => {
  cpSync(path.join(import.meta.dirname, "fixtures", "go-minimal"), project, { recursive: true });
  // the embedding package is greet/: files beside lambda.go are not embedded
  mkdirSync(path.join(project, "greet"));
  writeFileSync(path.join(project, "greet", "greeting.txt"), "hello");
  writeFileSync(path.join(project, "greet", "greet.go"), 'package greet\n\nimport _ "embed"\n\n//go:embed greeting.txt\nvar Greeting string\n');
  const lambda = path.join(project, "lambda.go");
  writeFileSync(
    lambda,
    readFileSync(lambda, "utf8")
      .replace('"fmt"', '"fmt"\n\n\t"example.com/go-minimal/greet"')
      .replace('fmt.Sprintf("hello, %s", name)', 'fmt.Sprintf("%s, %s", greet.Greeting, name)'),
  );
  const stream = new PassThrough();
  stream.on("data", (c: Buffer) => (text += c.toString()));
  serve = await startServe({ cwd: project, port: 0, host: "127.0.0.1", watch: true, concurrency: 1, log: new Logger({ stdout: stream, stderr: stream, color: false }) });
}, 120_000);

afterAll(async () => {
  await serve?.close();
  rmSync(work, { recursive: true, force: true });
});

describe("lgw serve --watch", () => {
  it("serves the new content of an embedded file after the rebuild", async () => {
    expect(await body()).toBe("hello, world");
    writeFileSync(path.join(project, "greet", "greeting.txt"), "howdy");
    await eventually("the new greeting", async () => (await body()) === "howdy, world");
    expect(text).toMatch(/greeting\.txt changed: rebuilding/);
  });

  it("does not rebuild for a test file or a README", async () => {
    const before = serve.reloads.count;
    writeFileSync(path.join(project, "lambda_test.go"), "package main\n");
    writeFileSync(path.join(project, "README.md"), "# app\n");
    // a go source written after them is the marker: its reload is the only one
    writeFileSync(path.join(project, "extra.go"), "package main\n");
    await eventually("the reload for extra.go", async () => serve.reloads.count > before);
    await new Promise((r) => setTimeout(r, 300));
    expect(serve.reloads.count).toBe(before + 1);
    expect(text).not.toMatch(/lambda_test\.go|README\.md/);
  });

  it("leaves no process behind", async () => {
    await serve.close();
    expect(liveChildCount()).toBe(0);
  });
});
