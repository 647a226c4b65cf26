// As a new user would: install the packed package into an empty folder, then `npx lgw init`
// and `lgw exec` from there. This is the one test that runs the bundled dist/ and bin/.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "../..");
let work: string;

function npx(args: string[], cwd: string) {
  return spawnSync("npx", ["--no-install", "lgw", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 180_000,
  });
}

describe("packed package, installed into an empty folder", () => {
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "lgw-e2e-"));
    execFileSync("npm", ["pack", "--pack-destination", work], { cwd: repo, stdio: "pipe" });
    const tgz = readdirSync(work).find((f) => f.endsWith(".tgz"));
    if (!tgz) throw new Error("npm pack produced no tarball");
    execFileSync("npm", ["init", "-y"], { cwd: work, stdio: "pipe" });
    execFileSync("npm", ["install", "--no-audit", "--no-fund", path.join(work, tgz)], { cwd: work, stdio: "pipe" });
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("prints its version and help", () => {
    const v = npx(["--version"], work);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = npx(["exec", "--help"], work);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain("Examples:");
  });

  it("ships the source maps a bug's stack is mapped with", () => {
    const dist = path.join(work, "node_modules", "lgw", "dist");
    expect(readdirSync(dist)).toContain("main.js.map");
    expect(readdirSync(path.join(dist, "chunks")).some((f) => f.endsWith(".js.map"))).toBe(true);
  });

  it("scaffolds with npx lgw init and runs a sample event with lgw exec", () => {
    const init = npx(["init", "demo", "--yes"], work);
    expect(init.status, init.stderr).toBe(0);
    // run through npx, the next steps must be commands that work without a global install
    expect(init.stdout).toContain("npx lgw exec events/get-hello.json");
    const demo = path.join(work, "demo");
    // lgw.json's $schema resolves for this install (and npx and global ones): a copy in the project
    const schemaRef = (JSON.parse(readFileSync(path.join(demo, "lgw.json"), "utf8")) as { $schema: string }).$schema;
    expect(readFileSync(path.resolve(demo, schemaRef), "utf8")).toBe(readFileSync(path.join(work, "node_modules", "lgw", "schema", "lgw.schema.json"), "utf8"));
    expect(readdirSync(demo)).toEqual(expect.arrayContaining(["bootstrap.go", "lambda.go", "exec.go", "lgw.json", "events"]));
    const exec = npx(["exec", "events/get-hello.json"], demo);
    expect(exec.status, exec.stderr).toBe(0);
    const response = JSON.parse(exec.stdout);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).message).toMatch(/^Hello, /);
    expect(exec.stderr).toMatch(/START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
    expect(exec.stderr).toMatch(/REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms/);
  });
});
