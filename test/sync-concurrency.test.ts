// Two `lgw api sync` runs at once against moto, as real processes: the project lock makes them
// take turns (or the second refuses in one line), and the API ends with one resource per path,
// one method per route and one statement per route. A duplicate made by hand (moto allows what
// API Gateway refuses) is reported, and --prune removes it.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CreateResourceCommand, CreateRestApiCommand, GetResourcesCommand, type Resource } from "@aws-sdk/client-api-gateway";
import { AddPermissionCommand, GetPolicyCommand } from "@aws-sdk/client-lambda";
import { CreateApiCommand, CreateRouteCommand, GetRoutesCommand } from "@aws-sdk/client-apigatewayv2";
import { processStart } from "../src/util/lock.js";
import { removeBundle, startLgw, waitFor } from "./helpers/bin.js";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto();
let dir: string;

// 12 routes on 11 paths (and the root): long enough that two unlocked runs overlap
const ROUTES: Record<string, string> = {
  "GET /users": "users",
  "POST /users": "users",
  "GET /users/{id}": "users",
  "GET /users/{id}/orders": "orders",
  "GET /users/{id}/orders/{orderId}": "orders",
  "GET /orders": "orders",
  "GET /orders/{orderId}": "orders",
  "GET /orders/{orderId}/items": "orders",
  "GET /health": "users",
  "GET /admin": "users",
  "GET /admin/stats": "users",
  "ANY /{proxy+}": "users",
};
const PATHS = new Set(["/", ...Object.keys(ROUTES).map((k) => k.split(" ")[1]!)]);
const PER_FUNCTION = { users: 7, orders: 5 };


async function resources(apiId: string): Promise<Resource[]> {
  return (await moto.apigw.send(new GetResourcesCommand({ restApiId: apiId, embed: ["methods"], limit: 500 }))).items ?? [];
}

async function statements(fn: string): Promise<{ Sid: string }[]> {
  try {
    return JSON.parse((await moto.lambda.send(new GetPolicyCommand({ FunctionName: fn }))).Policy!).Statement;
  } catch {
    return [];
  }
}

async function counts(apiId: string) {
  const rs = await resources(apiId);
  return {
    resources: rs.length,
    paths: new Set(rs.map((r) => r.path)).size,
    methods: rs.reduce((n, r) => n + Object.keys(r.resourceMethods ?? {}).length, 0),
    users: (await statements("users")).length,
    orders: (await statements("orders")).length,
  };
}

const EXPECTED = { resources: PATHS.size, paths: PATHS.size, methods: Object.keys(ROUTES).length, ...PER_FUNCTION };

async function freshApi(): Promise<string> {
  await moto.reset();
  await moto.createFunctions(["users", "orders"]);
  const api = await moto.apigw.send(new CreateRestApiCommand({ name: "race", endpointConfiguration: { types: ["REGIONAL"] } }));
  writeFileSync(
    path.join(dir, "lgw.json"),
    JSON.stringify({ functions: { users: { entry: "./users" }, orders: { entry: "./orders" } }, routes: ROUTES, api: { type: "rest", id: api.id } }, null, 2),
  );
  return api.id!;
}

const env = () => ({ ...moto.env, AWS_ENDPOINT_URL: moto.endpoint });
const sync = (args: string[] = [], extraEnv: Record<string, string> = {}) => startLgw(["-C", dir, "api", "sync", ...args], { env: { ...env(), ...extraEnv } });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-race-"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  removeBundle();
});

describe("two lgw api sync runs at once", () => {
  let apiId: string;
  beforeEach(async () => {
    apiId = await freshApi();
  });

  it("take turns through .lgw/lock: one resource per path, one method and one statement per route", async () => {
    const a = await sync([], { LGW_LOCK_WAIT: "60" });
    // a is held (SIGSTOP) while it has the lock, so b certainly finds it taken and waits
    const lock = path.join(dir, ".lgw", "lock");
    for (let i = 0; i < 400 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 5));
    a.child.kill("SIGSTOP");
    const b = await sync([], { LGW_LOCK_WAIT: "60" });
    try {
      await waitFor(() => b.stderr().includes("waiting for"), "the second sync to wait for the lock");
    } finally {
      a.child.kill("SIGCONT");
    }
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect([ea.code, eb.code], a.stderr() + b.stderr()).toEqual([0, 0]);
    expect(await counts(apiId)).toEqual(EXPECTED);
    // one of them saw the other holding the lock and said so
    expect(a.stderr() + b.stderr()).toMatch(/waiting for `lgw api sync` \(pid \d+, started \d+ s ago\) to finish/);
    expect(existsSync(path.join(dir, ".lgw", "lock"))).toBe(false);
    const again = await sync(["--dry-run"]);
    expect((await again.exited).code).toBe(0);
    expect(again.stdout()).toContain("no changes (12 routes up to date)");
  });

  it("a second run that cannot wait refuses in one line naming the first, and changes nothing", async () => {
    const a = await sync();
    // the first holds the lock once its file names it; it is then stopped (SIGSTOP) so that it
    // still holds it however fast its sync would have been, and resumed once the second is done
    const lock = path.join(dir, ".lgw", "lock");
    for (let i = 0; i < 400 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 5));
    a.child.kill("SIGSTOP");
    let eb: { code: number };
    let b: Awaited<ReturnType<typeof sync>>;
    try {
      b = await sync([], { LGW_LOCK_WAIT: "0" });
      eb = await b.exited;
    } finally {
      a.child.kill("SIGCONT");
    }
    const ea = await a.exited;
    expect(ea.code, a.stderr()).toBe(0);
    expect(eb.code).toBe(1);
    const errors = b.stderr().split("\n").filter((l) => l.startsWith("error:"));
    expect(errors).toEqual([expect.stringMatching(/^error: `lgw api sync` \(pid \d+, started \d+ s ago\) is changing AWS for this project \(.*\.lgw\/lock is held\)$/)]);
    expect(b.stdout()).toBe("");
    expect(await counts(apiId)).toEqual(EXPECTED);
  });
});

describe("the lock file itself", () => {
  let apiId: string;
  beforeEach(async () => {
    apiId = await freshApi();
    mkdirSync(path.join(dir, ".lgw"), { recursive: true });
  });

  it("left by a run that is gone (killed) is taken over", async () => {
    const dead = spawn("true");
    await new Promise((r) => dead.once("exit", r));
    writeFileSync(path.join(dir, ".lgw", "lock"), JSON.stringify({ pid: dead.pid, host: os.hostname(), command: "deploy", since: new Date().toISOString() }));
    const r = await sync([], { LGW_LOCK_WAIT: "0" });
    expect((await r.exited).code, r.stderr()).toBe(0);
    expect(await counts(apiId)).toEqual(EXPECTED);
  });

  it("held by a live process is respected; the same pid with another start time is not that process", async () => {
    const sleeper = spawn("sleep", ["60"]);
    try {
      await new Promise((r) => setTimeout(r, 50));
      const owner = { pid: sleeper.pid, start: processStart(sleeper.pid!), host: os.hostname(), command: "deploy", since: new Date().toISOString() };
      writeFileSync(path.join(dir, ".lgw", "lock"), JSON.stringify(owner));
      const held = await sync([], { LGW_LOCK_WAIT: "0.3" });
      expect((await held.exited).code).toBe(1);
      expect(held.stderr()).toMatch(/error: `lgw deploy` \(pid \d+, started \d+ s ago\) is changing AWS for this project/);
      expect((await counts(apiId)).methods).toBe(0);
      writeFileSync(path.join(dir, ".lgw", "lock"), JSON.stringify({ ...owner, start: owner.start! - 1 }));
      const reused = await sync([], { LGW_LOCK_WAIT: "0" });
      expect((await reused.exited).code, reused.stderr()).toBe(0);
      expect(await counts(apiId)).toEqual(EXPECTED);
    } finally {
      sleeper.kill("SIGKILL");
    }
  });
});

describe("duplicates already in the API", () => {
  it("are reported by sync (and --prune --dry-run), and --prune removes them", async () => {
    const apiId = await freshApi();
    expect((await (await sync()).exited).code).toBe(0);
    // what a race leaves: /admin again under the root, with /admin/stats below it, and GET /health's statement twice
    const root = (await resources(apiId)).find((r) => r.path === "/")!;
    const admin2 = await moto.apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: root.id!, pathPart: "admin" }));
    await moto.apigw.send(new CreateResourceCommand({ restApiId: apiId, parentId: admin2.id!, pathPart: "stats" }));
    const sid = JSON.parse((await moto.lambda.send(new GetPolicyCommand({ FunctionName: "users" }))).Policy!).Statement.find((s: { Condition?: { ArnLike?: Record<string, string> } }) =>
      s.Condition?.ArnLike?.["AWS:SourceArn"]?.endsWith("/GET/health"),
    );
    await moto.lambda.send(
      new AddPermissionCommand({
        FunctionName: "users",
        StatementId: sid.Sid,
        Action: "lambda:InvokeFunction",
        Principal: "apigateway.amazonaws.com",
        SourceArn: sid.Condition.ArnLike["AWS:SourceArn"],
      }),
    );
    expect(await counts(apiId)).toEqual({ ...EXPECTED, resources: EXPECTED.resources + 2, users: PER_FUNCTION.users + 1 });

    const report = await sync();
    expect((await report.exited).code).toBe(0);
    expect(report.stdout()).toContain("no changes (12 routes up to date)");
    expect(report.stdout()).toContain("note: the API has 2 duplicate resources at /admin (kept: ");
    expect(report.stdout()).toContain("note: function users's policy holds 1 duplicate statement");

    const dry = await sync(["--prune", "--dry-run"]);
    expect((await dry.exited).code).toBe(0);
    expect(dry.stdout()).toContain(`- duplicate resource /admin/stats (id `);
    expect(dry.stdout()).toContain(`- duplicate resource /admin (id ${admin2.id})`);
    expect(dry.stdout()).toContain(`- permission ${sid.Sid} on users, all 2 copies (the route's own is added back)`);
    expect(dry.stdout()).toContain("+ permission for GET /health on users");

    const prune = await sync(["--prune"]);
    expect((await prune.exited).code, prune.stderr()).toBe(0);
    expect(await counts(apiId)).toEqual(EXPECTED);
    const after = await sync(["--prune", "--dry-run"]);
    expect((await after.exited).code).toBe(0);
    expect(after.stdout()).toContain("no changes (12 routes up to date)");
    expect(after.stdout()).not.toContain("note:");
  });
});

describe("duplicates in an HTTP API", () => {
  it("a route key twice and a statement twice: reported, then removed by --prune", async () => {
    await freshApi();
    const api = await moto.apigwv2.send(new CreateApiCommand({ Name: "race-http", ProtocolType: "HTTP" }));
    const routes = { "GET /users": "users", "GET /orders": "orders" };
    writeFileSync(
      path.join(dir, "lgw.json"),
      JSON.stringify({ eventFormat: "v2", functions: { users: { entry: "./users" }, orders: { entry: "./orders" } }, routes, api: { type: "http", id: api.ApiId } }),
    );
    const first = await sync();
    expect((await first.exited).code, first.stderr()).toBe(0);
    const [route] = (await moto.apigwv2.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!.filter((r) => r.RouteKey === "GET /users");
    await moto.apigwv2.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: "GET /users", Target: route!.Target }));
    const statement = (await statements("users"))[0] as unknown as { Sid: string; Condition: { ArnLike: Record<string, string> } };
    await moto.lambda.send(
      new AddPermissionCommand({ FunctionName: "users", StatementId: statement.Sid, Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com", SourceArn: statement.Condition.ArnLike["AWS:SourceArn"] }),
    );
    const keys = async () => (await moto.apigwv2.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!.map((r) => r.RouteKey).sort();
    expect(await keys()).toEqual(["GET /orders", "GET /users", "GET /users"]);

    const report = await sync();
    expect((await report.exited).code).toBe(0);
    expect(report.stdout()).toMatch(/note: duplicate routes: GET \/users \(\w+\)/);
    expect(report.stdout()).toContain("note: function users's policy holds 1 duplicate statement");

    const prune = await sync(["--prune"]);
    expect((await prune.exited).code, prune.stderr()).toBe(0);
    expect(await keys()).toEqual(["GET /orders", "GET /users"]);
    expect((await statements("users")).map((s) => s.Sid)).toEqual([statement.Sid]);
    const after = await sync(["--prune", "--dry-run"]);
    expect((await after.exited).code).toBe(0);
    expect(after.stdout()).not.toContain("note:");
    expect(after.stdout()).toMatch(/no changes/);
  });
});
