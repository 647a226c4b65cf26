// Stages against moto: `lgw api create-stage` on an existing stage redeploys it, and `lgw api
// sync --stage NAME` syncs and deploys (or, for an HTTP API, makes the auto-deploying stage) in
// one step. Each stage is read back through the SDK.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateRestApiCommand, GetResourcesCommand, GetStageCommand } from "@aws-sdk/client-api-gateway";
import { CreateApiCommand, GetRoutesCommand, GetStageCommand as GetStageV2Command } from "@aws-sdk/client-apigatewayv2";
import { MOTO_REGION } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";

const moto = useMoto({ proxy: true, functions: ["users", "web"] });
const dirs: string[] = [];

function project(json: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lgw-api-stage-"));
  dirs.push(dir);
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify(json, null, 2));
  return dir;
}

const lgw = (args: string[], cwd: string) => moto.lgw(args, { cwd });
const lgwJson = (args: string[], cwd: string) => moto.lgwJson(args, { cwd });


const restStage = (restApiId: string, stageName: string) => moto.apigw.send(new GetStageCommand({ restApiId, stageName }));
const restUrl = (apiId: string, stage: string) => `https://${apiId}.execute-api.${MOTO_REGION}.amazonaws.com/${stage}/`;

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("REST API stages", () => {
  let apiId: string;
  let dir: string;
  const FUNCTIONS = { users: { entry: "." }, web: { entry: "." } };

  beforeAll(async () => {
    apiId = (await moto.apigw.send(new CreateRestApiCommand({ name: "stage-api" }))).id!;
    dir = project({ functions: FUNCTIONS, routes: { "GET /users": "users" }, api: { id: apiId, stageVariables: { table: "users" } } });
  });

  it("create-stage on a new stage deploys it; again, it makes a new deployment and says redeployed", async () => {
    expect((await lgw(["api", "sync"], dir)).code).toBe(0);
    const first = await lgwJson(["api", "create-stage", "prod"], dir);
    expect(first).toMatchObject({ stage: "prod", change: "created", url: restUrl(apiId, "prod") });
    expect((await restStage(apiId, "prod")).deploymentId).toBe(first.deploymentId);

    const again = await lgw(["api", "create-stage", "prod"], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^✔ redeployed REST API ${apiId} to stage prod \\(deployment (\\w+), replacing ${first.deploymentId}\\)\\n${restUrl(apiId, "prod").replace(/[.]/g, "\\.")}\\n$`));
    const json = await lgwJson(["api", "create-stage", "prod"], dir);
    expect(json.change).toBe("redeployed");
    expect(json.deploymentId).not.toBe(first.deploymentId);
    const stage = await restStage(apiId, "prod");
    expect(stage.deploymentId).toBe(json.deploymentId);
    expect(stage.variables).toEqual({ table: "users" });
  });

  it("sync --stage refuses a bad stage name before any AWS call", async () => {
    const r = await lgw(["api", "sync", "--stage", "v1.0"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid stage name "v1.0"');
    expect(moto.proxy.requests).toEqual([]);
  });

  it("sync --dry-run --stage says it would deploy and changes nothing", async () => {
    writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ functions: FUNCTIONS, routes: { "GET /users": "users", "POST /web": "web" }, api: { id: apiId } }));
    const r = await lgw(["api", "sync", "--dry-run", "--stage", "beta"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+ POST /web -> web");
    expect(r.stdout).toContain("then: deploy the API to stage beta");
    expect(moto.proxy.writes()).toEqual([]);
    expect((await lgwJson(["api", "sync", "--dry-run", "--stage", "beta"], dir)).stage).toEqual({ stage: "beta", planned: true });
    await expect(restStage(apiId, "beta")).rejects.toThrow();
  });

  it("sync --stage applies the plan, then creates the stage with a deployment and prints its URL", async () => {
    const r = await lgw(["api", "sync", "--stage", "beta"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✔ applied 2 changes to ${apiId}\n✔ deployed REST API ${apiId} to new stage beta (deployment `);
    expect(r.stdout.trim().split("\n").at(-1)).toBe(restUrl(apiId, "beta"));
    const paths = ((await moto.apigw.send(new GetResourcesCommand({ restApiId: apiId }))).items ?? []).map((x) => x.path);
    expect(paths).toContain("/web");
    expect((await restStage(apiId, "beta")).deploymentId).toMatch(/\w+/);
  });

  it("sync --stage with nothing to change still redeploys the stage, so it serves lgw.json's routes", async () => {
    const before = (await restStage(apiId, "beta")).deploymentId;
    const out = await lgwJson(["api", "sync", "--stage", "beta"], dir);
    expect(out.steps).toEqual([]);
    expect(out.stage).toMatchObject({ kind: "rest", stage: "beta", change: "redeployed", previousDeploymentId: before, url: restUrl(apiId, "beta") });
    expect((await restStage(apiId, "beta")).deploymentId).toBe(out.stage.deploymentId);
    expect(out.stage.deploymentId).not.toBe(before);
  });
});

describe("HTTP API: sync --stage", () => {
  it("syncs the routes, then makes the auto-deploying stage; again it is already there", async () => {
    const apiId = (await moto.apigwv2.send(new CreateApiCommand({ Name: "stage-http", ProtocolType: "HTTP" }))).ApiId!;
    const dir = project({ eventFormat: "v2", functions: { web: { entry: "." } }, api: { type: "http", id: apiId } });
    const r = await lgw(["api", "sync", "--stage", "prod"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✔ stage prod of HTTP API ${apiId} created (auto-deploy)`);
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(new RegExp(`^https://${apiId}\\.execute-api\\.${MOTO_REGION}\\.amazonaws\\.com/prod/?$`));
    expect((await moto.apigwv2.send(new GetRoutesCommand({ ApiId: apiId }))).Items!.map((x) => x.RouteKey)).toEqual(["$default"]);
    expect((await moto.apigwv2.send(new GetStageV2Command({ ApiId: apiId, StageName: "prod" }))).AutoDeploy).toBe(true);

    const again = await lgwJson(["api", "sync", "--stage", "prod"], dir);
    expect(again.stage).toMatchObject({ kind: "http", stage: "prod", change: "unchanged", autoDeploy: true });
    expect(moto.proxy.writes()).toEqual([]);
  });

  it("refuses a name an HTTP API cannot have before any AWS call", async () => {
    const dir = project({ eventFormat: "v2", functions: { web: { entry: "." } }, api: { type: "http", id: "abc123" } });
    const r = await lgw(["api", "sync", "--stage", "no good"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid stage name "no good"');
    expect(moto.proxy.requests).toEqual([]);
  });
});
