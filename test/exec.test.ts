// `lgw exec` and the Runtime API emulator against real bootstraps: purpose-built Go programs
// (test/fixtures/bootstraps, built once here with lambda.norpc) and a sh + curl runtime.
// Instance-level behaviour (warm reuse, output tagging) is in src/runtime/instance.test.ts.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import execCommand, { readStdin } from "../src/commands/exec.js";
import { runExec } from "../src/local/exec.js";
import { Logger } from "../src/ui/logger.js";
import { liveChildCount } from "../src/util/children.js";
import { buildBootstraps } from "./fixtures/bootstraps/build.js";
import { runLgw, type CliResult } from "./helpers/cli.js";
import { pidGone } from "./helpers/processes.js";

const base = mkdtempSync(path.join(tmpdir(), "lgw-exec-"));
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const hasCurl = (() => {
  try {
    execFileSync("curl", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

let bootstrap: (name: string) => string;
beforeAll(() => {
  bootstrap = buildBootstraps(base);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

afterEach(() => {
  // every process exec started is gone by the time it returns
  expect(liveChildCount()).toBe(0);
});

function exec(args: string[], opts: { signal?: AbortSignal } = {}): Promise<CliResult> {
  return runLgw(["exec", ...args], { cwd: base, signal: opts.signal });
}

/** pids a fixture printed ("pid=123"): each must be gone once exec has returned. */
function expectPidsGone(output: string): void {
  const pids = [...output.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) expect(pidGone(pid), `pid ${pid} still running`).toBe(true);
}

function requestIdOf(stderr: string): string {
  const m = /START RequestId: (\S+) Version: \$LATEST/.exec(stderr);
  expect(m, stderr).not.toBeNull();
  return m![1]!;
}

describe("lgw exec --bootstrap: success", () => {
  it("prints the raw response on stdout and the function's output framed by START/END/REPORT on stderr", async () => {
    const r = await exec(["--bootstrap", bootstrap("echo"), "--payload", '{"a": [1, 2]}']);
    expect(r.code, r.stderr).toBe(0);
    // aws-lambda-go re-marshals a json.RawMessage result, which compacts it; a response without
    // a final newline gets one, so the next output starts on its own line
    expect(r.stdout).toBe('{"a":[1,2]}\n');
    const id = requestIdOf(r.stderr);
    expect(id).toMatch(UUID);
    const lines = r.stderr.split("\n");
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at("echo: init")).toBeLessThan(at("START RequestId"));
    expect(at("START RequestId")).toBeLessThan(at("echo: got 13 bytes"));
    expect(at("echo: got 13 bytes")).toBeLessThan(at("echo: to stderr without newline"));
    expect(at("echo: to stderr without newline")).toBeLessThan(at(`END RequestId: ${id}`));
    const report = lines[at("REPORT RequestId")]!;
    expect(report).toMatch(
      new RegExp(`^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms$`),
    );
    expectPidsGone(r.stderr);
  });

  it("sends {} when no payload is given (and says so on stderr) and reads a payload file", async () => {
    const none = await exec(["--bootstrap", bootstrap("echo")]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toBe("{}\n");
    expect(none.stderr).toContain("no payload given: sending {}");
    const file = path.join(base, "event.json");
    writeFileSync(file, '{\n  "from": "file"\n}\n');
    const fromFile = await exec([file, "--bootstrap", bootstrap("echo")]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toBe('{"from":"file"}\n');
  });

  it("--json prints one result object with the figures", async () => {
    const r = await exec(["--json", "--bootstrap", bootstrap("echo"), "--payload", '{"x":1}', "--memory", "256"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ requestId: requestIdOf(r.stderr), status: "success", response: { x: 1 } });
    expect(Number.isInteger(out.billedDurationMs) && (out.billedDurationMs as number) >= 1).toBe(true);
    expect(out.initDurationMs).toEqual(expect.any(Number));
    expect(out.maxMemoryUsedMB).toBeGreaterThan(0);
    expect(r.stderr).toContain("Memory Size: 256 MB");
  });

  it.runIf(hasCurl)("runs a non-Go runtime (sh + curl) speaking the Runtime API", async () => {
    const r = await exec(["--bootstrap", bootstrap("shell"), "--payload", '{"lang":"sh"}']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ shell: true, handler: "bootstrap", event: { lang: "sh" } });
    expect(r.stderr).toMatch(new RegExp(`shell: handling ${requestIdOf(r.stderr)} pid=\\d+`));
    expectPidsGone(r.stderr);
  });
});

describe("lgw exec --bootstrap: the function's environment", () => {
  it("gets Lambda's variables, lgw's region, --env, and never _LAMBDA_SERVER_PORT", async () => {
    const saved = process.env._LAMBDA_SERVER_PORT;
    process.env._LAMBDA_SERVER_PORT = "8001";
    const before = Date.now();
    let r: CliResult;
    try {
      r = await exec(["--json", "--bootstrap", bootstrap("env"), "--memory", "512", "--timeout", "7", "--env", "GREETING=hi=there", "--env", "_LAMBDA_SERVER_PORT=9"]);
    } finally {
      if (saved === undefined) delete process.env._LAMBDA_SERVER_PORT;
      else process.env._LAMBDA_SERVER_PORT = saved;
    }
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { requestId: string; response: Record<string, any> };
    const res = out.response;
    const env = res.env as Record<string, string>;
    const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1";
    expect(env).not.toHaveProperty("_LAMBDA_SERVER_PORT");
    expect(env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(env).toMatchObject({
      _HANDLER: "bootstrap",
      LAMBDA_TASK_ROOT: path.dirname(bootstrap("env")),
      AWS_LAMBDA_FUNCTION_NAME: "env",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "512",
      AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
      AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/env",
      AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      TZ: "UTC",
      GREETING: "hi=there",
    });
    expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(res.cwd).toBe(path.dirname(bootstrap("env")));
    expect(res).toMatchObject({
      requestId: out.requestId,
      functionName: "env",
      memoryLimitInMB: 512,
      invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:env`,
    });
    expect(res.traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    // aws-lambda-go parsed Lambda-Runtime-Deadline-Ms into the context's deadline
    expect(res.deadlineMs).toBeGreaterThan(before);
    expect(res.deadlineMs).toBeLessThanOrEqual(Date.now() + 7000);
  });
});

describe("lgw exec --bootstrap: failures (stdout: the error JSON, exit 1)", () => {
  it("a returned error", async () => {
    const r = await exec(["--bootstrap", bootstrap("fail")]);
    expect(r.code).toBe(1);
    // as the runtime posted it, as Lambda and AWS's emulator answer: errorMessage first
    expect(r.stdout).toBe('{"errorMessage":"boom","errorType":"errorString"}\n');
    expect(r.stderr).toMatch(/END RequestId: .*\nREPORT RequestId: /);
  });

  it("a panic carries its stack trace", async () => {
    const r = await exec(["--bootstrap", bootstrap("panic")]);
    expect(r.code).toBe(1);
    const err = JSON.parse(r.stdout) as { errorType: string; errorMessage: string; stackTrace: unknown[] };
    expect(err.errorMessage).toBe("kaboom");
    expect(Array.isArray(err.stackTrace) && err.stackTrace.length > 0).toBe(true);
  });

  it("the runtime exits mid-invocation: Runtime.ExitError, its stderr still shown", async () => {
    const r = await exec(["--bootstrap", bootstrap("exit")]);
    expect(r.code).toBe(1);
    const id = requestIdOf(r.stderr);
    expect(JSON.parse(r.stdout)).toEqual({
      errorType: "Runtime.ExitError",
      errorMessage: `RequestId: ${id} Error: Runtime exited with error: exit status 1`,
    });
    expect(r.stderr).toContain("exit: database unreachable, giving up");
    expect(r.stderr).toMatch(/Status: error\tError Type: Runtime.ExitError/);
    // the process is gone before its REPORT, yet Lambda's line still carries the memory figure
    expect(r.stderr).toMatch(/REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB/);
  });

  it("--json: a crash carries its exit status and the tail of its stderr", async () => {
    const r = await exec(["--json", "--bootstrap", bootstrap("exit")]);
    expect(r.code).toBe(1);
    const res = JSON.parse(r.stdout) as { error: { errorType: string }; exitCode: number; stderrTail: string[] };
    expect(res.error.errorType).toBe("Runtime.ExitError");
    expect(res.exitCode).toBe(1);
    expect(res.stderrTail.at(-1)).toContain("exit: database unreachable, giving up");
  });

  it("a timeout kills the process: Sandbox.Timedout with N.NN seconds", async () => {
    const r = await exec(["--bootstrap", bootstrap("sleep"), "--timeout", "0.5"]);
    expect(r.code).toBe(1);
    const id = requestIdOf(r.stderr);
    expect(JSON.parse(r.stdout)).toEqual({ errorType: "Sandbox.Timedout", errorMessage: `RequestId: ${id} Error: Task timed out after 0.50 seconds` });
    expect(r.stderr).toMatch(/Status: timeout/);
    expectPidsGone(r.stderr);
  });

  it("a response over 6 MB: Function.ResponseSizeTooLarge", async () => {
    const r = await exec(["--json", "--bootstrap", bootstrap("big")]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: "error",
      error: { errorType: "Function.ResponseSizeTooLarge", errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes)." },
    });
  });

  it("init fails before the first /next: Runtime.ExitError; the missing setting fixes it", async () => {
    const r = await exec(["--bootstrap", bootstrap("initcrash")]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ errorType: "Runtime.ExitError", errorMessage: expect.stringMatching(/Error: Runtime exited with error: exit status 1$/) });
    expect(r.stderr).toContain("REQUIRED_SETTING is not set");
    const ok = await exec(["--bootstrap", bootstrap("initcrash"), "--env", "REQUIRED_SETTING=1"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('"configured"\n');
  });

  it("POST /init/error: the runtime's own error type and message", async () => {
    const r = await exec(["--bootstrap", bootstrap("initerror")]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ errorType: "Runtime.ConfigError", errorMessage: "cannot load settings" });
  });

  it("Ctrl-C (abort) stops the invocation and its process", async () => {
    const ac = new AbortController();
    const run = exec(["--bootstrap", bootstrap("sleep"), "--timeout", "60"], { signal: ac.signal });
    setTimeout(() => ac.abort("SIGINT"), 1500);
    const r = await run;
    expect(r.code).toBe(130);
    expectPidsGone(r.stderr);
  });
});

describe("lgw exec on a terminal", () => {
  it("pretty-prints a JSON response when stdout is a TTY", async () => {
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    const chunks: Buffer[] = [];
    stdout.on("data", (c: Buffer) => chunks.push(c));
    const log = new Logger({ color: false, stdout, stderr: new PassThrough().resume() });
    const code = await execCommand({
      args: [],
      opts: { bootstrap: bootstrap("echo"), payload: '{"a":{"b":1}}' },
      cwd: base,
      json: false,
      verbose: false,
      log,
      signal: new AbortController().signal,
    });
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString()).toBe('{\n  "a": {\n    "b": 1\n  }\n}\n');
  });
});

describe("lgw exec - on a terminal", () => {
  it("says how to end the payload before reading it; says nothing when stdin is a pipe", async () => {
    for (const isTTY of [true, false]) {
      const stderr = new PassThrough();
      const said: Buffer[] = [];
      stderr.on("data", (c: Buffer) => said.push(c));
      const stdin = Object.assign(new PassThrough(), { isTTY });
      stdin.end('{"typed":true}');
      const bytes = await readStdin(new Logger({ color: false, stdout: new PassThrough(), stderr }), 6291456, undefined, stdin);
      expect(bytes.toString()).toBe('{"typed":true}');
      if (isTTY) expect(Buffer.concat(said).toString()).toMatch(/press Ctrl-D/);
      else expect(Buffer.concat(said).toString()).toBe("");
    }
  });
});

describe("runExec (the core) with a payload on stdin", () => {
  const core = (stdin: string) =>
    runExec({
      cwd: base,
      payloadArg: "-",
      readStdin: async () => Buffer.from(stdin),
      bootstrap: bootstrap("echo"),
      log: new Logger({ color: false }),
      signal: new AbortController().signal,
      onOutput: () => undefined,
    });

  it("passes stdin through", async () => {
    const { outcome, functionName } = await core('{"via":"stdin"}');
    expect(functionName).toBe("echo");
    expect(outcome.kind === "success" && outcome.body.toString()).toBe('{"via":"stdin"}');
  });

  it("refuses stdin that is not JSON, saying where", async () => {
    await expect(core("[1,\n 2,,]")).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("stdin (line 2, column 4)") });
    await expect(core("")).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("unexpected end of input") });
  });
});

describe("lgw exec: bad input is refused before anything runs (exit 2)", () => {
  it("a payload file that is not JSON names the file, line and column", async () => {
    const file = path.join(base, "bad.json");
    writeFileSync(file, '{\n  "name": "Ada",\n  "age": ,\n}\n');
    const r = await exec(["bad.json", "--bootstrap", bootstrap("echo")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.json:3:10: the payload is not valid JSON");
    expect(r.stderr).not.toContain("START");
  });

  it("--payload that is not JSON", async () => {
    const r = await exec(["--payload", "{nope}", "--bootstrap", bootstrap("echo")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--payload (line 1, column 2)");
  });

  it("a payload over 6 MB", async () => {
    const file = path.join(base, "huge.json");
    writeFileSync(file, JSON.stringify("x".repeat(6291456 - 1)));
    const r = await exec(["huge.json", "--bootstrap", bootstrap("echo")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("huge.json is 6291457 bytes; Lambda accepts at most 6291456 bytes");
  });

  it("--env without KEY=VALUE", async () => {
    const r = await exec(["--env", "NOPE", "--bootstrap", bootstrap("echo")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--env "NOPE" must look like KEY=VALUE');
  });

  it("a missing, a non-executable and a foreign-architecture bootstrap", async () => {
    const missing = await exec(["--bootstrap", "nowhere/bootstrap"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--bootstrap nowhere/bootstrap does not exist");

    const plain = path.join(base, "plain");
    copyFileSync(bootstrap("echo"), plain);
    chmodSync(plain, 0o644);
    const notExec = await exec(["--bootstrap", "plain"]);
    expect(notExec.code).toBe(2);
    expect(notExec.stderr).toContain("is not executable: run chmod +x plain");

    // an ELF header for the other Lambda architecture is enough to be refused
    const other = process.arch === "arm64" ? { machine: 0x3e, name: "x86_64", host: "arm64" } : { machine: 0xb7, name: "arm64", host: "x86_64" };
    const header = Buffer.alloc(64);
    header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
    header.writeUInt16LE(other.machine, 18);
    const foreign = path.join(base, "foreign");
    writeFileSync(foreign, header, { mode: 0o755 });
    const wrongArch = await exec(["--bootstrap", "foreign"]);
    expect(wrongArch.code).toBe(2);
    expect(wrongArch.stderr).toContain(`was built for ${other.name} but this machine is ${other.host}`);
    expect(wrongArch.stderr).toContain("without --bootstrap");
  });
});

describe("lgw exec in a project (builds for this machine, then caches)", () => {
  let project: string;
  beforeAll(() => {
    project = path.join(base, "project");
    cpSync(fileURLToPath(new URL("./fixtures/go-minimal", import.meta.url)), project, {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}.lgw`),
    });
  });

  it("builds the function, runs it, and reuses the build next time", async () => {
    const first = await runLgw(["exec", "--payload", '{"queryStringParameters":{"name":"Ada"}}'], { cwd: project });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ statusCode: 200, body: "hello, Ada" });
    expect(first.stderr).toContain("building hello");
    const second = await runLgw(["exec", "--json"], { cwd: project });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain("building hello");
    expect(JSON.parse(second.stdout)).toMatchObject({ status: "success", response: { statusCode: 200, body: "hello, world" } });
  });

  it("--event builds an API Gateway event from flags (and the project's format without --event)", async () => {
    const v1 = await runLgw(["exec", "--event", "apigw-v1", "--method", "GET", "--path", "/hello", "--query", "name=Bob"], { cwd: project });
    expect(v1.code, v1.stderr).toBe(0);
    expect(JSON.parse(v1.stdout)).toMatchObject({ statusCode: 200, body: "hello, Bob" });
    const inferred = await runLgw(["exec", "--path", "/hello", "--query", "name=Cy"], { cwd: project });
    expect(inferred.code, inferred.stderr).toBe(0);
    expect(JSON.parse(inferred.stdout)).toMatchObject({ body: "hello, Cy" });
  });

  it("--event with a payload, or an unknown --function, is bad usage", async () => {
    const both = await runLgw(["exec", "--event", "apigw-v2", "--payload", "{}"], { cwd: project });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give the payload one way");
    const unknown = await runLgw(["exec", "--function", "nope"], { cwd: project });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no function "nope"');
  });
});
