import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lgwBundleDist, removeBundle } from "../../test/helpers/bin.js";
import { ExitCode, LgwError, UsageError } from "../errors.js";
import { Logger } from "../ui/logger.js";
import { errorJson, reportError } from "./report.js";

afterAll(() => removeBundle());

const enotdir = Object.assign(new Error("ENOTDIR: not a directory, mkdir '/nowhere/afile/x'"), {
  code: "ENOTDIR",
  syscall: "mkdir",
  path: "/nowhere/afile/x",
});

describe("errorJson: what --json prints on stdout for a failure", () => {
  it.each([
    ["an LgwError", new LgwError("deploy failed", { hint: "run lgw deploy -v" }), { message: "deploy failed", code: "FAILED", hint: "run lgw deploy -v" }],
    ["a UsageError", new UsageError("--memory: at most 10240"), { message: "--memory: at most 10240", code: "BAD_INPUT", hint: null }],
    ["an LgwError with its own code", new LgwError("x", { code: "ResourceConflictException" }), { message: "x", code: "ResourceConflictException", hint: null }],
    [
      "a file-system errno",
      enotdir,
      { message: "cannot create the folder /nowhere/afile/x: a part of the path is a file, not a folder", code: "ENOTDIR", hint: expect.stringMatching(/parents/) },
    ],
    ["a bug", new TypeError("x is undefined"), { message: "internal error: x is undefined", code: "INTERNAL", hint: expect.stringMatching(/bug in lgw/) }],
    ["a thrown string", "boom", { message: "internal error: boom", code: "INTERNAL", hint: expect.stringMatching(/bug/) }],
  ])("%s", (_, err, expected) => {
    expect(errorJson(err)).toEqual({ error: expected });
  });
});

function capture(json: boolean) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  return { log: new Logger({ json, color: false, stdout, stderr }), out: () => out, err: () => err };
}

describe("reportError", () => {
  it.each([
    ["a UsageError", new UsageError("bad flag", { hint: "see --help" }), 2, "error: bad flag\nsee --help\n"],
    ["an errno", enotdir, 2, /^error: cannot create the folder \/nowhere\/afile\/x: .*\n.*parents.*\n$/],
    ["an EACCES", Object.assign(new Error("EACCES"), { code: "EACCES", syscall: "open", path: "/root/x" }), 1, /^error: cannot open \/root\/x: permission denied\n/],
  ])("%s: one line and its hint on stderr, nothing on stdout, exit %i", (_, thrown, code, stderr) => {
    const c = capture(false);
    expect(reportError(thrown, c.log)).toBe(code);
    expect(c.err()).toMatch(stderr);
    expect(c.out()).toBe("");
  });

  it("with --json, prints the error object on stdout as well as the line on stderr", () => {
    const c = capture(true);
    expect(reportError(new UsageError("bad flag", { hint: "see --help" }), c.log)).toBe(2);
    expect(JSON.parse(c.out())).toEqual({ error: { message: "bad flag", code: "BAD_INPUT", hint: "see --help" } });
    expect(c.err()).toBe("error: bad flag\nsee --help\n");
  });

  it("prints nothing more for ExitCode (the command has reported already)", () => {
    const c = capture(true);
    expect(reportError(new ExitCode(1), c.log)).toBe(1);
    expect(c.out() + c.err()).toBe("");
  });
});

describe("a bug in the bundle", () => {
  it("prints a stack whose lgw frames point at the TypeScript sources", async () => {
    // the minified bundle as npm run build makes it, with its linked .map files
    const dist = await lgwBundleDist();
    const { runCli } = (await import(pathToFileURL(path.join(dist, "main.js")).href)) as typeof import("./main.js");
    const stderr = new PassThrough();
    let err = "";
    stderr.on("data", (c: Buffer) => (err += c.toString()));
    // a stdout without write(): commander's output hook inside program.ts throws a real TypeError
    const code = await runCli(["--no-color", "--version"], { stdout: {} as NodeJS.WritableStream, stderr });
    expect(code).toBe(1);
    expect(err).toMatch(/^error: internal error \(this is a bug in lgw, please report it\): .*write is not a function\n/);
    expect(err).toMatch(new RegExp(`at .*\\(${path.resolve("src/cli/program.ts").replace(/[/.]/g, "\\$&")}:\\d+:\\d+\\)`));
    // no frame is left pointing into the minified bundle
    expect(err).not.toMatch(/lgw-test-bin-[^/]+\/dist\/[^\s)]+\.c?js:\d+/);
  });
});
