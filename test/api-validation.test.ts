// `lgw api sync` with REST models, request validators, required parameters and gateway
// responses against moto (MOCK routes: no function needed), read back through the SDK; a
// second sync writes nothing; a changed schema is replaced; --prune removes what lgw.json dropped.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetRestApiCommand, GetGatewayResponsesCommand, GetMethodCommand, GetModelsCommand, GetRequestValidatorsCommand, GetResourcesCommand } from "@aws-sdk/client-api-gateway";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto({ proxy: true });
let dir: string;
let apiId: string;

const USER = { type: "object", required: ["name"], properties: { name: { type: "string" } } };
const OK = { responses: { default: { statusCode: 200 } } };
const ROUTES = {
  "POST /users": { integration: "mock", requestModel: "User", ...OK },
  "GET /users": { integration: "mock", requiredParameters: ["querystring.name"], ...OK },
};
const RESPONSES = {
  DEFAULT_4XX: { headers: { "Access-Control-Allow-Origin": "'*'" } },
  UNAUTHORIZED: { statusCode: 401, headers: { "WWW-Authenticate": "Bearer" }, body: '{"error":"unauthorized"}' },
};

function writeConfig(routes: Record<string, unknown>, api: Record<string, unknown>): void {
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { users: {} }, routes, api: { type: "rest", id: apiId, ...api } }, null, 2));
}

const lgw = (...args: string[]) => moto.lgw(args, { cwd: dir });

async function method(p: string, httpMethod: string) {
  const items = (await moto.apigw.send(new GetResourcesCommand({ restApiId: apiId }))).items ?? [];
  return moto.apigw.send(new GetMethodCommand({ restApiId: apiId, resourceId: items.find((r) => r.path === p)!.id!, httpMethod }));
}

const validators = async () => Object.fromEntries(((await moto.apigw.send(new GetRequestValidatorsCommand({ restApiId: apiId }))).items ?? []).map((v) => [v.name!, v]));
const models = async () => Object.fromEntries(((await moto.apigw.send(new GetModelsCommand({ restApiId: apiId }))).items ?? []).map((m) => [m.name!, m]));
const responses = async () => Object.fromEntries(((await moto.apigw.send(new GetGatewayResponsesCommand({ restApiId: apiId }))).items ?? []).filter((r) => !r.defaultResponse).map((r) => [r.responseType!, r]));

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-api-validation-"));
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { users: {} } }));
  const created = await lgw("api", "create", "validation-api", "--json");
  expect(created.code).toBe(0);
  apiId = JSON.parse(created.stdout).apiId ?? JSON.parse(created.stdout).id;
  writeConfig(ROUTES, { models: { User: USER }, gatewayResponses: RESPONSES });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("lgw api sync: models, validators, gateway responses", () => {
  it("--dry-run shows every step and writes nothing", async () => {
    const r = await lgw("api", "sync", "--dry-run");
    expect(r.code).toBe(0);
    const out = r.stdout + r.stderr;
    for (const line of ["+ model User", "+ request validator lgw-body (body)", "+ request validator lgw-params (parameters)", "+ gateway response UNAUTHORIZED (status 401, WWW-Authenticate, body)"]) expect(out).toContain(line);
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("creates the model, the validators, the methods naming them and the gateway responses", async () => {
    const r = await lgw("api", "sync");
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const m = await models();
    expect(m.User).toMatchObject({ contentType: "application/json" });
    expect(JSON.parse(m.User!.schema!)).toEqual(USER);
    const v = await validators();
    expect(v["lgw-body"]).toMatchObject({ validateRequestBody: true, validateRequestParameters: false });
    expect(v["lgw-params"]).toMatchObject({ validateRequestBody: false, validateRequestParameters: true });
    expect(await method("/users", "POST")).toMatchObject({ requestModels: { "application/json": "User" }, requestValidatorId: v["lgw-body"]!.id });
    expect(await method("/users", "GET")).toMatchObject({ requestParameters: { "method.request.querystring.name": true }, requestValidatorId: v["lgw-params"]!.id });
    const g = await responses();
    expect(g.DEFAULT_4XX).toMatchObject({ responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } });
    expect(g.UNAUTHORIZED).toMatchObject({ statusCode: "401", responseParameters: { "gatewayresponse.header.WWW-Authenticate": "'Bearer'" }, responseTemplates: { "application/json": '{"error":"unauthorized"}' } });
  });

  it("a second sync reports no changes and writes nothing", async () => {
    const r = await lgw("api", "sync");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no changes \(2 routes up to date\)/);
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("replaces a changed schema, rebuilds a method whose parameters changed, keeps what lgw.json dropped", async () => {
    const user = { ...USER, required: ["name", "email"] };
    writeConfig({ ...ROUTES, "GET /users": { integration: "mock", ...OK } }, { models: { User: user }, gatewayResponses: { DEFAULT_4XX: RESPONSES.DEFAULT_4XX } });
    const r = await lgw("api", "sync");
    expect(r.code).toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain("~ model User (another schema)");
    expect(out).toContain("gateway response UNAUTHORIZED is customised but not in lgw.json (kept; --prune resets it)");
    expect(out).toContain("request validator lgw-params is not used by lgw.json's routes (kept; --prune removes it)");
    expect(JSON.parse((await models()).User!.schema!)).toEqual(user);
    const get = await method("/users", "GET");
    expect(get.requestValidatorId ?? undefined).toBeUndefined();
    expect(get.requestParameters ?? {}).toEqual({});
    expect((await responses()).UNAUTHORIZED).toBeDefined();
  });

  it("--prune resets the gateway response and removes the unused validator; the next sync writes nothing", async () => {
    const r = await lgw("api", "sync", "--prune");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain("- gateway response UNAUTHORIZED");
    expect(r.stdout + r.stderr).toContain("- request validator lgw-params");
    expect((await responses()).UNAUTHORIZED).toBeUndefined();
    expect((await validators())["lgw-params"]).toBeUndefined();
    const again = await lgw("api", "sync", "--prune");
    expect(again.stdout + again.stderr).toMatch(/no changes/);
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("sets api.apiKeySource on the API, once", async () => {
    const user = { ...USER, required: ["name", "email"] };
    writeConfig({ ...ROUTES, "GET /users": { integration: "mock", ...OK } }, { models: { User: user }, gatewayResponses: { DEFAULT_4XX: RESPONSES.DEFAULT_4XX }, apiKeySource: "AUTHORIZER" });
    const r = await lgw("api", "sync");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain("~ apiKeySource AUTHORIZER (was HEADER)");
    expect((await moto.apigw.send(new GetRestApiCommand({ restApiId: apiId }))).apiKeySource).toBe("AUTHORIZER");
    await lgw("api", "sync");
    expect(moto.proxy.writes()).toEqual([]);
  });
});
