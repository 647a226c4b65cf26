// `lgw build` against the real Go toolchain, on a copy of test/fixtures/go-minimal. The zips are
// checked with an independent reader (yauzl), not with lgw's own code.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yauzl from "yauzl";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForHost, buildFunction } from "../src/build/index.js";
import { loadConfig } from "../src/config/load.js";
import { Logger } from "../src/ui/logger.js";
import { liveChildCount } from "../src/util/children.js";
import { runLgw, type CliResult } from "./helpers/cli.js";

const fixture = fileURLToPath(new URL("./fixtures/go-minimal", import.meta.url));
const base = mkdtempSync(path.join(tmpdir(), "lgw-build-"));

interface JsonResult {
  function: string;
  architecture: string;
  zipPath: string;
  binaryPath: string;
  size: number;
  codeSha256: string;
  cached: boolean;
}

function copyFixture(name: string): string {
  const dir = path.join(base, name);
  cpSync(fixture, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.lgw`) });
  return dir;
}

function parse(r: CliResult): JsonResult[] {
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { functions: JsonResult[] }).functions;
}

interface ZipEntryInfo {
  name: string;
  mode: number;
  head: Buffer;
}

/** Every entry of a zip with its unix mode and first bytes, read by yauzl. */
function readZip(file: string): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries: ZipEntryInfo[] = [];
      zip.on("error", reject);
      zip.on("end", () => resolve(entries));
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err2, stream) => {
          if (err2) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            entries.push({ name: entry.fileName, mode: entry.externalFileAttributes >>> 16, head: Buffer.concat(chunks).subarray(0, 64) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

const E_MACHINE = { arm64: 0xb7, x86_64: 0x3e } as const;

describe("lgw build (real Go toolchain)", () => {
  let project = "";
  const first: Record<string, JsonResult> = {};

  beforeAll(async () => {
    project = copyFixture("project");
    for (const arch of ["arm64", "x86_64"] as const) {
      const [result] = parse(await runLgw(["build", "--json", "--arch", arch], { cwd: project }));
      first[arch] = result!;
    }
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.each(["arm64", "x86_64"] as const)("zips one executable `bootstrap` for %s", async (arch) => {
    const r = first[arch]!;
    expect(r).toMatchObject({ function: "hello", architecture: arch, cached: false });
    expect(r.zipPath).toBe(path.join(project, ".lgw/build/hello", arch, "function.zip"));
    expect(r.binaryPath).toBe(path.join(project, ".lgw/build/hello", arch, "bootstrap"));
    const zipBytes = readFileSync(r.zipPath);
    expect(r.size).toBe(zipBytes.length);
    const entries = await readZip(r.zipPath);
    expect(entries.map((e) => e.name)).toEqual(["bootstrap"]);
    const [entry] = entries;
    expect(entry!.mode).toBe(0o100755);
    expect(entry!.head.subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    expect(entry!.head.readUInt16LE(18)).toBe(E_MACHINE[arch]);
  });

  it("reuses an unchanged build, and a forced rebuild gives the same CodeSha256", async () => {
    const [again] = parse(await runLgw(["build", "--json", "--arch", "amd64"], { cwd: project }));
    expect(again).toMatchObject({ cached: true, codeSha256: first.x86_64!.codeSha256, size: first.x86_64!.size });
    const forced = await runLgw(["build", "--json", "--force", "--arch", "x86_64"], { cwd: project });
    expect(forced.stderr).toMatch(/building hello for x86_64/);
    const [rebuilt] = parse(forced);
    expect(rebuilt).toMatchObject({ cached: false, codeSha256: first.x86_64!.codeSha256 });
  });

  it("rebuilds when a Go source changes, and prints path, size and CodeSha256", async () => {
    const file = path.join(project, "lambda.go");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace('"world"', '"there"'));
    try {
      const r = await runLgw(["build"], { cwd: project });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/building hello for arm64/);
      expect(r.stdout).toContain(path.join(".lgw", "build", "hello", "arm64", "function.zip"));
      expect(r.stdout).toMatch(/size [\d.]+ MiB \(\d+ bytes\)/);
      const sha = /CodeSha256 (\S+)/.exec(r.stdout)?.[1];
      expect(sha).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(sha).not.toBe(first.arm64!.codeSha256);
    } finally {
      writeFileSync(file, original);
    }
  });

  it("builds the host binary into the same cache as the matching Lambda build", async () => {
    const config = loadConfig(project);
    const log = new Logger({ json: true });
    const host = await buildForHost({ config, fn: config.functions[0]!, log });
    const hostArch = process.arch === "arm64" ? "arm64" : "x86_64";
    expect(host.binaryPath).toBe(first[hostArch]!.binaryPath);
    expect(host.cached).toBe(true);
  });

  it("accepts an entry given as a list of .go files and an --out directory", async () => {
    const lgwJson = path.join(project, "lgw.json");
    const original = readFileSync(lgwJson, "utf8");
    writeFileSync(lgwJson, JSON.stringify({ functions: { files: { entry: ["lambda.go", "bootstrap.go"], architecture: "x86_64" } } }));
    try {
      const [r] = parse(await runLgw(["build", "files", "--json", "--out", "dist"], { cwd: project }));
      expect(r).toMatchObject({ function: "files", architecture: "x86_64", zipPath: path.join(project, "dist/files/x86_64/function.zip") });
      expect((await readZip(r!.zipPath))[0]!.head.readUInt16LE(18)).toBe(E_MACHINE.x86_64);
    } finally {
      writeFileSync(lgwJson, original);
    }
  });

  it("an abort stops go build and leaves no child running", async () => {
    const config = loadConfig(project);
    const controller = new AbortController();
    const log = new Logger({ json: true });
    log.step = () => void setTimeout(() => controller.abort(), 150);
    const build = buildFunction({ config, fn: config.functions[0]!, arch: "arm64", force: true, log, signal: controller.signal });
    await expect(build).rejects.toMatchObject({ message: "build interrupted", exitCode: 130 });
    expect(liveChildCount()).toBe(0);
    // the interrupted build vouches for nothing: the next one builds again
    const [r] = parse(await runLgw(["build", "--json"], { cwd: project }));
    expect(r).toMatchObject({ cached: false, codeSha256: first.arm64!.codeSha256 });
  });

  it("a compile error exits 1 with Go's own message on stderr", async () => {
    const broken = copyFixture("broken");
    writeFileSync(path.join(broken, "lambda.go"), readFileSync(path.join(broken, "lambda.go"), "utf8").replace("name := ", "name := undefinedThing + "));
    const r = await runLgw(["build", "--json"], { cwd: broken });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lambda\.go:\d+:\d+: undefined: undefinedThing/);
    expect(r.stderr).toMatch(/go build failed for hello \(arm64\)/);
    // --json: stdout holds only the error object, not the compiler's output
    expect(JSON.parse(r.stdout)).toEqual({ error: { message: "go build failed for hello (arm64)", code: "FAILED", hint: null } });
  });

  it("without Go on PATH exits 1 with one line saying how to install it", async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = path.join(base, "empty-bin");
    try {
      const r = await runLgw(["build", "--force"], { cwd: project });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/Go is not installed or not on PATH: install Go/);
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it("--out naming a file is bad usage with one line, not a crash", async () => {
    const file = path.join(base, "not-a-dir");
    writeFileSync(file, "");
    const r = await runLgw(["build", "--out", file], { cwd: project });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot create the build output .*: a file is in the way \(.*not-a-dir\)\n/);
    expect(r.stderr).not.toMatch(/internal error|ENOTDIR/);
  });

  it("an unknown function is bad usage", async () => {
    const r = await runLgw(["build", "nope"], { cwd: project });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no function "nope"/);
  });
});
