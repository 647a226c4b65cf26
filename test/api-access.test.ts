// `lgw api sync` with REST access control against moto: TOKEN, REQUEST and Cognito authorizers
// with the authorizer function's invoke permission, methods naming them (proxy and MOCK), read
// back through the SDK; a second sync writes nothing; a changed route is rebuilt; --prune
// removes the authorizer lgw.json dropped.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetAuthorizersCommand, GetMethodCommand, GetResourcesCommand, type Authorizer } from "@aws-sdk/client-api-gateway";
import { GetPolicyCommand } from "@aws-sdk/client-lambda";
import { MOTO_ACCOUNT, MOTO_REGION } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto({ proxy: true, functions: ["users", "gate"] });
let dir: string;
let apiId: string;

const POOL = `arn:aws:cognito-idp:${MOTO_REGION}:${MOTO_ACCOUNT}:userpool/${MOTO_REGION}_AbC123`;
const gateUri = `arn:aws:apigateway:${MOTO_REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${MOTO_REGION}:${MOTO_ACCOUNT}:function:gate/invocations`;
const AUTHORIZERS = {
  tok: { type: "token", function: "gate", validationExpression: "^Bearer .+$", ttl: 60 },
  req: { type: "request", function: "gate", identitySource: ["method.request.header.X-Tenant", "method.request.querystring.key"], ttl: 0 },
  pool: { type: "cognito", userPoolArns: [POOL] },
};
const ROUTES = {
  "GET /users": { function: "users", authorizer: "tok", apiKeyRequired: true },
  "POST /users": { function: "users", authorizer: "pool", authorizationScopes: ["users/write"] },
  "GET /tenants": { function: "users", authorizer: "req" },
  "GET /health": { integration: "mock", authorizer: "tok", responses: { default: { statusCode: 200 } } },
};

function writeConfig(authorizers: Record<string, unknown>, routes: Record<string, unknown>, api: Record<string, unknown> = {}): void {
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { users: {}, gate: {} }, authorizers, routes, api: { id: apiId, ...api } }, null, 2));
}

const lgw = (...args: string[]) => moto.lgw(args, { cwd: dir });

async function method(p: string, httpMethod: string) {
  const items = (await moto.apigw.send(new GetResourcesCommand({ restApiId: apiId }))).items ?? [];
  return moto.apigw.send(new GetMethodCommand({ restApiId: apiId, resourceId: items.find((r) => r.path === p)!.id!, httpMethod }));
}

async function authorizers(): Promise<Record<string, Authorizer>> {
  const items = (await moto.apigw.send(new GetAuthorizersCommand({ restApiId: apiId }))).items ?? [];
  return Object.fromEntries(items.map((a) => [a.name!, a]));
}

async function sourceArns(fn: string): Promise<string[]> {
  const policy = JSON.parse((await moto.lambda.send(new GetPolicyCommand({ FunctionName: fn }))).Policy!);
  return policy.Statement.map((s: { Condition?: { ArnLike?: Record<string, string> } }) => s.Condition?.ArnLike?.["AWS:SourceArn"]);
}


beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-api-access-"));
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: { users: {}, gate: {} } }));
  const created = await lgw("api", "create", "access-api", "--json");
  expect(created.code).toBe(0);
  apiId = JSON.parse(created.stdout).apiId ?? JSON.parse(created.stdout).id;
  writeConfig(AUTHORIZERS, ROUTES);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("lgw api sync: authorizers", () => {
  it("--dry-run shows the authorizers and writes nothing", async () => {
    const r = await lgw("api", "sync", "--dry-run");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/\+ authorizer tok \(TOKEN -> gate\)/);
    expect(r.stdout + r.stderr).toMatch(/\+ authorizer pool \(COGNITO_USER_POOLS\)/);
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("creates TOKEN, REQUEST and Cognito authorizers, their permissions and the methods naming them", async () => {
    const r = await lgw("api", "sync");
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const a = await authorizers();
    expect(a.tok).toMatchObject({ type: "TOKEN", authorizerUri: gateUri, identitySource: "method.request.header.Authorization", identityValidationExpression: "^Bearer .+$", authorizerResultTtlInSeconds: 60 });
    expect(a.req).toMatchObject({ type: "REQUEST", authorizerUri: gateUri, identitySource: "method.request.header.X-Tenant,method.request.querystring.key", authorizerResultTtlInSeconds: 0 });
    expect(a.pool).toMatchObject({ type: "COGNITO_USER_POOLS", providerARNs: [POOL] });
    const arns = await sourceArns("gate");
    for (const name of ["tok", "req"]) expect(arns).toContain(`arn:aws:execute-api:${MOTO_REGION}:${MOTO_ACCOUNT}:${apiId}/authorizers/${a[name]!.id}`);
    expect(await method("/users", "GET")).toMatchObject({ authorizationType: "CUSTOM", authorizerId: a.tok!.id, apiKeyRequired: true });
    expect(await method("/users", "POST")).toMatchObject({ authorizationType: "COGNITO_USER_POOLS", authorizerId: a.pool!.id, authorizationScopes: ["users/write"] });
    expect(await method("/tenants", "GET")).toMatchObject({ authorizationType: "CUSTOM", authorizerId: a.req!.id });
    const health = await method("/health", "GET");
    expect(health).toMatchObject({ authorizationType: "CUSTOM", authorizerId: a.tok!.id });
    expect(health.methodIntegration?.type).toBe("MOCK");
  });

  it("a second sync reports no changes and writes nothing", async () => {
    const r = await lgw("api", "sync");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no changes \(4 routes up to date\)/);
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("updates a changed authorizer and rebuilds a method whose access changed", async () => {
    const { pool: _pool, ...rest } = AUTHORIZERS;
    writeConfig({ ...rest, tok: { ...AUTHORIZERS.tok, ttl: 120 } }, { ...ROUTES, "GET /users": { function: "users", authorizer: "req" }, "POST /users": "users" });
    const r = await lgw("api", "sync");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/~ authorizer tok \(authorizerResultTtlInSeconds\)/);
    expect(r.stdout + r.stderr).toMatch(/~ GET \/users -> users \(was another authorizer than req\)/);
    expect(r.stdout + r.stderr).toMatch(/authorizer pool is not in lgw.json \(kept; --prune removes it\)/);
    const a = await authorizers();
    expect(a.tok!.authorizerResultTtlInSeconds).toBe(120);
    const users = await method("/users", "GET");
    expect(users).toMatchObject({ authorizationType: "CUSTOM", authorizerId: a.req!.id, apiKeyRequired: false });
    expect(users.methodIntegration?.type).toBe("AWS_PROXY");
    expect(await method("/users", "POST")).toMatchObject({ authorizationType: "NONE" });
    expect(a.pool).toBeDefined();
  });

  it("--prune deletes the authorizer lgw.json dropped, and the next sync writes nothing", async () => {
    const r = await lgw("api", "sync", "--prune");
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/- authorizer pool/);
    expect((await authorizers()).pool).toBeUndefined();
    const again = await lgw("api", "sync", "--prune");
    expect(again.stdout + again.stderr).toMatch(/no changes/);
    expect(moto.proxy.writes()).toEqual([]);
  });
});
