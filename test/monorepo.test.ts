// A Go monorepo as real projects lay it out: one directory per function and a shared internal
// package, one lgw.json. Build, exec and deploy must treat each function on its own terms.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetFunctionCommand } from "@aws-sdk/client-lambda";
import { readElfArch } from "../src/build/elf.js";
import { runLgw } from "./helpers/cli.js";
import { useMoto } from "./helpers/moto-fixture.js";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "monorepo");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-monorepo-"));
  cpSync(FIXTURE, dir, { recursive: true });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a project of several functions", () => {
  it("builds every function for its own architecture", async () => {
    const r = await runLgw(["build", "--json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const built = JSON.parse(r.stdout).functions as { function: string; architecture: string; binaryPath: string; codeSha256: string }[];
    expect(built.map((b) => [b.function, b.architecture])).toEqual([
      ["users", "arm64"],
      ["orders", "x86_64"],
    ]);
    for (const b of built) expect(readElfArch(b.binaryPath)).toBe(b.architecture);
    expect(built[0]!.codeSha256).not.toBe(built[1]!.codeSha256);
  });

  it("builds only the function named", async () => {
    const r = await runLgw(["build", "orders", "--json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).functions.map((b: { function: string }) => b.function)).toEqual(["orders"]);
  });

  it("runs the function picked with --function, with its shared package", async () => {
    const r = await runLgw(["exec", "--function", "users", "events/get-user.json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const response = JSON.parse(r.stdout);
    expect(JSON.parse(response.body)).toEqual({ function: "users", detail: "/users/{id} id=7" });
  });

  it("builds exec --event requests by the route table, as lgw serve would route them", async () => {
    const r = await runLgw(["exec", "--function", "users", "--event", "apigw-v1", "--path", "/users/9"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(JSON.parse(r.stdout).body)).toEqual({ function: "users", detail: "/users/{id} id=9" });
  });

  it("asks which function to run when there are several", async () => {
    const r = await runLgw(["exec", "events/get-user.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 functions \(users, orders\): pick one with --function/);
  });

  describe("deploy against moto", () => {
    const moto = useMoto();

    it("creates every function with its own settings", async () => {
      const r = await moto.lgw(["deploy", "--create", "--role", moto.roleArn, "--json"], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const users = (await moto.lambda.send(new GetFunctionCommand({ FunctionName: "users" }))).Configuration!;
      const orders = (await moto.lambda.send(new GetFunctionCommand({ FunctionName: "orders" }))).Configuration!;
      expect([users.Architectures, users.MemorySize, users.Timeout, users.Environment?.Variables]).toEqual([["arm64"], 256, 3, { TABLE: "users" }]);
      expect([orders.Architectures, orders.MemorySize, orders.Timeout]).toEqual([["x86_64"], 128, 10]);
      expect(users.Runtime).toBe("provided.al2023");
      expect(orders.Handler).toBe("bootstrap");
    });

    it("redeploys one named function and leaves it unchanged", async () => {
      const r = await moto.lgw(["deploy", "orders", "--json"], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.functions).toHaveLength(1);
      expect(out.functions[0]).toMatchObject({ function: "orders" });
      expect(JSON.stringify(out.functions[0])).toMatch(/unchanged/);
    });
  });
});
