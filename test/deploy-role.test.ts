// `lgw deploy --create` without a role: lgw creates (or reuses) lgw-<function>, records it in
// lgw.json, and the function runs as it. Read back from moto's IAM and Lambda after each step.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetFunctionCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { CreateRoleCommand, GetRoleCommand, ListAttachedRolePoliciesCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { TEST_ROLE } from "./helpers/moto.js";
import { useMoto } from "./helpers/moto-fixture.js";

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), "fixtures", "go-minimal");
const TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };

const moto = useMoto({ managedPolicies: true });
let dir: string;

const lgwJson = () => JSON.parse(readFileSync(path.join(dir, "lgw.json"), "utf8"));
const roleNames = async () => ((await moto.iam.send(new ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName).sort();

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-deploy-role-"));
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify({ architecture: "arm64", functions: { hello: { entry: "." }, other: { entry: "." } } }, null, 2));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("lgw deploy --create with no role", () => {
  it("--dry-run plans the role and changes nothing, lgw.json included", async () => {
    const before = readFileSync(path.join(dir, "lgw.json"), "utf8");
    const r = await moto.lgw(["deploy", "hello", "--create", "--dry-run", "--json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout).functions[0];
    expect(plan).toMatchObject({ action: "create", executionRole: { name: "lgw-hello", action: "create", createdByLgw: true } });
    expect(plan.role).toBeUndefined();
    expect(await roleNames()).toEqual([TEST_ROLE]);
    expect(readFileSync(path.join(dir, "lgw.json"), "utf8")).toBe(before);
  });

  it("creates lgw-hello (trust policy, logging policy, lgw's tag), records it, and creates the function as it", async () => {
    const r = await moto.lgw(["deploy", "hello", "--create"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("creating execution role lgw-hello");
    const role = (await moto.iam.send(new GetRoleCommand({ RoleName: "lgw-hello" }))).Role!;
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual(TRUST);
    expect(role.Tags).toEqual([{ Key: "lgw:created-by", Value: "lgw" }]);
    const attached = (await moto.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "lgw-hello" }))).AttachedPolicies;
    expect(attached?.map((p) => p.PolicyArn)).toEqual(["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]);
    const fn = (await moto.lambda.send(new GetFunctionCommand({ FunctionName: "hello" }))).Configuration!;
    expect(fn.Role).toBe(role.Arn);
    expect(lgwJson().functions.hello).toEqual({ entry: ".", role: role.Arn, roleCreatedByLgw: true });
  });

  it("reuses an existing lgw-<function> it did not create, and records it without the marker", async () => {
    const made = await moto.iam.send(new CreateRoleCommand({ RoleName: "lgw-other", AssumeRolePolicyDocument: JSON.stringify(TRUST) }));
    const r = await moto.lgw(["deploy", "other", "--create", "--json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain("creating execution role");
    expect((await moto.lambda.send(new GetFunctionCommand({ FunctionName: "other" }))).Configuration!.Role).toBe(made.Role!.Arn);
    expect(lgwJson().functions.other).toEqual({ entry: ".", role: made.Role!.Arn });
    // nothing was attached to a role lgw did not make
    expect((await moto.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "lgw-other" }))).AttachedPolicies).toEqual([]);
  });

  it("the next deploy uses the recorded role and creates nothing more", async () => {
    const r = await moto.lgw(["deploy", "--json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).functions.map((f: { action: string }) => f.action)).toEqual(["unchanged", "unchanged"]);
    expect(await roleNames()).toEqual(["lgw-hello", "lgw-other", TEST_ROLE].sort());
    expect(((await moto.lambda.send(new ListFunctionsCommand({}))).Functions ?? []).map((f) => f.FunctionName).sort()).toEqual(["hello", "other"]);
  });
});
