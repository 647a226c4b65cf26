// Ctrl-C and SIGTERM in the middle of commands that change AWS, as real processes against moto
// (behind a proxy that holds moto's answers back, so the signal lands while calls are in flight):
// `lgw api sync` stops between steps and says what it did and what a rerun does; an interrupted
// `lgw deploy --create` reports which functions exist. Both exit with the signal's code.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateRestApiCommand, GetResourcesCommand, GetStagesCommand } from "@aws-sdk/client-api-gateway";
import { GetFunctionCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { removeBundle, startLgw, waitFor, type LgwProcess } from "./helpers/bin.js";
import { recordingProxy, type RecordingProxy } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto();
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  removeBundle();
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "lgw-interrupt-"));
  dirs.push(d);
  return d;
}


const ROUTES: Record<string, string> = {
  "GET /users": "users",
  "POST /users": "users",
  "GET /users/{id}": "users",
  "GET /users/{id}/orders": "orders",
  "GET /orders": "orders",
  "GET /orders/{orderId}": "orders",
  "GET /health": "users",
  "GET /admin": "users",
};

const planLines = (text: string) => text.split("\n").filter((l) => /^ {2}[-+~] /.test(l)).map((l) => l.trim());

describe("lgw api sync interrupted", () => {
  let proxy: RecordingProxy;
  let dir: string;
  let apiId: string;

  beforeAll(async () => {
    await moto.reset();
    await moto.createFunctions(["users", "orders"]);
    // every write answers 150 ms late: a sync of 15 steps takes seconds, so a signal lands mid-way
    proxy = await recordingProxy(moto.endpoint, { delayMs: (r) => (r.method === "GET" ? 0 : 150) });
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`on ${signal}: no new step, the one in flight finished, what was done and what a rerun does; exit ${code}`, async () => {
      dir = tempDir();
      apiId = (await moto.apigw.send(new CreateRestApiCommand({ name: `int-${signal}` }))).id!;
      writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { users: { entry: "./u" }, orders: { entry: "./o" } }, routes: ROUTES, api: { type: "rest", id: apiId } }));
      const p = await startLgw(["-C", dir, "api", "sync", "--endpoint-url", proxy.endpoint], { env: moto.env });
      await waitFor(() => /\[4\/\d+\]/.test(p.stderr()), "the fourth step", 30_000);
      p.child.kill(signal);
      const { code: exit } = await p.exited;
      const err = p.stderr();
      expect(exit, err).toBe(code);
      const head = /warning: interrupted: (\d+) of (\d+) changes made to (\S+):/.exec(err);
      expect(head, err).not.toBeNull();
      const [done, total] = [Number(head![1]), Number(head![2])];
      expect(head![3]).toBe(apiId);
      expect(total).toBe(15);
      expect(done).toBeGreaterThanOrEqual(4);
      expect(done).toBeLessThan(total);
      // no step started after the one in flight: the last "[i/n]" line is the last step done
      const started = [...err.matchAll(/\[(\d+)\/\d+\]/g)].map((m) => Number(m[1]));
      expect(Math.max(...started)).toBe(done);
      // every method moto has is whole: an integration on each
      const items = (await moto.apigw.send(new GetResourcesCommand({ restApiId: apiId, embed: ["methods"] }))).items ?? [];
      for (const r of items) for (const [m, method] of Object.entries(r.resourceMethods ?? {})) expect(method.methodIntegration?.type, `${m} ${r.path}`).toBe("AWS_PROXY");
      // what it said a rerun makes is what a rerun plans
      const said = err.slice(err.indexOf("again makes the other")).split("\n").slice(1).filter((l) => l.startsWith("  ")).map((l) => l.trim());
      expect(said).toHaveLength(total - done);
      const rerun = await startLgw(["-C", dir, "api", "sync", "--dry-run", "--endpoint-url", moto.endpoint], { env: moto.env });
      expect((await rerun.exited).code).toBe(0);
      expect(planLines(rerun.stdout())).toEqual(said);
    });
  }

  it("with --stage: an interrupted sync deploys nothing, and the rerun it names keeps --stage", async () => {
    dir = tempDir();
    apiId = (await moto.apigw.send(new CreateRestApiCommand({ name: "int-stage" }))).id!;
    writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { users: { entry: "./u" }, orders: { entry: "./o" } }, routes: ROUTES, api: { type: "rest", id: apiId } }));
    proxy.clear();
    const p = await startLgw(["-C", dir, "api", "sync", "--stage", "prod", "--endpoint-url", proxy.endpoint], { env: moto.env });
    await waitFor(() => /\[2\/\d+\]/.test(p.stderr()), "the second step", 30_000);
    p.child.kill("SIGINT");
    expect((await p.exited).code, p.stderr()).toBe(130);
    expect(p.stderr()).toContain("running `lgw api sync --stage prod` again makes the other");
    expect(proxy.requests.filter((r) => r.path.includes("/deployments"))).toEqual([]);
    expect((await moto.apigw.send(new GetStagesCommand({ restApiId: apiId }))).item ?? []).toEqual([]);
  });
});

describe("lgw deploy --create interrupted", () => {
  let proxy: RecordingProxy;
  let dir: string;

  beforeAll(async () => {
    await moto.reset();
    dir = tempDir();
    cpSync(path.join(import.meta.dirname, "fixtures", "monorepo"), dir, { recursive: true });
    const config = JSON.parse(readFileSync(path.join(dir, "lgw.json"), "utf8"));
    // five functions, four at a time: the fifth is not started when the signal comes
    for (const n of ["a", "b", "c"]) config.functions[`users-${n}`] = { entry: "./functions/users" };
    writeFileSync(path.join(dir, "lgw.json"), JSON.stringify(config));
    // CreateFunction is made at once but answered 3 s late: the signal cuts the answer off
    proxy = await recordingProxy(moto.endpoint, { delayMs: (r) => (r.method === "POST" && r.path.startsWith("/2015-03-31/functions") ? 3000 : 0) });
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  it("says which functions AWS has, not CreateFunction failed: AbortError, and exits 130", async () => {
    const p: LgwProcess = await startLgw(["-C", dir, "deploy", "--create", "--role", moto.roleArn, "--endpoint-url", proxy.endpoint], { env: moto.env });
    await waitFor(() => proxy.requests.filter((r) => r.method === "POST" && r.path.startsWith("/2015-03-31/functions")).length === 4, "four CreateFunction calls", 120_000);
    // their answers are held back 3 s: wait until moto has made all four (not a fixed pause,
    // which a loaded machine outran), then interrupt
    for (let i = 0; i < 100; i++) {
      const listed = (await moto.lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
      if (listed.length >= 4) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    p.child.kill("SIGINT");
    const { code } = await p.exited;
    const err = p.stderr();
    expect(code, err).toBe(130);
    expect(err).not.toMatch(/AbortError|CreateFunction failed|internal error/);
    expect(err).toContain("warning: interrupted: what AWS has now:");
    const names = ["users", "orders", "users-a", "users-b", "users-c"];
    const exists = await Promise.all(
      names.map((n) =>
        moto.lambda.send(new GetFunctionCommand({ FunctionName: n })).then(
          () => true,
          () => false,
        ),
      ),
    );
    expect(exists.filter(Boolean)).toHaveLength(4);
    for (const [i, n] of names.entries()) {
      if (exists[i]) expect(err).toContain(`  ${n}: exists (created with this build's code; configuration and waits not confirmed)`);
      else expect(err).toContain(`  ${n}: does not exist (not created)`);
    }
    expect(err).toContain("run `lgw deploy --create` again to finish");
  });
});
