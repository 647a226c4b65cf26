// `lgw init --auth token` as a new user meets it: the scaffold passes go vet and go test, and
// lgw serve runs its Go TOKEN authorizer in front of GET /me (401, 200 with the context, 403).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeHandle } from "../src/local/serve.js";
import { Logger } from "../src/ui/logger.js";
import { liveChildCount } from "../src/util/children.js";
import { runLgw } from "./helpers/cli.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-init-token-"));
const dir = path.join(work, "shop");
let serve: ServeHandle;

beforeAll(async () => {
  const r = await runLgw(["init", dir, "--auth", "token", "--yes", "--skip-install"], { cwd: work });
  expect(r.code, r.stderr).toBe(0);
  const stream = new PassThrough();
  stream.resume();
  serve = await startServe({ cwd: dir, port: 0, host: "127.0.0.1", concurrency: 1, log: new Logger({ stdout: stream, stderr: stream, color: false }) });
}, 180_000);

afterAll(async () => {
  await serve?.close();
  rmSync(work, { recursive: true, force: true });
});

describe("lgw init --auth token", () => {
  it("passes go vet and go test, the authorizer's own tests included", () => {
    execFileSync("go", ["vet", "./..."], { cwd: dir, stdio: "pipe" });
    const out = execFileSync("go", ["test", "./..."], { cwd: dir, encoding: "utf8" });
    expect(out).toMatch(/ok\s+example\.com\/shop\/authorizer/);
  });

  it("GET /me: 401 without a token, 200 with the authorizer's context, 403 on its Deny", async () => {
    const none = await fetch(serve.url + "/me");
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ message: "Unauthorized" });
    const ok = await fetch(serve.url + "/me", { headers: { Authorization: "Bearer ada" } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ principalId: "user-ada", user: "ada" });
    const denied = await fetch(serve.url + "/me", { headers: { Authorization: "Bearer deny" } });
    expect(denied.status).toBe(403);
    // the other routes stay open
    expect((await fetch(serve.url + "/hello")).status).toBe(200);
  });

  it("lgw exec runs the authorizer alone on its sample event", async () => {
    const r = await runLgw(["exec", "--function", "authorizer", "events/authorizer-token.json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ principalId: "user-ada", policyDocument: { Statement: [{ Effect: "Allow", Resource: ["arn:aws:execute-api:us-east-1:123456789012:local/dev/*"] }] } });
  });

  it("leaves no process behind", async () => {
    await serve.close();
    expect(liveChildCount()).toBe(0);
  });
});
