import { describe, expect, it } from "vitest";
import { checkCreatable, checkDeployFlags, environmentDiff, planChangesSomething, planDeploy, type BuiltCode, type DeployFlags, type RemoteFunction } from "./plan.js";
import type { FunctionConfig } from "../config/types.js";

const ROLE = "arn:aws:iam::123456789012:role/lambda-exec";

const fn: FunctionConfig = { name: "hello", entry: ".", architecture: "arm64", memory: 128, timeout: 3, environment: { STAGE: "dev" } };
const code: BuiltCode = { zipPath: "/p/.lgw/build/hello/arm64/function.zip", size: 4_000_000, codeSha256: "NEWSHA+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=", architecture: "arm64" };
const remote: RemoteFunction = {
  arn: "arn:aws:lambda:us-east-1:123456789012:function:hello",
  codeSha256: code.codeSha256,
  codeSize: code.size,
  architecture: "arm64",
  runtime: "provided.al2023",
  handler: "bootstrap",
  memory: 128,
  timeout: 3,
  environment: { STAGE: "dev" },
  description: "",
};

describe("planDeploy", () => {
  const cases: {
    name: string;
    fn?: Partial<FunctionConfig>;
    code?: Partial<BuiltCode>;
    remote?: Partial<RemoteFunction> | "missing";
    flags?: DeployFlags;
    action: "create" | "update-code" | "unchanged";
    config?: Record<string, unknown> | null;
    reasons?: string[];
    warnings?: string[];
    publish?: boolean;
  }[] = [
    { name: "same code and arch: unchanged", action: "unchanged", config: null, reasons: ["code unchanged (CodeSha256 NEWSHA+aaaaa…)"], warnings: [] },
    { name: "--force uploads unchanged code", flags: { force: true }, action: "update-code", reasons: ["code unchanged, uploading anyway (--force)"] },
    {
      name: "new code: update",
      remote: { codeSha256: "OLDSHA+bbbbbbbbbbbb=" },
      action: "update-code",
      reasons: ["code changed (CodeSha256 OLDSHA+bbbbb… -> NEWSHA+aaaaa…)"],
    },
    {
      name: "other architecture deployed: update and warn",
      remote: { architecture: "x86_64" },
      action: "update-code",
      reasons: ["architecture x86_64 -> arm64"],
      warnings: ["hello is deployed as x86_64; this deploy switches it to arm64"],
    },
    {
      name: "no Architectures from AWS means x86_64",
      remote: { architecture: undefined },
      action: "update-code",
      warnings: ["hello is deployed as x86_64; this deploy switches it to arm64"],
    },
    {
      name: "memory and timeout differ: configuration update only",
      remote: { memory: 256, timeout: 10 },
      action: "unchanged",
      config: { memory: 128, timeout: 3 },
      reasons: ["code unchanged (CodeSha256 NEWSHA+aaaaa…)", "memory 256 MB -> 128 MB", "timeout 10 s -> 3 s"],
    },
    {
      name: "environment diff names keys, never values",
      fn: { environment: { STAGE: "prod", NEW: "1" } },
      remote: { environment: { STAGE: "dev", OLD: "x" } },
      action: "unchanged",
      config: { environment: { STAGE: "prod", NEW: "1" } },
      reasons: ["code unchanged (CodeSha256 NEWSHA+aaaaa…)", "environment +NEW ~STAGE -OLD"],
    },
    {
      name: "an emptied environment clears the deployed one",
      fn: { environment: {} },
      action: "unchanged",
      config: { environment: {} },
    },
    { name: "description only compared when lgw.json has one", remote: { description: "set in the console" }, action: "unchanged", config: null },
    { name: "description changed", fn: { description: "hi" }, action: "unchanged", config: { description: "hi" } },
    {
      name: "a non-bootstrap runtime is switched to provided.al2023",
      remote: { runtime: "go1.x", handler: "main" },
      action: "unchanged",
      config: { runtime: "provided.al2023", handler: "bootstrap" },
    },
    { name: "provided.al2 is left alone", remote: { runtime: "provided.al2" }, action: "unchanged", config: null },
    { name: "--publish", flags: { publish: true }, action: "unchanged", publish: true },
    { name: "--alias implies publishing", flags: { alias: "live" }, action: "unchanged", publish: true },
    {
      name: "missing + --create + --role: create",
      remote: "missing",
      flags: { create: true, role: ROLE },
      action: "create",
      config: null,
      reasons: ["function does not exist: create it (provided.al2023, arm64, 128 MB, 3 s)"],
    },
    { name: "missing + create/role in lgw.json: create", remote: "missing", fn: { create: true, role: ROLE }, action: "create" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = c.remote === "missing" ? "missing" : { ...remote, ...c.remote };
      const plan = planDeploy({ ...fn, ...c.fn }, { ...code, ...c.code }, r, c.flags ?? {});
      expect(plan.action).toBe(c.action);
      if (c.config !== undefined) expect(plan.updateConfiguration).toEqual(c.config);
      if (c.reasons) expect(plan.reasons).toEqual(c.reasons);
      if (c.warnings) expect(plan.warnings).toEqual(c.warnings);
      if (c.publish !== undefined) expect(plan.publish).toBe(c.publish);
    });
  }

  it("a create plan carries the role and every setting", () => {
    const plan = planDeploy({ ...fn, description: "d" }, code, "missing", { create: true, role: ROLE, alias: "live" });
    expect(plan).toMatchObject({
      action: "create",
      role: ROLE,
      settings: { memory: 128, timeout: 3, environment: { STAGE: "dev" }, description: "d" },
      publish: true,
      alias: "live",
      codeSha256: code.codeSha256,
      architecture: "arm64",
    });
    expect(plan.deployed).toBeUndefined();
  });

  it("--role beats lgw.json's role", () => {
    const other = "arn:aws:iam::123456789012:role/other";
    expect(planDeploy({ ...fn, role: ROLE }, code, "missing", { create: true, role: other }).role).toBe(other);
  });

  it("with no role anywhere, plans to create lgw-<function> or reuse it", () => {
    const created = planDeploy(fn, code, "missing", { create: true }, { name: "lgw-hello" });
    expect(created).toMatchObject({ action: "create", executionRole: { name: "lgw-hello", action: "create", createdByLgw: true } });
    expect(created.role).toBeUndefined();
    expect(created.reasons[1]).toContain("create execution role lgw-hello");
    const arn = "arn:aws:iam::123456789012:role/lgw-hello";
    const reused = planDeploy(fn, code, "missing", { create: true }, { name: "lgw-hello", existing: { arn, createdByLgw: false } });
    expect(reused).toMatchObject({ role: arn, executionRole: { action: "reuse", createdByLgw: false } });
    // a role given anywhere wins over lgw's own
    expect(planDeploy({ ...fn, role: ROLE }, code, "missing", { create: true }, { name: "lgw-hello" }).executionRole).toBeUndefined();
  });

  it("checkCreatable says, before a build, whether lgw picks the role", () => {
    expect(checkCreatable(fn, "missing", { create: true })).toEqual({ lgwPicksRole: true });
    expect(checkCreatable(fn, "missing", { create: true, role: ROLE })).toEqual({ lgwPicksRole: false });
    expect(() => checkCreatable(fn, "missing", {})).toThrow("function hello not found");
  });

  const refusals: { name: string; fn?: Partial<FunctionConfig>; flags: DeployFlags; message: string; exitCode: number }[] = [
    { name: "missing without --create", flags: {}, message: "function hello not found: run `lgw deploy hello --create`", exitCode: 1 },
    {
      name: "--create without a role",
      flags: { create: true },
      message: 'creating function hello needs an execution role: pass --role <arn> or set "role" for hello in lgw.json',
      exitCode: 2,
    },
    { name: "a malformed role in lgw.json", fn: { create: true, role: "lambda-exec" }, flags: {}, message: "role lambda-exec of hello is not an IAM role ARN", exitCode: 2 },
  ];
  for (const c of refusals) {
    it(`refuses: ${c.name}`, () => {
      let err: unknown;
      try {
        planDeploy({ ...fn, ...c.fn }, code, "missing", c.flags);
      } catch (e) {
        err = e;
      }
      expect((err as Error).message).toContain(c.message);
      expect((err as { exitCode: number }).exitCode).toBe(c.exitCode);
    });
  }
});

describe("checkDeployFlags", () => {
  it.each([
    [{ role: "arn:aws:iam::123456789012:role/service-role/x" }, undefined],
    [{ role: "arn:aws-cn:iam::123456789012:role/x" }, undefined],
    [{ role: "my-role" }, "--role my-role is not an IAM role ARN"],
    [{ alias: "live" }, undefined],
    [{ alias: "42" }, "--alias 42: use 1-128 letters"],
    [{ alias: "a.b" }, "--alias a.b: use 1-128 letters"],
  ] as [DeployFlags, string | undefined][])("%j", (flags, problem) => {
    if (problem) expect(() => checkDeployFlags(flags)).toThrow(problem);
    else expect(() => checkDeployFlags(flags)).not.toThrow();
  });
});

describe("helpers", () => {
  it("environmentDiff", () => {
    expect(environmentDiff({ A: "1", B: "2" }, { A: "1", B: "3", C: "4" })).toEqual(["~B", "+C"]);
    expect(environmentDiff({}, {})).toEqual([]);
  });

  it("planChangesSomething", () => {
    expect(planChangesSomething(planDeploy(fn, code, remote, {}))).toBe(false);
    expect(planChangesSomething(planDeploy(fn, code, remote, { publish: true }))).toBe(true);
    expect(planChangesSomething(planDeploy(fn, code, { ...remote, memory: 512 }, {}))).toBe(true);
  });
});
