// `lgw delete` against moto: what lgw made goes (functions, the API, its permissions, roles
// tagged by lgw), everything else stays, and lgw.json stops naming what is gone.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AddPermissionCommand, CreateFunctionCommand, GetPolicyCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { CreateRestApiCommand, GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { CreateApiCommand, GetApisCommand } from "@aws-sdk/client-apigatewayv2";
import { CreateRoleCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { bootstrapZip, MOTO_ACCOUNT, MOTO_REGION } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";
import { TRUST_POLICY } from "../src/deploy/role.js";

const moto = useMoto();
let dir: string;
let zip: Buffer;
let restId: string;

const lgw = (...args: string[]) => moto.lgw(["delete", ...args], { cwd: dir });
const TAG = [{ Key: "lgw:created-by", Value: "lgw" }];

async function role(name: string, tagged: boolean): Promise<string> {
  const out = await moto.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(TRUST_POLICY), ...(tagged ? { Tags: TAG } : {}) }));
  return out.Role!.Arn!;
}
async function fn(name: string, roleArn: string): Promise<void> {
  await moto.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: "provided.al2023", Handler: "bootstrap", Role: roleArn, Code: { ZipFile: zip } }));
}
async function grant(name: string, sid: string, api: string): Promise<void> {
  const sourceArn = `arn:aws:execute-api:${MOTO_REGION}:${MOTO_ACCOUNT}:${api}/*/GET/users`;
  await moto.lambda.send(new AddPermissionCommand({ FunctionName: name, StatementId: sid, Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com", SourceArn: sourceArn }));
}
async function sids(name: string): Promise<string[]> {
  const out = await moto.lambda.send(new GetPolicyCommand({ FunctionName: name })).catch(() => undefined);
  return ((JSON.parse(out?.Policy ?? "{}").Statement ?? []) as { Sid: string }[]).map((s) => s.Sid).sort();
}
const functionNames = async () => ((await moto.lambda.send(new ListFunctionsCommand({}))).Functions ?? []).map((f) => f.FunctionName).sort();
const roleNames = async () => ((await moto.iam.send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName).sort();
const restIds = async () => ((await moto.apigw.send(new GetRestApisCommand({}))).items ?? []).map((a) => a.id);
const config = () => JSON.parse(readFileSync(path.join(dir, "lgw.json"), "utf8"));

beforeAll(async () => {
  zip = await bootstrapZip();
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await moto.reset();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-delete-"));
  const helloRole = await role("lgw-hello", true);
  const teamRole = await role("team-role", false);
  await fn("hello", helloRole);
  await fn("users", teamRole);
  await fn("outsider", teamRole);
  restId = (await moto.apigw.send(new CreateRestApiCommand({ name: "shop" }))).id!;
  await grant("hello", "lgw-get-users", restId);
  await grant("hello", "from-elsewhere", "zzz999");
  writeFileSync(
    path.join(dir, "lgw.json"),
    JSON.stringify(
      {
        functions: { hello: { entry: "hello", role: helloRole, roleCreatedByLgw: true }, users: { entry: "users", role: teamRole } },
        routes: { "GET /users": "hello" },
        api: { id: restId, name: "shop" },
      },
      null,
      2,
    ),
  );
});

describe("lgw delete against moto", () => {
  it("--dry-run prints the plan and changes nothing", async () => {
    const r = await lgw("--all", "--api", "--dry-run");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`delete REST API ${restId} (shop)`);
    expect(r.stdout).toContain("delete function hello");
    expect(r.stdout).toContain("delete role lgw-hello (created by lgw)");
    expect(r.stdout).toContain("role team-role: not created by lgw");
    expect(await functionNames()).toEqual(["hello", "outsider", "users"]);
    expect(await restIds()).toEqual([restId]);
    expect(config().api.id).toBe(restId);
  });

  it("without --yes and without a terminal refuses with exit 2 and deletes nothing", async () => {
    const r = await lgw("hello");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rerun with --yes/);
    expect(await functionNames()).toEqual(["hello", "outsider", "users"]);
    expect(await roleNames()).toContain("lgw-hello");
  });

  it("needs to be told what to delete", async () => {
    const r = await lgw();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a function name, --all .* and\/or --api/);
  });

  it("--api deletes the API and only the invoke permission that names it; functions stay", async () => {
    const r = await lgw("--api", "--yes");
    expect(r.code, r.stderr).toBe(0);
    expect(await restIds()).toEqual([]);
    expect(await sids("hello")).toEqual(["from-elsewhere"]);
    expect(await functionNames()).toEqual(["hello", "outsider", "users"]);
    expect(config().api).toEqual({ name: "shop" });
    expect(config().routes).toEqual({ "GET /users": "hello" });
  });

  it("--all --json deletes the project's functions and the role lgw made, keeps what it did not make", async () => {
    const r = await lgw("--all", "--yes", "--json");
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.steps.map((s: { action: string; done: boolean }) => [s.action, s.done])).toEqual([
      ["delete-function", true],
      ["delete-function", true],
      ["delete-role", true],
    ]);
    expect(out.kept).toEqual(["role team-role: not created by lgw (no lgw:created-by tag)"]);
    expect(await functionNames()).toEqual(["outsider"]);
    expect(await roleNames()).not.toContain("lgw-hello");
    expect(await roleNames()).toContain("team-role");
    expect(await restIds()).toEqual([restId]);
    const after = config();
    expect(after.functions.hello).toEqual({ entry: "hello" });
    expect(after.functions.users.role).toMatch(/team-role$/);
    // a second run finds nothing left to do
    const again = await lgw("--all", "--yes");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("nothing to delete");
    expect(again.stdout).toContain("function hello: not deployed");
  });

  it("keeps an lgw role that a function outside the deletion still runs as", async () => {
    await fn("sidekick", (await moto.iam.send(new ListRolesCommand({}))).Roles!.find((x) => x.RoleName === "lgw-hello")!.Arn!);
    const r = await lgw("hello", "--yes");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("role lgw-hello: still used by sidekick");
    expect(await roleNames()).toContain("lgw-hello");
    expect(await functionNames()).toEqual(["outsider", "sidekick", "users"]);
    expect(config().functions.hello.role).toMatch(/lgw-hello$/);
  });

  it("deletes an HTTP API given by --id (its kind is looked up)", async () => {
    const http = (await moto.apigwv2.send(new CreateApiCommand({ Name: "edge", ProtocolType: "HTTP" }))).ApiId!;
    const r = await lgw("--api", "--id", http, "--yes");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`delete HTTP API ${http} (edge)`);
    expect(((await moto.apigwv2.send(new GetApisCommand({}))).Items ?? []).map((a) => a.ApiId)).toEqual([]);
    expect(await restIds()).toEqual([restId]);
    expect(config().api.id).toBe(restId);
  });
});
