// `lgw api sync` with REST non-proxy routes against moto: a Lambda custom integration (templates
// from a .vtl file, selection patterns, header mappings), a MOCK and an HTTP_PROXY, read back
// through the SDK; a second sync writes nothing; a dropped response stays until --prune.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GetIntegrationCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetResourcesCommand,
} from "@aws-sdk/client-api-gateway";
import { GetPolicyCommand } from "@aws-sdk/client-lambda";
import { MOTO_ACCOUNT, MOTO_REGION } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto({ proxy: true, functions: ["orders"] });
let dir: string;
let apiId: string;

const REQUEST_TEMPLATE = `{"id": "$input.params('id')", "qty": $input.json('$.qty')}`;
const ordersUri = `arn:aws:apigateway:${MOTO_REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${MOTO_REGION}:${MOTO_ACCOUNT}:function:orders/invocations`;

function routes(responses: Record<string, unknown>) {
  return {
    "POST /orders/{id}": {
      function: "orders",
      integration: "lambda",
      requestTemplates: { "application/json": "templates/orders.req.vtl" },
      passthroughBehavior: "WHEN_NO_TEMPLATES",
      responses,
    },
    "GET /health": { integration: "mock", responses: { default: { statusCode: 200, templates: { "application/json": '{"ok": true}' } } } },
    "ANY /ext/{proxy+}": { integration: "http", uri: "https://example.com/api/{proxy}" },
  };
}

const RESPONSES = {
  default: { statusCode: 201, headers: { Location: "integration.response.body.location", "X-Powered-By": "'lgw'" }, templates: { "application/json": "$input.json('$.body')" } },
  ".*NotFound.*": { statusCode: 404 },
  ".*Invalid.*": { statusCode: 400, templates: { "application/json": '{"error": "$input.path(\'$.errorMessage\')"}' } },
};

function writeConfig(responses: Record<string, unknown>): void {
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { orders: {} }, routes: routes(responses), api: { id: apiId } }, null, 2));
}

const lgw = (...args: string[]) => moto.lgw(args, { cwd: dir });

async function resourceId(p: string): Promise<string> {
  const items = (await moto.apigw.send(new GetResourcesCommand({ restApiId: apiId }))).items ?? [];
  return items.find((r) => r.path === p)!.id!;
}


beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-api-nonproxy-"));
  mkdirSync(path.join(dir, "templates"));
  writeFileSync(path.join(dir, "templates", "orders.req.vtl"), REQUEST_TEMPLATE);
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { orders: {} } }));
  const created = await lgw("api", "create", "orders-api", "--json");
  expect(created.code).toBe(0);
  apiId = JSON.parse(created.stdout).apiId ?? JSON.parse(created.stdout).id;
  writeConfig(RESPONSES);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("lgw api sync: non-proxy integrations", () => {
  it("creates the Lambda custom integration with its templates, passthrough and responses", async () => {
    const r = await lgw("api", "sync");
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/\+ POST \/orders\/\{id\} -> orders \(lambda\), responses 201 400 404/);
    const ref = { restApiId: apiId, resourceId: await resourceId("/orders/{id}"), httpMethod: "POST" };
    const integ = await moto.apigw.send(new GetIntegrationCommand(ref));
    expect(integ).toMatchObject({ type: "AWS", httpMethod: "POST", uri: ordersUri, passthroughBehavior: "WHEN_NO_TEMPLATES", requestTemplates: { "application/json": REQUEST_TEMPLATE } });
    const ok = await moto.apigw.send(new GetIntegrationResponseCommand({ ...ref, statusCode: "201" }));
    expect(ok.selectionPattern ?? "").toBe("");
    expect(ok.responseParameters).toEqual({ "method.response.header.Location": "integration.response.body.location", "method.response.header.X-Powered-By": "'lgw'" });
    expect(ok.responseTemplates).toEqual({ "application/json": "$input.json('$.body')" });
    const notFound = await moto.apigw.send(new GetIntegrationResponseCommand({ ...ref, statusCode: "404" }));
    expect(notFound.selectionPattern).toBe(".*NotFound.*");
    const invalid = await moto.apigw.send(new GetIntegrationResponseCommand({ ...ref, statusCode: "400" }));
    expect(invalid).toMatchObject({ selectionPattern: ".*Invalid.*", responseTemplates: { "application/json": RESPONSES[".*Invalid.*"].templates["application/json"] } });
    const method201 = await moto.apigw.send(new GetMethodResponseCommand({ ...ref, statusCode: "201" }));
    expect(method201.responseParameters).toEqual({ "method.response.header.Location": false, "method.response.header.X-Powered-By": false });
    // the function may be invoked from this method, as for a proxy route
    const policy = JSON.parse((await moto.lambda.send(new GetPolicyCommand({ FunctionName: "orders" }))).Policy!);
    expect(policy.Statement.map((s: { Condition?: { ArnLike?: Record<string, string> } }) => s.Condition?.ArnLike?.["AWS:SourceArn"])).toContain(
      `arn:aws:execute-api:${MOTO_REGION}:${MOTO_ACCOUNT}:${apiId}/*/POST/orders/*`,
    );
  });

  it("creates the MOCK with the console's status template and the HTTP_PROXY with its path variable", async () => {
    const health = { restApiId: apiId, resourceId: await resourceId("/health"), httpMethod: "GET" };
    expect(await moto.apigw.send(new GetIntegrationCommand(health))).toMatchObject({ type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
    expect((await moto.apigw.send(new GetIntegrationResponseCommand({ ...health, statusCode: "200" }))).responseTemplates).toEqual({ "application/json": '{"ok": true}' });
    const ext = { restApiId: apiId, resourceId: await resourceId("/ext/{proxy+}"), httpMethod: "ANY" };
    expect(await moto.apigw.send(new GetIntegrationCommand(ext))).toMatchObject({
      type: "HTTP_PROXY",
      httpMethod: "ANY",
      uri: "https://example.com/api/{proxy}",
      requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" },
    });
    expect((await moto.apigw.send(new GetMethodCommand(ext))).requestParameters).toEqual({ "method.request.path.proxy": true });
  });

  it("a second sync reports no changes and writes nothing", async () => {
    const r = await lgw("api", "sync");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no changes \(3 routes up to date\)/);
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("a changed header mapping rebuilds the method; a dropped response stays until --prune", async () => {
    writeConfig({ ...RESPONSES, default: { ...RESPONSES.default, headers: { Location: "integration.response.body.href" } }, ".*Invalid.*": undefined });
    const changed = await lgw("api", "sync");
    expect(changed.code).toBe(0);
    // the rebuilt method has only what lgw.json lists
    expect(changed.stdout + changed.stderr).toMatch(/~ POST \/orders\/\{id\} -> orders \(lambda\), responses 201 404 \(was other 201 header mappings\)/);
    const ref = { restApiId: apiId, resourceId: await resourceId("/orders/{id}"), httpMethod: "POST" };
    expect((await moto.apigw.send(new GetIntegrationResponseCommand({ ...ref, statusCode: "201" }))).responseParameters).toEqual({
      "method.response.header.Location": "integration.response.body.href",
    });
    await expect(moto.apigw.send(new GetIntegrationResponseCommand({ ...ref, statusCode: "400" }))).rejects.toThrow();
    expect((await lgw("api", "sync")).stdout).toMatch(/no changes/);
  });

  it("a response removed from lgw.json alone is noted, and --prune deletes it", async () => {
    writeConfig({ ...RESPONSES, default: { ...RESPONSES.default, headers: { Location: "integration.response.body.href" } }, ".*Invalid.*": undefined, ".*NotFound.*": undefined });
    const noted = await lgw("api", "sync");
    expect(noted.code).toBe(0);
    expect(noted.stdout + noted.stderr).toMatch(/POST \/orders\/\{id\} has responses lgw\.json does not list: 404 \(kept; --prune removes them\)/);
    expect(moto.proxy.writes()).toEqual([]);
    const pruned = await lgw("api", "sync", "--prune");
    expect(pruned.code).toBe(0);
    expect(pruned.stdout + pruned.stderr).toMatch(/- POST \/orders\/\{id\} response 404/);
    const ref = { restApiId: apiId, resourceId: await resourceId("/orders/{id}"), httpMethod: "POST" };
    await expect(moto.apigw.send(new GetIntegrationResponseCommand({ ...ref, statusCode: "404" }))).rejects.toThrow();
    await expect(moto.apigw.send(new GetMethodResponseCommand({ ...ref, statusCode: "404" }))).rejects.toThrow();
    const again = await lgw("api", "sync", "--prune");
    expect(again.stdout + again.stderr).toMatch(/no changes/);
    expect(moto.proxy.writes()).toEqual([]);
  });
});
