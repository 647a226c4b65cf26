// `lgw init` end to end, in-process, followed by the real Go toolchain on what it wrote.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../src/config/load.js";
import { runLgw, type CliResult } from "./helpers/cli.js";

// Every run here is non-interactive: if init ever reached for a prompt, this makes it fail loudly
// instead of waiting for input.
vi.mock("@inquirer/prompts", () => {
  const asked = () => {
    throw new Error("lgw init prompted although stdin is not a TTY");
  };
  return { input: asked, select: asked };
});

const work = mkdtempSync(path.join(tmpdir(), "lgw-init-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function go(args: string[], cwd: string, cmd = "go"): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

// gofmt ships next to go, which may be on PATH without it
const gofmt = path.join(execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim(), "bin", "gofmt");

function setStdinTTY(value: boolean | undefined): void {
  Object.defineProperty(process.stdin, "isTTY", { value, configurable: true });
}

function listFiles(dir: string, rel = ""): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)]))
    .sort();
}

const FILES = [
  ".gitignore",
  "README.md",
  "bootstrap.go",
  "events/get-hello.json",
  "events/get-user.json",
  "events/post-user.json",
  "exec.go",
  "go.mod",
  "go.sum",
  "lambda.go",
  "lambda_test.go",
  "lgw.json",
  "lgw.schema.json",
];

const flavours = [
  { eventFormat: "v1", dir: "hello", args: ["init", "hello", "--yes"], name: "hello", module: "example.com/hello", architecture: "arm64" },
  {
    eventFormat: "v2",
    dir: "api",
    args: ["init", "api", "--yes", "--json", "--event", "v2", "--name", "users_api", "--module", "github.com/me/users-api", "--arch", "amd64"],
    name: "users_api",
    module: "github.com/me/users-api",
    architecture: "x86_64",
  },
] as const;

const results = new Map<string, CliResult>();

beforeAll(async () => {
  // whatever terminal runs the tests, lgw must see no TTY here
  setStdinTTY(undefined);
  // as if lgw were installed (npx vitest would otherwise look like `npx lgw` to init)
  vi.stubEnv("npm_command", "");
  // one scaffold per flavour, sequential: `go mod tidy` is the slow part
  for (const f of flavours) results.set(f.eventFormat, await runLgw([...f.args], { cwd: work }));
}, 300_000);

describe.each(flavours)("lgw init ($eventFormat)", (f) => {
  const dir = path.join(work, f.dir);

  it("exits 0 and writes the Go project", () => {
    const r = results.get(f.eventFormat)!;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("go mod tidy");
    expect(r.stderr).not.toMatch(/warning|error/);
    // tidy leaves go.mod/go.sum as shipped, since the template's go.sum is already complete
    expect(listFiles(dir)).toEqual(FILES);
  });

  it("writes a go.mod and lgw.json holding the answers", async () => {
    expect(readFileSync(path.join(dir, "go.mod"), "utf8")).toMatch(new RegExp(`^module ${f.module}\\n`));
    const config = await loadConfig(dir);
    expect(config.architecture).toBe(f.architecture);
    expect(config.eventFormat).toBe(f.eventFormat);
    expect(config.functions.map((fn) => fn.name)).toEqual([f.name]);
    expect(Object.values(config.routes)).toEqual([f.name, f.name, f.name, f.name]);
  });

  it("is gofmt-clean and passes go vet, with and without the exec tag", () => {
    expect(go(["-l", "."], dir, gofmt).trim()).toBe("");
    go(["vet", "./..."], dir);
    go(["vet", "-tags", "exec", "./..."], dir);
  });

  it("passes its own go test", () => {
    expect(go(["test", "./..."], dir)).toMatch(/^ok\s/m);
  });

  it("keeps exec.go out of the default build and bootstrap.go out of the exec one", () => {
    const goFiles = (tags: string[]) => go(["list", ...tags, "-f", "{{join .GoFiles \" \"}}", "."], dir).trim().split(" ").sort();
    expect(goFiles([])).toEqual(["bootstrap.go", "lambda.go"]);
    expect(goFiles(["-tags", "exec"])).toEqual(["exec.go", "lambda.go"]);
  });

  it("answers a sample event through go run -tags exec", () => {
    const response = JSON.parse(go(["run", "-tags", "exec", ".", "events/get-hello.json"], dir)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(response.statusCode).toBe(200);
    expect(response.headers["Content-Type"]).toBe("application/json");
    expect(JSON.parse(response.body)).toEqual({ message: "Hello, Gopher!" });
  });
});

describe("lgw init output", () => {
  it("prints the next commands with npx when no lgw on PATH is this one", () => {
    const r = results.get("v1")!;
    expect(r.stdout).toContain("Created hello in hello");
    expect(r.stdout).toMatch(/cd hello\n\s+npx lgw build\n\s+npx lgw exec events\/get-hello.json\n\s+npx lgw serve/);
    expect(readFileSync(path.join(work, "hello", "README.md"), "utf8")).toContain("\nnpx lgw exec events/get-hello.json ");
  });

  it("prints bare lgw commands, in the README too, when lgw on PATH is this lgw (a global install)", async () => {
    const bin = path.join(work, "global-bin");
    mkdirSync(bin, { recursive: true });
    symlinkSync(path.resolve(import.meta.dirname, "../bin/lgw.js"), path.join(bin, "lgw"));
    const savedPath = process.env.PATH ?? "";
    vi.stubEnv("PATH", `${bin}${path.delimiter}${savedPath}`);
    try {
      const r = await runLgw(["init", "via-global", "--yes", "--skip-install"], { cwd: work });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/cd via-global\n\s+lgw build\n\s+lgw exec events\/get-hello.json\n\s+lgw serve/);
      const readme = readFileSync(path.join(work, "via-global", "README.md"), "utf8");
      expect(readme).toContain("\nlgw exec events/get-hello.json ");
      expect(readme).not.toContain("npx lgw exec");
    } finally {
      vi.stubEnv("PATH", savedPath);
    }
  });

  it("prints npx commands when it was started with npx (whose PATH holds node_modules/.bin for that run only)", async () => {
    vi.stubEnv("npm_command", "exec");
    try {
      const r = await runLgw(["init", "via-npx", "--yes", "--skip-install"], { cwd: work });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/cd via-npx\n\s+npx lgw build\n\s+npx lgw exec events\/get-hello.json\n\s+npx lgw serve/);
    } finally {
      vi.stubEnv("npm_command", "");
    }
  });

  it("writes lgw.json's $schema as a path that resolves, to a file git keeps", () => {
    const dir = path.join(work, "hello");
    const ref = JSON.parse(readFileSync(path.join(dir, "lgw.json"), "utf8")).$schema as string;
    expect(ref).toBe("./lgw.schema.json");
    expect(readFileSync(path.join(dir, ref), "utf8")).toBe(readFileSync(path.resolve(import.meta.dirname, "../schema/lgw.schema.json"), "utf8"));
    execFileSync("git", ["init", "-q"], { cwd: dir });
    const ignored = (p: string) => spawnSync("git", ["check-ignore", "-q", p], { cwd: dir }).status === 0;
    expect(ignored("lgw.schema.json")).toBe(false);
    for (const p of [".lgw/lock", ".lgw/jwks.json", ".lgw/dev-jwt-key.json", ".lgw/build/x", "bootstrap", "function.zip"]) expect(ignored(p), p).toBe(true);
  });

  it("puts back a missing or stale lgw.schema.json whenever a command reads lgw.json", async () => {
    const dir = path.join(work, "hello");
    const shipped = readFileSync(path.resolve(import.meta.dirname, "../schema/lgw.schema.json"), "utf8");
    rmSync(path.join(dir, "lgw.schema.json"));
    expect((await runLgw(["event", "apigw-v1"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, "lgw.schema.json"), "utf8")).toBe(shipped);
    writeFileSync(path.join(dir, "lgw.schema.json"), "{}\n");
    expect((await runLgw(["event", "apigw-v1"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, "lgw.schema.json"), "utf8")).toBe(shipped);
  });

  it("prints only JSON on stdout with --json", () => {
    const r = results.get("v2")!;
    expect(JSON.parse(r.stdout)).toEqual({
      dir: path.join(work, "api"),
      name: "users_api",
      module: "github.com/me/users-api",
      architecture: "x86_64",
      eventFormat: "v2",
      files: FILES,
    });
  });
});

describe("lgw init refusals and defaults", () => {
  let n = 0;
  const fresh = () => {
    const dir = path.join(work, `case-${++n}`);
    mkdirSync(dir);
    return dir;
  };

  it("refuses a directory holding files it would write, before writing anything", async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, "go.mod"), "module mine\n");
    mkdirSync(path.join(dir, "events"));
    writeFileSync(path.join(dir, "events", "get-user.json"), "{}");
    const r = await runLgw(["init", ".", "--yes", "--skip-install"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/events\/get-user\.json, go\.mod.*--force/);
    expect(listFiles(dir)).toEqual(["events/get-user.json", "go.mod"]);
    expect(readFileSync(path.join(dir, "go.mod"), "utf8")).toBe("module mine\n");
  });

  it("overwrites them with --force and leaves other files alone", async () => {
    const dir = fresh();
    writeFileSync(path.join(dir, "go.mod"), "module mine\n");
    writeFileSync(path.join(dir, "notes.txt"), "keep me");
    const r = await runLgw(["init", ".", "--yes", "--force", "--skip-install", "--name", "forced"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "go.mod"), "utf8")).toMatch(/^module example\.com\/forced$/m);
    expect(readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("keep me");
    expect(listFiles(dir)).toEqual([...FILES, "notes.txt"].sort());
    // no cd step when the project is the current directory
    expect(r.stdout).not.toContain("cd ");
  });

  it.each([
    [["--name", "no spaces allowed"], /--name: .*letters, digits/],
    [["--name", "x".repeat(65)], /--name: .*at most 64/],
    [["--module", "example.com/bad path"], /--module: .*invalid element/],
    [["--module", "example.com//x"], /--module: .*empty element/],
  ])("refuses %j with exit 2 and writes nothing", async (flags, problem) => {
    const r = await runLgw(["init", "refused", "--yes", ...flags], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(problem);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(path.join(work, "refused"))).toBe(false);
  });

  it("refuses a target that is a file", async () => {
    writeFileSync(path.join(work, "plain-file"), "");
    const r = await runLgw(["init", "plain-file", "--yes"], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plain-file exists and is not a directory/);
  });

  it("never prompts without a TTY: defaults fill what flags leave open", async () => {
    const dir = fresh();
    const r = await runLgw(["init", "my service", "--skip-install", "--json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ name: "my-service", module: "example.com/my-service", architecture: "arm64", eventFormat: "v1" });
    expect(statSync(path.join(dir, "my service", "lambda.go")).isFile()).toBe(true);
  });

  it("asks only when stdin is a TTY and --yes is not given", async () => {
    setStdinTTY(true);
    try {
      const asked = await runLgw(["init", "tty", "--skip-install"], { cwd: fresh() });
      expect(asked.stderr).toContain("prompted although stdin is not a TTY"); // the mock was reached
      const yes = await runLgw(["init", "tty", "--yes", "--skip-install"], { cwd: fresh() });
      expect(yes.code, yes.stderr).toBe(0);
      const flags = ["--name", "a", "--module", "m", "--arch", "arm64", "--event", "v2"];
      const allGiven = await runLgw(["init", "tty", ...flags, "--skip-install"], { cwd: fresh() });
      expect(allGiven.code, allGiven.stderr).toBe(0);
    } finally {
      setStdinTTY(undefined);
    }
  });

  it("warns in one line and still succeeds when Go is not on PATH", async () => {
    const dir = fresh();
    const saved = process.env.PATH;
    process.env.PATH = path.join(work, "no-go-here");
    try {
      const r = await runLgw(["init", "nogo", "--yes"], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.match(/warning: .*/g)).toEqual([expect.stringMatching(/Go is not on PATH.*go mod tidy/)]);
      expect(existsSync(path.join(dir, "nogo", "go.sum"))).toBe(true);
    } finally {
      process.env.PATH = saved;
    }
  });
});
