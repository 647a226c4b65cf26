// `lgw api ...` for HTTP APIs (API Gateway v2) against moto: after each command, read the API,
// its routes, integrations, authorizers, stages and CORS configuration, and the functions'
// policies, back through the SDK. Requests go through the recording proxy, so "refused before
// any AWS call" and "a second sync writes nothing" are seen on the wire.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateApiCommand, GetApiCommand, GetAuthorizerCommand, GetIntegrationsCommand, GetRoutesCommand, GetStageCommand } from "@aws-sdk/client-apigatewayv2";
import { GetPolicyCommand } from "@aws-sdk/client-lambda";
import { CreateRestApiCommand } from "@aws-sdk/client-api-gateway";
import { MOTO_ACCOUNT, MOTO_REGION } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto({ proxy: true, functions: ["users", "web", "auth"] });
let dir: string;

const ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test";
const PROJECT = {
  eventFormat: "v2",
  functions: { users: { entry: "./functions/users" }, web: { entry: "./functions/web", eventFormat: "v1" }, auth: { entry: "./functions/auth" } },
  authorizers: {
    cognito: { type: "jwt", issuer: ISSUER, audience: ["client-1"], jwks: "./.lgw/jwks.json" },
    gate: { type: "lambda", function: "auth", identitySource: ["$request.header.X-Key"], ttl: 300 },
  },
  routes: {
    "GET /users/{id}": { function: "users", authorizer: "cognito", scopes: ["users/read"] },
    "POST /users": { function: "users", authorizer: "gate" },
    "GET /health": "users",
    $default: "web",
  },
  api: { cors: { allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST"], allowHeaders: ["authorization"], maxAge: 600 } },
};

const writeConfig = (json: unknown, at = dir) => writeFileSync(path.join(at, "lgw.json"), JSON.stringify(json, null, 2));
const readConfig = (at = dir) => JSON.parse(readFileSync(path.join(at, "lgw.json"), "utf8"));
const functionArn = (fn: string) => `arn:aws:lambda:${MOTO_REGION}:${MOTO_ACCOUNT}:function:${fn}`;
const executeArn = (apiId: string, rest: string) => `arn:aws:execute-api:${MOTO_REGION}:${MOTO_ACCOUNT}:${apiId}/${rest}`;

const lgw = (args: string[], cwd = dir) => moto.lgw(args, { cwd });
const lgwJson = (args: string[], cwd = dir) => moto.lgwJson(args, { cwd });


async function sourceArns(fn: string): Promise<Record<string, string>> {
  try {
    const statements = JSON.parse((await moto.lambda.send(new GetPolicyCommand({ FunctionName: fn }))).Policy!).Statement as { Sid: string; Condition?: { ArnLike?: Record<string, string> } }[];
    return Object.fromEntries(statements.map((s) => [s.Sid, s.Condition?.ArnLike?.["AWS:SourceArn"] ?? ""]));
  } catch {
    return {};
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-http-api-"));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a REST API in front of v2 functions", () => {
  it("is refused before any AWS call, with the fix", async () => {
    writeConfig({ ...PROJECT, authorizers: undefined, routes: { "GET /users/{id}": "users" }, api: { type: "rest", id: "abc123" } });
    for (const args of [["api", "sync"], ["api", "create-stage", "prod"]]) {
      const r = await lgw(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('function users is written for HTTP API events (eventFormat "v2"), which a REST API cannot send: set "api": {"type": "http"}');
      expect(moto.proxy.requests).toEqual([]);
    }
    writeConfig({ ...PROJECT, authorizers: undefined, routes: { "GET /users/{id}": "users" } });
    const create = await lgw(["api", "create", "x", "--type", "rest"]);
    expect(create.code).toBe(2);
    expect(moto.proxy.requests).toEqual([]);
  });
});

describe("lgw api for an HTTP API", () => {
  let apiId: string;

  it("create --type http makes an HTTP API with an auto-deploying $default stage and records id and type", async () => {
    writeConfig(PROJECT);
    const out = await lgwJson(["api", "create", "shop", "--type", "http"]);
    apiId = out.id;
    expect(out).toMatchObject({ type: "http", stage: "$default", url: `https://${apiId}.execute-api.${MOTO_REGION}.amazonaws.com/` });
    expect(readConfig().api).toMatchObject({ type: "http", id: apiId, name: "shop", cors: PROJECT.api.cors });
    const api = await moto.apigwv2.send(new GetApiCommand({ ApiId: apiId }));
    expect(api).toMatchObject({ Name: "shop", ProtocolType: "HTTP" });
    expect(await moto.apigwv2.send(new GetStageCommand({ ApiId: apiId, StageName: "$default" }))).toMatchObject({ AutoDeploy: true });
  });

  it("REST-only subcommands say so in one line", async () => {
    for (const [args, what] of [
      [["api", "create-resource", "/x"], "create-resource"],
      [["api", "cors", "/x"], "cors"],
    ] as const) {
      const r = await lgw([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`\`lgw api ${what}\``);
      expect(r.stderr).toContain("exists only in REST APIs");
      expect(moto.proxy.requests).toEqual([]);
    }
  });

  it("sync --dry-run shows the plan and changes nothing", async () => {
    const out = await lgwJson(["api", "sync", "--dry-run"]);
    expect(out.kind).toBe("http");
    expect(out.steps.map((s: { action: string }) => s.action)).toContain("create-route");
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("sync creates routes, integrations with payload formats, authorizers, scopes, CORS and permissions", async () => {
    const out = await lgwJson(["api", "sync"]);
    expect(out.applied).toBeGreaterThan(0);

    const integrations = (await moto.apigwv2.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items!;
    const byFn = Object.fromEntries(integrations.map((i) => [i.IntegrationUri, i]));
    expect(byFn[functionArn("users")]).toMatchObject({ IntegrationType: "AWS_PROXY", PayloadFormatVersion: "2.0" });
    expect(byFn[functionArn("web")]).toMatchObject({ IntegrationType: "AWS_PROXY", PayloadFormatVersion: "1.0" });
    expect(integrations).toHaveLength(2);

    // moto has no GetAuthorizers: read each one a route uses
    const ids = [...new Set((await moto.apigwv2.send(new GetRoutesCommand({ ApiId: apiId }))).Items!.flatMap((r) => (r.AuthorizerId ? [r.AuthorizerId] : [])))];
    const authorizers = Object.fromEntries(await Promise.all(ids.map(async (id) => { const a = await moto.apigwv2.send(new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: id })); return [a.Name, a] as const; })));
    expect(authorizers.cognito).toMatchObject({ AuthorizerType: "JWT", IdentitySource: ["$request.header.Authorization"], JwtConfiguration: { Issuer: ISSUER, Audience: ["client-1"] } });
    expect(authorizers.gate).toMatchObject({
      AuthorizerType: "REQUEST",
      AuthorizerUri: `arn:aws:apigateway:${MOTO_REGION}:lambda:path/2015-03-31/functions/${functionArn("auth")}/invocations`,
      AuthorizerPayloadFormatVersion: "2.0",
      EnableSimpleResponses: true,
      IdentitySource: ["$request.header.X-Key"],
      AuthorizerResultTtlInSeconds: 300,
    });

    const routes = Object.fromEntries((await moto.apigwv2.send(new GetRoutesCommand({ ApiId: apiId }))).Items!.map((r) => [r.RouteKey, r]));
    expect(Object.keys(routes).sort()).toEqual(["$default", "GET /health", "GET /users/{id}", "POST /users"]);
    const target = (fn: string) => `integrations/${byFn[functionArn(fn)]!.IntegrationId}`;
    expect(routes["GET /users/{id}"]).toMatchObject({ Target: target("users"), AuthorizationType: "JWT", AuthorizerId: authorizers.cognito!.AuthorizerId, AuthorizationScopes: ["users/read"] });
    expect(routes["POST /users"]).toMatchObject({ Target: target("users"), AuthorizationType: "CUSTOM", AuthorizerId: authorizers.gate!.AuthorizerId });
    expect(routes["GET /health"]).toMatchObject({ Target: target("users"), AuthorizationType: "NONE" });
    expect(routes.$default).toMatchObject({ Target: target("web"), AuthorizationType: "NONE" });

    const api = await moto.apigwv2.send(new GetApiCommand({ ApiId: apiId }));
    expect(api.CorsConfiguration).toMatchObject({ AllowOrigins: ["https://app.example.com"], AllowMethods: ["GET", "POST"], AllowHeaders: ["authorization"], MaxAge: 600 });

    expect(Object.values(await sourceArns("users")).sort()).toEqual([executeArn(apiId, "*/GET/health"), executeArn(apiId, "*/GET/users/*"), executeArn(apiId, "*/POST/users")]);
    expect(Object.values(await sourceArns("web"))).toEqual([executeArn(apiId, "*/$default")]);
    expect(Object.values(await sourceArns("auth"))).toEqual([executeArn(apiId, `authorizers/${authorizers.gate!.AuthorizerId}`)]);
  });

  it("a second sync sends no writes and says no changes", async () => {
    const r = await lgw(["api", "sync"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`HTTP API ${apiId}: no changes (4 routes up to date)`);
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("a changed scope and payload format are fixed in place", async () => {
    const changed = structuredClone(PROJECT) as Omit<typeof PROJECT, "functions"> & { functions: Record<string, Record<string, unknown>> };
    (changed.routes["GET /users/{id}"] as { scopes: string[] }).scopes = ["users/admin"];
    changed.functions.web = { entry: "./functions/web" };
    writeConfig({ ...changed, api: readConfig().api });
    const out = await lgwJson(["api", "sync"]);
    expect(out.steps.map((s: { action: string }) => s.action).sort()).toEqual(["update-integration", "update-route"]);
    const routes = (await moto.apigwv2.send(new GetRoutesCommand({ ApiId: apiId }))).Items!;
    expect(routes.find((r) => r.RouteKey === "GET /users/{id}")!.AuthorizationScopes).toEqual(["users/admin"]);
    const web = (await moto.apigwv2.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items!.find((i) => i.IntegrationUri === functionArn("web"))!;
    expect(web.PayloadFormatVersion).toBe("2.0");
    writeConfig({ ...PROJECT, api: readConfig().api });
    await lgwJson(["api", "sync"]);
  });

  it("create-stage makes an auto-deploying stage and prints its URL; again it changes nothing", async () => {
    const out = await lgwJson(["api", "create-stage", "prod", "--variable", "table=users-prod"]);
    expect(out).toMatchObject({ stage: "prod", change: "created", url: `https://${apiId}.execute-api.${MOTO_REGION}.amazonaws.com/prod/` });
    expect(await moto.apigwv2.send(new GetStageCommand({ ApiId: apiId, StageName: "prod" }))).toMatchObject({ AutoDeploy: true, StageVariables: { table: "users-prod" } });
    const again = await lgwJson(["api", "create-stage", "prod", "--variable", "table=users-prod"]);
    expect(again.change).toBe("unchanged");
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("routes lists each route with its function, payload format and authorization", async () => {
    const out = await lgwJson(["api", "routes"]);
    expect(out.routes).toEqual([
      { routeKey: "$default", integrationType: "AWS_PROXY", functionName: "web", payloadFormat: "1.0", authorization: "NONE" },
      { routeKey: "GET /health", integrationType: "AWS_PROXY", functionName: "users", payloadFormat: "2.0", authorization: "NONE" },
      { routeKey: "GET /users/{id}", integrationType: "AWS_PROXY", functionName: "users", payloadFormat: "2.0", authorization: "JWT", authorizer: "cognito", scopes: ["users/read"] },
      { routeKey: "POST /users", integrationType: "AWS_PROXY", functionName: "users", payloadFormat: "2.0", authorization: "CUSTOM", authorizer: "gate" },
    ]);
  });

  it("without --prune a dropped route stays and is noted; with --prune it goes, with its permission", async () => {
    const { "GET /health": _gone, ...routes } = PROJECT.routes;
    writeConfig({ ...PROJECT, routes, api: readConfig().api });
    const kept = await lgw(["api", "sync"]);
    expect(kept.stdout).toContain("  in AWS only (not in lgw.json; kept, --prune removes them):\n    GET /health -> users");
    expect(moto.proxy.writes()).toEqual([]);
    const dry = await lgwJson(["api", "sync", "--dry-run"]);
    expect(dry.awsOnly).toEqual([{ route: "GET /health", functionName: "users" }]);
    expect(dry.steps).toEqual([]);
    const out = await lgwJson(["api", "sync", "--prune"]);
    expect(out.steps).toEqual([expect.objectContaining({ action: "delete-route", routeKey: "GET /health" })]);
    const keys = (await moto.apigwv2.send(new GetRoutesCommand({ ApiId: apiId }))).Items!.map((r) => r.RouteKey);
    expect(keys).not.toContain("GET /health");
    expect(Object.values(await sourceArns("users"))).not.toContain(executeArn(apiId, "*/GET/health"));
  });
});

describe("a v2 project whose api.id is a REST API (made before api.type existed)", () => {
  it("sync, routes and create-stage say so, with the way out, and write nothing", async () => {
    const old = mkdtempSync(path.join(os.tmpdir(), "lgw-http-old-"));
    try {
      const { id } = await moto.apigw.send(new CreateRestApiCommand({ name: "old-api" }));
      writeConfig({ eventFormat: "v2", functions: { users: { entry: "." } }, routes: { "GET /users/{id}": "users" }, api: { id } }, old);
      for (const args of [["api", "sync"], ["api", "routes"], ["api", "create-stage", "prod"]]) {
        const r = await lgw(args, old);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${id} is a REST API (old-api), not an HTTP API, which this command needs (api.type "http")`);
        expect(r.stderr).toContain("lgw api create <name> --type http --force");
        expect(moto.proxy.writes()).toEqual([]);
      }
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  });
});

describe("a v1 (REST) project whose api.id is an HTTP API", () => {
  it("sync and routes say so, with the way out, and write nothing", async () => {
    const v1 = mkdtempSync(path.join(os.tmpdir(), "lgw-rest-on-http-"));
    try {
      const { ApiId } = await moto.apigwv2.send(new CreateApiCommand({ Name: "new-api", ProtocolType: "HTTP" }));
      writeConfig({ functions: { users: { entry: "." } }, routes: { "GET /users/{id}": "users" }, api: { id: ApiId } }, v1);
      for (const args of [["api", "sync"], ["api", "routes"]]) {
        const r = await lgw(args, v1);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${ApiId} is an HTTP API (new-api), not a REST API, which this command needs (api.type "rest")`);
        expect(r.stderr).toContain('set "api": {"type": "http"} in lgw.json');
        expect(moto.proxy.writes()).toEqual([]);
      }
    } finally {
      rmSync(v1, { recursive: true, force: true });
    }
  });
});

describe("a one-function HTTP API project without routes", () => {
  it("gets one $default route, and --no-stage makes no stage", async () => {
    const one = mkdtempSync(path.join(os.tmpdir(), "lgw-http-one-"));
    try {
      writeConfig({ eventFormat: "v2", functions: { web: { entry: "." } } }, one);
      const created = await lgwJson(["api", "create", "one", "--no-stage"], one);
      expect(created).toMatchObject({ type: "http" });
      expect(created.stage).toBeUndefined();
      const r = await lgw(["api", "sync"], one);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("every path goes to the project's only function ($default)");
      const routes = (await moto.apigwv2.send(new GetRoutesCommand({ ApiId: created.id }))).Items!;
      expect(routes.map((x) => x.RouteKey)).toEqual(["$default"]);
    } finally {
      rmSync(one, { recursive: true, force: true });
    }
  });
});
