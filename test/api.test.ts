// `lgw api ...` against a real AWS API server (moto): after each command, read API Gateway and
// the functions' policies back through the SDK. Requests go through a recording proxy, so
// "refused before any AWS call" and "a second run changes nothing" are seen on the wire.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateRestApiCommand,
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStageCommand,
  type Resource,
} from "@aws-sdk/client-api-gateway";
import { GetPolicyCommand } from "@aws-sdk/client-lambda";
import { MOTO_ACCOUNT, MOTO_REGION } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto({ proxy: true, functions: ["users", "orders"], architectures: ["arm64"] });
let dir: string;

const FUNCTIONS = { users: { entry: "./functions/users" }, orders: { entry: "./functions/orders" } };

function writeConfig(extra: Record<string, unknown> = {}, at = dir): void {
  writeFileSync(path.join(at, "lgw.json"), JSON.stringify({ functions: FUNCTIONS, ...extra }, null, 2));
}

const readConfig = (at = dir) => JSON.parse(readFileSync(path.join(at, "lgw.json"), "utf8"));

const lgw = (args: string[], cwd = dir) => moto.lgw(args, { cwd });
const lgwJson = (args: string[], cwd = dir) => moto.lgwJson(args, { cwd });


async function resources(apiId: string): Promise<Resource[]> {
  return (await moto.apigw.send(new GetResourcesCommand({ restApiId: apiId, embed: ["methods"] }))).items ?? [];
}

async function resourceAt(apiId: string, p: string): Promise<Resource> {
  const r = (await resources(apiId)).find((x) => x.path === p);
  if (!r) throw new Error(`no resource ${p}`);
  return r;
}

async function statements(fn: string): Promise<{ Sid: string; Principal: unknown; Action: string; Condition?: { ArnLike?: Record<string, string> } }[]> {
  try {
    return JSON.parse((await moto.lambda.send(new GetPolicyCommand({ FunctionName: fn }))).Policy!).Statement;
  } catch {
    return [];
  }
}

const functionArn = (fn: string) => `arn:aws:lambda:${MOTO_REGION}:${MOTO_ACCOUNT}:function:${fn}`;
const proxyUri = (fn: string) => `arn:aws:apigateway:${MOTO_REGION}:lambda:path/2015-03-31/functions/${functionArn(fn)}/invocations`;
const sourceArn = (apiId: string, rest: string) => `arn:aws:execute-api:${MOTO_REGION}:${MOTO_ACCOUNT}:${apiId}/*/${rest}`;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-api-"));
  writeConfig();
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("lgw api, one command at a time", () => {
  let apiId: string;

  it("without an API: says how to get one, before any AWS call", async () => {
    const r = await lgw(["api", "routes"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no REST API selected: run `lgw api create <name>` or pass --id");
    expect(moto.proxy.requests).toEqual([]);
  });

  it("create makes a REGIONAL REST API and records it in lgw.json", async () => {
    const out = await lgwJson(["api", "create", "shop-api", "--description", "lgw test"]);
    apiId = out.id;
    expect(readConfig().api).toEqual({ type: "rest", id: apiId, name: "shop-api" });
    expect(readConfig().functions).toEqual(FUNCTIONS);
    const api = await moto.apigw.send(new GetRestApiCommand({ restApiId: apiId }));
    expect(api).toMatchObject({ name: "shop-api", description: "lgw test", endpointConfiguration: { types: ["REGIONAL"] } });
  });

  it("create refuses to replace the recorded API without --force", async () => {
    const r = await lgw(["api", "create", "other"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`already names API ${apiId} (api.id): use it with \`lgw api sync\`, or pass --force`);
    expect(moto.proxy.requests).toEqual([]);
  });

  it("create-resource makes every missing part, and a second run nothing", async () => {
    const first = await lgwJson(["api", "create-resource", "/users/{id}/files/{proxy+}"]);
    expect(first.created).toEqual(["/users", "/users/{id}", "/users/{id}/files", "/users/{id}/files/{proxy+}"]);
    const paths = (await resources(apiId)).map((r) => r.path).sort();
    expect(paths).toEqual(["/", "/users", "/users/{id}", "/users/{id}/files", "/users/{id}/files/{proxy+}"]);
    const child = await resourceAt(apiId, "/users/{id}/files/{proxy+}");
    expect(child.pathPart).toBe("{proxy+}");
    expect(child.parentId).toBe((await resourceAt(apiId, "/users/{id}/files")).id);

    const again = await lgw(["api", "create-resource", "/users/{id}/files/{proxy+}"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("already exists: nothing to create");
    expect(moto.proxy.writes()).toEqual([]);
    expect((await resources(apiId)).length).toBe(5);
  });

  it.each([
    [["api", "create-resource", "/files/{proxy+}/x"], /greedy variable "\{proxy\+\}" must be the last part/],
    [["api", "create-resource", "/a b"], /"a b" may only hold/],
    [["api", "create-method", "FETCH", "/users"], /unknown method "FETCH"/],
    [["api", "create-method", "GET", "/users", "--function", "nope"], /no function "nope"/],
    [["api", "create-method", "GET", "/users"], /pick one with --function/],
    [["api", "create-method", "GET", "/users", "--function", "users", "--authorization", "CUSTOM"], /needs --authorizer-id/],
    [["api", "create-stage", "v1.0"], /invalid stage name "v1.0"/],
    [["api", "create-stage", "prod", "--variable", "novalue"], /expected KEY=VALUE/],
  ])("refuses %j before any AWS call (exit 2)", async (args, message) => {
    const r = await lgw(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(moto.proxy.requests).toEqual([]);
  });

  it("create-method: resource, AWS_PROXY integration and a permission for exactly that method and path", async () => {
    const out = await lgwJson(["api", "create-method", "GET", "/users/{id}/orders", "--function", "orders"]);
    expect(out.resources.created).toEqual(["/users/{id}/orders"]);
    expect(out.methodChange).toBe("created");
    const res = await resourceAt(apiId, "/users/{id}/orders");
    const method = await moto.apigw.send(new GetMethodCommand({ restApiId: apiId, resourceId: res.id!, httpMethod: "GET" }));
    expect(method.authorizationType).toBe("NONE");
    const integ = await moto.apigw.send(new GetIntegrationCommand({ restApiId: apiId, resourceId: res.id!, httpMethod: "GET" }));
    expect(integ).toMatchObject({ type: "AWS_PROXY", httpMethod: "POST", uri: proxyUri("orders") });
    const mine = (await statements("orders")).filter((s) => s.Sid === out.permission.statementId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.Action).toBe("lambda:InvokeFunction");
    expect(JSON.stringify(mine[0]!.Principal)).toContain("apigateway.amazonaws.com");
    expect(mine[0]!.Condition?.ArnLike?.["AWS:SourceArn"]).toBe(sourceArn(apiId, "GET/users/*/orders"));
  });

  it("create-method again converges: no writes, no second statement, no new resource", async () => {
    const out = await lgwJson(["api", "create-method", "get", "/users/{id}/orders", "--function", "orders"]);
    expect(out).toMatchObject({ methodChange: "unchanged", integrationChange: "unchanged", permission: { outcome: "exists" } });
    expect(moto.proxy.writes()).toEqual([]);
    expect((await statements("orders")).length).toBe(1);
    expect((await resources(apiId)).length).toBe(6);
  });

  it("create-method ANY on {proxy+} allows every method on every sub-path", async () => {
    const out = await lgwJson(["api", "create-method", "ANY", "/{proxy+}", "--function", "users"]);
    const s = (await statements("users")).find((x) => x.Sid === out.permission.statementId);
    expect(s?.Condition?.ArnLike?.["AWS:SourceArn"]).toBe(sourceArn(apiId, "*/*"));
  });

  it("create-method moves a method to another function: lgw.json's route too, with --force", async () => {
    expect(readConfig().routes).toEqual({ "GET /users/{id}/orders": "orders", "ANY /{proxy+}": "users" });
    const refused = await lgw(["api", "create-method", "GET", "/users/{id}/orders", "--function", "users"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('lgw.json routes "GET /users/{id}/orders" to orders, not users: pass --force');
    expect(moto.proxy.writes()).toEqual([]);
    const out = await lgwJson(["api", "create-method", "GET", "/users/{id}/orders", "--function", "users", "--force"]);
    expect(out.config).toEqual({ saved: true, file: path.join(dir, "lgw.json"), key: "GET /users/{id}/orders", change: "replaced", was: "orders" });
    expect(readConfig().routes).toEqual({ "GET /users/{id}/orders": "users", "ANY /{proxy+}": "users" });
    expect(out.integrationChange).toBe("updated");
    const res = await resourceAt(apiId, "/users/{id}/orders");
    const integ = await moto.apigw.send(new GetIntegrationCommand({ restApiId: apiId, resourceId: res.id!, httpMethod: "GET" }));
    expect(integ.uri).toBe(proxyUri("users"));
  });

  it("cors adds OPTIONS with a MOCK integration returning the headers, and converges", async () => {
    const out = await lgwJson(["api", "cors", "/users/{id}/orders", "--origin", "https://shop.example"]);
    expect(out.cors.methods).toEqual(["GET", "OPTIONS"]);
    const res = await resourceAt(apiId, "/users/{id}/orders");
    const ids = { restApiId: apiId, resourceId: res.id!, httpMethod: "OPTIONS" };
    const integ = await moto.apigw.send(new GetIntegrationCommand(ids));
    expect(integ.type).toBe("MOCK");
    expect(integ.requestTemplates).toEqual({ "application/json": '{"statusCode": 200}' });
    const methodResponse = await moto.apigw.send(new GetMethodResponseCommand({ ...ids, statusCode: "200" }));
    expect(Object.keys(methodResponse.responseParameters ?? {}).sort()).toEqual([
      "method.response.header.Access-Control-Allow-Headers",
      "method.response.header.Access-Control-Allow-Methods",
      "method.response.header.Access-Control-Allow-Origin",
    ]);
    const integrationResponse = await moto.apigw.send(new GetIntegrationResponseCommand({ ...ids, statusCode: "200" }));
    expect(integrationResponse.responseParameters).toEqual({
      "method.response.header.Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
      "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
      "method.response.header.Access-Control-Allow-Origin": "'https://shop.example'",
    });

    const again = await lgwJson(["api", "cors", "/users/{id}/orders", "--origin", "https://shop.example"]);
    expect(again.change).toBe("unchanged");
    expect(moto.proxy.writes()).toEqual([]);

    expect(readConfig().api.cors).toEqual({ allowOrigins: ["https://shop.example"], paths: ["/users/{id}/orders"] });
    const changed = await lgwJson(["api", "cors", "/users/{id}/orders", "--origin", "*", "--methods", "GET,POST", "--force"]);
    expect(readConfig().api.cors).toEqual({ paths: ["/users/{id}/orders"], allowOrigins: ["*"], allowMethods: ["GET", "POST"] });
    expect(changed.change).toBe("updated");
    const after = await moto.apigw.send(new GetIntegrationResponseCommand({ ...ids, statusCode: "200" }));
    expect(after.responseParameters?.["method.response.header.Access-Control-Allow-Methods"]).toBe("'GET,POST,OPTIONS'");
  });

  it("routes lists resources, methods and integration targets", async () => {
    const out = await lgwJson(["api", "routes"]);
    expect(out.routes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "/users/{id}/orders", method: "GET", integrationType: "AWS_PROXY", functionName: "users" }),
        expect.objectContaining({ path: "/users/{id}/orders", method: "OPTIONS", integrationType: "MOCK" }),
        expect.objectContaining({ path: "/{proxy+}", method: "ANY", functionName: "users" }),
        { path: "/users" },
      ]),
    );
    const text = await lgw(["api", "routes"]);
    expect(text.stdout).toMatch(/^PATH\s+METHOD\s+INTEGRATION\s+TARGET\s+AUTH$/m);
    expect(text.stdout).toMatch(/^\/users\/\{id\}\/orders\s+GET\s+AWS_PROXY\s+users\s+NONE$/m);
  });

  it("create-stage deploys into the stage and prints its URL", async () => {
    writeConfig({ api: { ...readConfig().api, stageVariables: { table: "shop", region: "eu" } } });
    const r = await lgw(["api", "create-stage", "prod", "--variable", "table=shop-prod", "--description", "first"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`https://${apiId}.execute-api.${MOTO_REGION}.amazonaws.com/prod/`);
    const out = await lgwJson(["api", "create-stage", "prod", "--variable", "table=shop-prod"]);
    const stage = await moto.apigw.send(new GetStageCommand({ restApiId: apiId, stageName: "prod" }));
    expect(stage.deploymentId).toBe(out.deploymentId);
    expect(stage.variables).toEqual({ table: "shop-prod", region: "eu" });
  });

  it("--id picks an API outside lgw.json, and an unknown one is named", async () => {
    const r = await lgw(["api", "routes", "--id", "doesnotexist"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`REST API doesnotexist not found in ${MOTO_REGION}`);
  });
});

describe("lgw api sync", () => {
  let apiId: string;
  let syncDir: string;
  const ROUTES = { "GET /users": "users", "GET /users/{id}": "users", "POST /orders": "orders", "ANY /{proxy+}": "users" };

  const sync = (args: string[] = []) => lgwJson(["api", "sync", ...args], syncDir);

  beforeAll(async () => {
    syncDir = mkdtempSync(path.join(os.tmpdir(), "lgw-api-sync-"));
    apiId = (await moto.apigw.send(new CreateRestApiCommand({ name: "sync-api" }))).id!;
    writeConfig({ routes: ROUTES, api: { id: apiId, binaryMediaTypes: ["image/png"] } }, syncDir);
  });
  afterAll(() => rmSync(syncDir, { recursive: true, force: true }));

  it("a route naming an unknown function is refused before any AWS call", async () => {
    writeConfig({ routes: { ...ROUTES, "GET /x": "ghost" }, api: { id: apiId } }, syncDir);
    const r = await lgw(["api", "sync"], syncDir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/names function "ghost"/);
    expect(moto.proxy.requests).toEqual([]);
    writeConfig({ routes: ROUTES, api: { id: apiId, binaryMediaTypes: ["image/png"] } }, syncDir);
  });

  it("--dry-run prints the plan and changes nothing", async () => {
    const plan = await sync(["--dry-run"]);
    expect(plan.dryRun).toBe(true);
    expect(plan.applied).toBe(0);
    expect(plan.steps.map((s: { action: string }) => s.action)).toEqual([
      "create-resource",
      "create-resource",
      "create-resource",
      "create-resource",
      "put-method",
      "put-method",
      "put-method",
      "put-method",
      "set-binary-media-types",
    ]);
    expect(moto.proxy.writes()).toEqual([]);
    expect((await resources(apiId)).map((r) => r.path)).toEqual(["/"]);
  });

  it("applies the same plan: resources, proxy integrations, permissions, binary types", async () => {
    const r = await lgw(["api", "sync"], syncDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/REST API \w+: 9 changes/);
    expect(r.stdout).toContain("+ POST /orders -> orders");
    const all = await resources(apiId);
    expect(all.map((x) => x.path).sort()).toEqual(["/", "/orders", "/users", "/users/{id}", "/{proxy+}"]);
    const byPath = Object.fromEntries(all.map((x) => [x.path, x]));
    expect(byPath["/orders"]!.resourceMethods?.POST?.methodIntegration).toMatchObject({ type: "AWS_PROXY", uri: proxyUri("orders") });
    expect(byPath["/users/{id}"]!.resourceMethods?.GET?.methodIntegration).toMatchObject({ type: "AWS_PROXY", uri: proxyUri("users") });
    expect(byPath["/{proxy+}"]!.resourceMethods?.ANY?.methodIntegration).toMatchObject({ type: "AWS_PROXY", uri: proxyUri("users") });
    const arns = (await statements("orders")).map((s) => s.Condition?.ArnLike?.["AWS:SourceArn"]);
    expect(arns).toContain(sourceArn(apiId, "POST/orders"));
    expect((await moto.apigw.send(new GetRestApiCommand({ restApiId: apiId }))).binaryMediaTypes).toEqual(["image/png"]);
  });

  it("a second run reports no changes and writes nothing", async () => {
    const r = await lgw(["api", "sync"], syncDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("no changes (4 routes up to date)");
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("fixes an integration that points at another function", async () => {
    writeConfig({ routes: { ...ROUTES, "POST /orders": "users" }, api: { id: apiId, binaryMediaTypes: ["image/png"] } }, syncDir);
    const out = await sync();
    expect(out.steps).toEqual([expect.objectContaining({ action: "fix-integration", method: "POST", path: "/orders", functionName: "users", was: "function orders" })]);
    const res = await resourceAt(apiId, "/orders");
    expect(res.resourceMethods?.POST?.methodIntegration?.uri).toBe(proxyUri("users"));
    expect((await statements("users")).map((s) => s.Condition?.ArnLike?.["AWS:SourceArn"])).toContain(sourceArn(apiId, "POST/orders"));
    expect((await statements("orders")).map((s) => s.Condition?.ArnLike?.["AWS:SourceArn"])).not.toContain(sourceArn(apiId, "POST/orders"));
  });

  it("keeps what the table no longer names, and --prune removes it (but not CORS preflights)", async () => {
    await lgwJson(["api", "cors", "/users", "--id", apiId], syncDir);
    writeConfig({ routes: { "GET /users": "users", "ANY /{proxy+}": "users" }, api: { id: apiId, binaryMediaTypes: [] } }, syncDir);
    expect((await sync()).steps).toEqual([]);

    const out = await sync(["--prune"]);
    expect(out.steps.map((s: { action: string; path?: string; method?: string }) => `${s.action} ${s.method ?? ""} ${s.path ?? ""}`.replace(/\s+/g, " ").trim())).toEqual([
      "delete-method GET /users/{id}",
      "delete-method POST /orders",
      "delete-resource /users/{id}",
      "delete-resource /orders",
      "set-binary-media-types",
    ]);
    const all = await resources(apiId);
    expect(all.map((x) => x.path).sort()).toEqual(["/", "/users", "/{proxy+}"]);
    expect(Object.keys(all.find((x) => x.path === "/users")!.resourceMethods ?? {}).sort()).toEqual(["GET", "OPTIONS"]);
    expect((await moto.apigw.send(new GetRestApiCommand({ restApiId: apiId }))).binaryMediaTypes ?? []).toEqual([]);
    expect((await statements("users")).map((s) => s.Condition?.ArnLike?.["AWS:SourceArn"])).not.toContain(sourceArn(apiId, "GET/users/*"));

    const again = await sync(["--prune"]);
    expect(again.steps).toEqual([]);
  });
});

describe("lgw api sync: re-pointing, undeployed functions, extra binary types", () => {
  let apiId: string;
  let syncDir: string;
  const FNS = { a: { entry: "./functions/a" }, b: { entry: "./functions/b" }, other: { entry: "./functions/other" } };
  const configure = (routes: Record<string, string>, binaryMediaTypes: string[] = []) =>
    writeFileSync(path.join(syncDir, "lgw.json"), JSON.stringify({ functions: FNS, routes, api: { id: apiId, binaryMediaTypes } }, null, 2));
  const sids = async (fn: string) => (await statements(fn)).map((s) => s.Sid);
  const sync = (args: string[] = []) => lgwJson(["api", "sync", ...args], syncDir);

  beforeAll(async () => {
    syncDir = mkdtempSync(path.join(os.tmpdir(), "lgw-api-repoint-"));
    apiId = (await moto.apigw.send(new CreateRestApiCommand({ name: "repoint-api" }))).id!;
    await moto.createFunctions(["a", "b"], ["arm64"]);
  });
  afterAll(() => rmSync(syncDir, { recursive: true, force: true }));

  it("re-pointing a route moves its invoke permission from the old function to the new one", async () => {
    configure({ "GET /hello": "a" });
    expect((await lgw(["api", "sync"], syncDir)).code).toBe(0);
    const [sid] = await sids("a");
    expect(sid).toMatch(/^lgw-/);
    expect((await statements("a"))[0]!.Condition?.ArnLike?.["AWS:SourceArn"]).toBe(sourceArn(apiId, "GET/hello"));

    configure({ "GET /hello": "b" });
    const out = await lgwJson(["api", "sync"], syncDir);
    expect(out.steps).toEqual([
      expect.objectContaining({ action: "fix-integration", method: "GET", path: "/hello", functionName: "b", removePermission: { functionName: "a", statementId: sid } }),
    ]);
    expect(await sids("a")).not.toContain(sid);
    const onB = (await statements("b")).filter((s) => s.Sid === sid);
    expect(onB).toHaveLength(1);
    expect(onB[0]!.Condition?.ArnLike?.["AWS:SourceArn"]).toBe(sourceArn(apiId, "GET/hello"));
    expect((await resourceAt(apiId, "/hello")).resourceMethods?.GET?.methodIntegration?.uri).toBe(proxyUri("b"));
  });

  it("removes a statement a route left behind on a function it no longer goes to", async () => {
    // create-method re-points GET /hello to a, and b keeps its statement for it
    expect((await lgw(["api", "create-method", "GET", "/hello", "--function", "a", "--no-save"], syncDir)).code).toBe(0);
    const sid = (await sids("b")).find((s) => s.startsWith("lgw-"))!;
    expect(await sids("a")).toContain(sid);
    configure({ "GET /hello": "a" });
    const out = await lgwJson(["api", "sync"], syncDir);
    expect(out.steps).toEqual([{ action: "remove-permission", method: "GET", path: "/hello", functionName: "b", statementId: sid }]);
    expect(await sids("b")).not.toContain(sid);
    expect(await sids("a")).toContain(sid);
    expect((await sync()).steps).toEqual([]);
  });

  it("--dry-run shows the plan when a routed function is not deployed yet, marking its steps; a real sync refuses before any change", async () => {
    configure({ "GET /hello": "a", "GET /other": "other" });
    const dry = await lgw(["api", "sync", "--dry-run"], syncDir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("+ resource /other");
    expect(dry.stdout).toContain("+ GET /other -> other (needs function other deployed first)");
    expect(dry.stderr).toContain("function other is not deployed yet: run `lgw deploy other --create`");
    expect(moto.proxy.writes()).toEqual([]);

    const json = await sync(["--dry-run"]);
    expect(json.undeployed).toEqual(["other"]);
    expect(json.steps).toEqual([
      { action: "create-resource", path: "/other", parentPath: "/", pathPart: "other" },
      expect.objectContaining({ action: "put-method", method: "GET", path: "/other", functionName: "other", uri: proxyUri("other"), needsDeploy: true }),
    ]);

    const real = await lgw(["api", "sync"], syncDir);
    expect(real.code).toBe(1);
    expect(real.stderr.trim().split("\n")).toEqual([expect.stringContaining("function other is not deployed yet: run `lgw deploy other --create`")]);
    expect(moto.proxy.writes()).toEqual([]);
    expect((await resources(apiId)).map((r) => r.path).sort()).toEqual(["/", "/hello"]);
  });

  it("says which binary media types it keeps when lgw.json no longer lists them", async () => {
    configure({ "GET /hello": "a" }, ["image/png", "image/gif"]);
    expect((await lgw(["api", "sync"], syncDir)).code).toBe(0);
    configure({ "GET /hello": "a" }, ["image/png"]);
    const r = await lgw(["api", "sync"], syncDir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("no changes");
    expect(r.stdout).toContain("api has binaryMediaTypes not in lgw.json: image/gif (kept; --prune removes them)");
    expect(moto.proxy.writes()).toEqual([]);
    const pruned = await lgw(["api", "sync", "--prune"], syncDir);
    expect(pruned.stdout).toContain("-image/gif");
    expect(pruned.stdout).not.toContain("not in lgw.json");
    expect((await moto.apigw.send(new GetRestApiCommand({ restApiId: apiId }))).binaryMediaTypes).toEqual(["image/png"]);
  });

  it("api.cors makes the MOCK preflight on each routed path, and a second sync writes nothing", async () => {
    const cors = { allowOrigins: ["https://app.example.com"], allowHeaders: ["Authorization"] };
    const write = (c: unknown) =>
      writeFileSync(path.join(syncDir, "lgw.json"), JSON.stringify({ functions: FNS, routes: { "GET /hello": "a", "POST /hello": "a" }, api: { id: apiId, binaryMediaTypes: ["image/png"], cors: c } }, null, 2));
    write({ ...cors, allowOrigins: ["https://a", "https://b"] });
    const bad = await lgw(["api", "sync"], syncDir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("a REST API's preflight (a MOCK integration) answers one");
    expect(moto.proxy.requests).toEqual([]);
    write(cors);
    const out = await sync();
    expect(out.steps).toContainEqual({ action: "set-cors", path: "/hello", spec: { origin: "https://app.example.com", methods: ["GET", "POST", "OPTIONS"], headers: ["Authorization"] } });
    const hello = await resourceAt(apiId, "/hello");
    expect(hello.resourceMethods?.OPTIONS?.methodIntegration?.type).toBe("MOCK");
    const response = await moto.apigw.send(new GetIntegrationResponseCommand({ restApiId: apiId, resourceId: hello.id!, httpMethod: "OPTIONS", statusCode: "200" }));
    expect(response.responseParameters).toMatchObject({ "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'" });
    expect((await sync()).steps).toEqual([]);
    expect(moto.proxy.writes()).toEqual([]);
  });
});
