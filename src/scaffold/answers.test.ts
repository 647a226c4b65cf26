import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultsPrompter, type Prompter, type SelectQuestion, type TextQuestion } from "../ui/prompts.js";
import { resolveInit, type InitFlags } from "./answers.js";

const cwd = "/work/projects";

/** Answers questions from a script (by message) and records what was asked. */
function scripted(script: Record<string, string>) {
  const asked: { message: string; default: string }[] = [];
  const answer = (q: TextQuestion | SelectQuestion<string>) => {
    asked.push({ message: q.message, default: q.default });
    return script[q.message] ?? q.default;
  };
  const prompter: Prompter = {
    text: async (q) => {
      const value = answer(q);
      const problem = q.validate?.(value);
      if (problem) throw new Error(`scripted answer ${JSON.stringify(value)} rejected: ${problem}`);
      return value;
    },
    select: async <T extends string>(q: SelectQuestion<T>) => answer(q) as T,
  };
  return { prompter, asked };
}

describe("resolveInit without anyone to ask", () => {
  it.each([
    [{}, "hello", "example.com/hello", "hello"],
    [{ dir: "api" }, "api", "example.com/api", "api"],
    [{ dir: "." }, "projects", "example.com/projects", "."],
    [{ dir: "My Service" }, "My-Service", "example.com/My-Service", "My Service"],
    [{ dir: "/tmp/x/svc" }, "svc", "example.com/svc", "/tmp/x/svc"],
    [{ name: "users" }, "users", "example.com/users", "users"],
    [{ dir: "code", name: "users", module: "github.com/me/users" }, "users", "github.com/me/users", "code"],
  ] as [InitFlags, string, string, string][])("%j -> name %s, module %s, dir %s", async (flags, name, module, dir) => {
    const got = await resolveInit(flags, cwd, defaultsPrompter);
    expect(got.answers).toEqual({ name, module, architecture: "arm64", eventFormat: "v1" });
    expect(got.dir).toBe(path.resolve(cwd, dir));
  });

  it.each([
    [{ auth: "token" }, { auth: "token", eventFormat: "v1" }],
    [{ auth: "jwt", event: "v2" }, { auth: "jwt", eventFormat: "v2" }],
  ] as [InitFlags, object][])("%j -> %j", async (flags, want) => {
    expect((await resolveInit(flags, cwd, defaultsPrompter)).answers).toMatchObject(want);
  });

  it.each([
    [{ arch: "x86_64" }, "x86_64"],
    [{ arch: "amd64" }, "x86_64"],
    [{ arch: "arm64" }, "arm64"],
  ] as [InitFlags, string][])("%j -> architecture %s", async (flags, arch) => {
    expect((await resolveInit(flags, cwd, defaultsPrompter)).answers.architecture).toBe(arch);
  });

  it.each([
    [{ name: "bad name" }, /--name: .*letters, digits/],
    [{ name: "" }, /--name: a function name cannot be empty/],
    [{ module: "a//b" }, /--module: .*empty element/],
    [{ arch: "386" }, /unknown architecture "386"/],
    [{ event: "v3" }, /--event must be v1/],
    [{ auth: "oauth" }, /--auth oauth: use jwt .* or token/],
    [{ auth: "token", event: "v2" }, /--auth token needs --event v1/],
    [{ auth: "jwt", event: "v1" }, /--auth jwt needs --event v2/],
  ] as [InitFlags, RegExp][])("refuses %j with exit 2", async (flags, problem) => {
    const err = await resolveInit(flags, cwd, defaultsPrompter).catch((e: unknown) => e);
    expect(String(err)).toMatch(problem);
    expect((err as { exitCode?: number }).exitCode).toBe(2);
  });
});

describe("resolveInit with a prompter", () => {
  it("asks every question, in order, with defaults that follow earlier answers", async () => {
    const { prompter, asked } = scripted({
      "Function name": "orders",
      "Default architecture": "x86_64",
      "API Gateway event format": "v2",
    });
    const got = await resolveInit({}, cwd, prompter);
    expect(asked).toEqual([
      { message: "Function name", default: "hello" },
      { message: "Go module path", default: "example.com/orders" },
      { message: "Default architecture", default: "arm64" },
      { message: "API Gateway event format", default: "v1" },
    ]);
    expect(got).toEqual({
      dir: path.resolve(cwd, "orders"),
      answers: { name: "orders", module: "example.com/orders", architecture: "x86_64", eventFormat: "v2" },
    });
  });

  it("suggests the directory's name and asks only what flags leave open", async () => {
    const { prompter, asked } = scripted({});
    await resolveInit({ dir: "svc", module: "github.com/me/svc", event: "v1" }, cwd, prompter);
    expect(asked).toEqual([
      { message: "Function name", default: "svc" },
      { message: "Default architecture", default: "arm64" },
    ]);
  });

  it("checks flags before asking anything", async () => {
    const { prompter, asked } = scripted({});
    await expect(resolveInit({ module: "bad module" }, cwd, prompter)).rejects.toThrow(/--module/);
    expect(asked).toEqual([]);
  });
});
