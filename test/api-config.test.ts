// lgw.json stays the one truth: `lgw api create-method` and `lgw api cors` record what they
// create, and `lgw api sync --dry-run` shows what AWS has and lgw.json does not. Against moto,
// reading API Gateway back through the SDK and lgw.json back from disk after each command.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateRestApiCommand, GetResourcesCommand, type Resource } from "@aws-sdk/client-api-gateway";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto({ proxy: true, functions: ["users", "orders"] });
let dir: string;
let apiId: string;

const file = () => path.join(dir, "lgw.json");
const readConfig = () => JSON.parse(readFileSync(file(), "utf8"));

const lgw = (args: string[]) => moto.lgw(args, { cwd: dir });
const lgwJson = (args: string[]) => moto.lgwJson(args, { cwd: dir });


async function methodsByPath(): Promise<Record<string, string[]>> {
  const items: Resource[] = (await moto.apigw.send(new GetResourcesCommand({ restApiId: apiId, embed: ["methods"] }))).items ?? [];
  return Object.fromEntries(items.map((r) => [r.path!, Object.keys(r.resourceMethods ?? {}).sort()]));
}

beforeAll(async () => {
  apiId = (await moto.apigw.send(new CreateRestApiCommand({ name: "truth-api" }))).id!;
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-api-config-"));
  // other keys, in the user's order, must survive every edit
  writeFileSync(
    file(),
    JSON.stringify({ $schema: "https://example.com/lgw.schema.json", functions: { users: { entry: "./users", memory: 256 }, orders: { entry: "./orders" } }, api: { id: apiId, stageVariables: { t: "1" } } }, null, 2),
  );
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("create-method and cors write lgw.json", () => {
  it("create-method adds the route to lgw.json, says so, and sync then has nothing to do", async () => {
    const r = await lgw(["api", "create-method", "GET", "/users/{id}", "--function", "users"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ lgw.json updated: added route "GET /users/{id}": users');
    const config = readConfig();
    expect(Object.keys(config)).toEqual(["$schema", "functions", "api", "routes"]);
    expect(config.routes).toEqual({ "GET /users/{id}": "users" });
    expect(config.functions.users).toEqual({ entry: "./users", memory: 256 });
    expect(config.api).toEqual({ id: apiId, stageVariables: { t: "1" } });
    expect((await methodsByPath())["/users/{id}"]).toEqual(["GET"]);

    const plan = await lgwJson(["api", "sync", "--dry-run"]);
    expect(plan).toMatchObject({ steps: [], unchanged: ["GET /users/{id}"], awsOnly: [] });
  });

  it("the same route again changes neither AWS nor lgw.json's bytes", async () => {
    const before = readFileSync(file(), "utf8");
    const out = await lgwJson(["api", "create-method", "get", "/users/{id}", "--function", "users"]);
    expect(out.config).toEqual({ saved: true, file: file(), key: "GET /users/{id}", change: "unchanged" });
    expect(moto.proxy.writes()).toEqual([]);
    expect(readFileSync(file(), "utf8")).toBe(before);
  });

  it.each([
    [["GET", "/users/{id}", "--function", "orders"], 'lgw.json routes "GET /users/{id}" to users, not orders: pass --force to re-point it there, or --no-save to change AWS only'],
    [["GET", "/users/{userId}/orders", "--function", "orders"], "put two variables ({id} and {userId}) under /users; API Gateway allows only one there"],
  ])("a route lgw.json cannot take (%j) is one line, exit 2, before any AWS write", async (args, message) => {
    const before = readFileSync(file(), "utf8");
    const r = await lgw(["api", "create-method", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(moto.proxy.writes()).toEqual([]);
    expect(readFileSync(file(), "utf8")).toBe(before);
  });

  it("cors records api.cors with the path, and sync agrees with the preflight it made", async () => {
    const r = await lgw(["api", "cors", "/users/{id}", "--origin", "https://shop.example"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✔ lgw.json updated: api.cors covers /users/{id}");
    expect(readConfig().api).toEqual({ id: apiId, stageVariables: { t: "1" }, cors: { allowOrigins: ["https://shop.example"], paths: ["/users/{id}"] } });
    expect((await methodsByPath())["/users/{id}"]).toEqual(["GET", "OPTIONS"]);
    expect(await lgwJson(["api", "sync", "--dry-run"])).toMatchObject({ steps: [], awsOnly: [] });

    // another origin would change the preflight every path of api.cors answers
    const before = readFileSync(file(), "utf8");
    const other = await lgw(["api", "cors", "/users/{id}", "--origin", "https://other.example"]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("lgw.json's api.cors answers origin https://shop.example");
    expect(moto.proxy.writes()).toEqual([]);
    expect(readFileSync(file(), "utf8")).toBe(before);
  });

  it("--id of another API changes that API and leaves lgw.json alone, saying why", async () => {
    const otherId = (await moto.apigw.send(new CreateRestApiCommand({ name: "elsewhere" }))).id!;
    const before = readFileSync(file(), "utf8");
    const r = await lgw(["api", "create-method", "GET", "/x", "--function", "orders", "--id", otherId]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`lgw.json not updated (--id ${otherId} is not the API lgw.json names (api.id ${apiId}))`);
    expect(readFileSync(file(), "utf8")).toBe(before);
  });
});

describe("sync --dry-run: what is in AWS only", () => {
  it("--no-save changes AWS only; sync --dry-run then lists the method as in AWS only, and a sync keeps it", async () => {
    const before = readFileSync(file(), "utf8");
    const r = await lgw(["api", "create-method", "POST", "/legacy", "--function", "orders", "--no-save"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("lgw.json not updated (--no-save)");
    expect(readFileSync(file(), "utf8")).toBe(before);

    const dry = await lgw(["api", "sync", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("no changes (1 route up to date)\n  in AWS only (not in lgw.json; kept, --prune removes them):\n    POST /legacy -> orders");
    const json = await lgwJson(["api", "sync", "--dry-run"]);
    expect(json.awsOnly).toEqual([{ route: "POST /legacy", functionName: "orders" }]);
    expect(json.steps).toEqual([]);

    expect((await lgw(["api", "sync"])).code).toBe(0);
    expect(moto.proxy.writes()).toEqual([]);
    expect((await methodsByPath())["/legacy"]).toEqual(["POST"]);
  });

  it("--prune lists it as a removal instead, and removes it", async () => {
    const dry = await lgw(["api", "sync", "--dry-run", "--prune"]);
    expect(dry.stdout).toContain("- POST /legacy");
    expect(dry.stdout).not.toContain("in AWS only");
    expect((await lgw(["api", "sync", "--prune"])).code).toBe(0);
    expect(Object.keys(await methodsByPath())).not.toContain("/legacy");
    expect((await lgwJson(["api", "sync", "--dry-run"])).awsOnly).toEqual([]);
  });

  it("a one-function project without routes: the first create-method says the rest of the paths no longer go there", async () => {
    const solo = mkdtempSync(path.join(os.tmpdir(), "lgw-api-solo-"));
    try {
      const soloApi = (await moto.apigw.send(new CreateRestApiCommand({ name: "solo" }))).id!;
      writeFileSync(path.join(solo, "lgw.json"), JSON.stringify({ functions: { users: { entry: "." } }, api: { id: soloApi } }));
      const r = await moto.lgw(["api", "create-method", "GET", "/me"], { cwd: solo });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('note: lgw.json had no routes, so every path went to users; now only its routes do (add "ANY /{proxy+}" for the rest)');
      expect(JSON.parse(readFileSync(path.join(solo, "lgw.json"), "utf8")).routes).toEqual({ "GET /me": "users" });
    } finally {
      rmSync(solo, { recursive: true, force: true });
    }
  });
});
