import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse.js";
import type { EventFormat } from "../config/types.js";
import { planScaffold, rewriteGoMod, sanitizeName, targetPath, type InitAnswers } from "./plan.js";
import type { LgwCommand } from "./invocation.js";
import { readTemplate } from "./templates.js";

const base: InitAnswers = { name: "hello", module: "example.com/hello", architecture: "arm64", eventFormat: "v1" };

const SCHEMA_TEXT = '{"$schema": "http://json-schema.org/draft-07/schema#"}\n';

const templates = {
  v1: await readTemplate("v1"),
  v2: await readTemplate("v2"),
};

function plan(answers: Partial<InitAnswers>, lgw: LgwCommand = "npx lgw") {
  const full = { ...base, ...answers };
  const ops = planScaffold(full, templates[full.eventFormat], { schema: SCHEMA_TEXT, lgw });
  const file = (p: string) => {
    const op = ops.find((o) => o.path === p);
    if (!op) throw new Error(`${p} not planned; planned: ${ops.map((o) => o.path).join(", ")}`);
    return op.contents;
  };
  return { ops, file };
}

describe("sanitizeName", () => {
  it.each([
    ["hello", "hello"],
    ["My App", "My-App"],
    ["my_func", "my_func"],
    ["api.example.com", "api-example-com"],
    ["--weird--", "weird"],
    ["ünïcode", "n-code"],
    ["", "hello"],
    ["...", "hello"],
    ["a".repeat(70), "a".repeat(64)],
    ["a".repeat(63) + "-b", "a".repeat(63)],
  ])("%j -> %j", (raw, want) => {
    expect(sanitizeName(raw)).toBe(want);
  });
});

describe("targetPath", () => {
  it.each([
    ["_gitignore", ".gitignore"],
    ["sub/_gitignore", "sub/.gitignore"],
    ["go.mod", "go.mod"],
    ["events/get-hello.json", "events/get-hello.json"],
    ["_other", "_other"],
  ])("%s -> %s", (from, to) => {
    expect(targetPath(from)).toBe(to);
  });
});

describe("planScaffold", () => {
  const expectedFiles = [
    ".gitignore",
    "README.md",
    "bootstrap.go",
    "events/get-hello.json",
    "events/get-user.json",
    "events/post-user.json",
    "exec.go",
    "go.mod",
    "go.sum",
    "lambda.go",
    "lambda_test.go",
    "lgw.json",
    "lgw.schema.json",
  ];

  it.each(["v1", "v2"] as EventFormat[])("writes the same file list for %s, sorted, with no template names left", (eventFormat) => {
    const { ops } = plan({ eventFormat });
    expect(ops.map((o) => o.path)).toEqual(expectedFiles);
    for (const op of ops) {
      expect(op.contents, op.path).not.toMatch(/\{\{\w+\}\}/);
      expect(op.mode).toBe(0o644);
    }
  });

  it.each([
    ["v1", "events.APIGatewayProxyRequest", "events.APIGatewayProxyResponse"],
    ["v2", "events.APIGatewayV2HTTPRequest", "events.APIGatewayV2HTTPResponse"],
  ] as [EventFormat, string, string][])("%s handler uses %s", (eventFormat, request, response) => {
    const { file } = plan({ eventFormat });
    expect(file("lambda.go")).toContain(`func HandleRequest(ctx context.Context, req ${request}) (${response}, error)`);
    expect(file("exec.go")).toContain(`var req ${request}`);
  });

  it.each(["v1", "v2"] as EventFormat[])("%s keeps exec.go out of the Lambda build with build tags", (eventFormat) => {
    const { file } = plan({ eventFormat });
    expect(file("exec.go").split("\n")[0]).toBe("//go:build exec");
    expect(file("bootstrap.go").split("\n")[0]).toBe("//go:build !exec");
    expect(file("bootstrap.go")).toContain("lambda.Start(HandleRequest)");
  });

  it.each([
    ["v1", { resource: "/users/{id}", path: "/users/42", httpMethod: "GET" }],
    ["v2", { version: "2.0", routeKey: "GET /users/{id}", rawPath: "/users/42" }],
  ] as [EventFormat, Record<string, unknown>][])("%s sample events have that flavour's shape", (eventFormat, fields) => {
    const { file } = plan({ eventFormat });
    const event = JSON.parse(file("events/get-user.json")) as Record<string, unknown>;
    expect(event).toMatchObject({ ...fields, pathParameters: { id: "42" } });
    const hello = JSON.parse(file("events/get-hello.json")) as Record<string, unknown>;
    expect(hello.queryStringParameters).toEqual({ name: "Gopher" });
    const post = JSON.parse(file("events/post-user.json")) as { body: string };
    expect(JSON.parse(post.body)).toMatchObject({ name: expect.any(String) });
  });

  it.each([
    [{ name: "hello" }, "example.com/hello"],
    [{ name: "users", module: "github.com/me/users-api" }, "github.com/me/users-api"],
    [{ name: "my_func", module: "example.com/my_func", eventFormat: "v2" }, "example.com/my_func"],
  ] as [Partial<InitAnswers>, string][])("go.mod for %j declares %s and requires aws-lambda-go", (answers, module) => {
    const goMod = plan({ ...answers, module }).file("go.mod");
    expect(goMod.split("\n")[0]).toBe(`module ${module}`);
    expect(goMod).toMatch(/^go 1\.22$/m);
    expect(goMod).toMatch(/^require github\.com\/aws\/aws-lambda-go v1\.\d+\.\d+$/m);
  });

  it.each([
    [{ name: "hello", architecture: "arm64", eventFormat: "v1" }],
    [{ name: "users-api", architecture: "x86_64", eventFormat: "v2" }],
    [{ name: "my_func", architecture: "x86_64", eventFormat: "v1" }],
  ] as [Partial<InitAnswers>][])("lgw.json for %j parses and routes everything to the function", (answers) => {
    const text = plan(answers).file("lgw.json");
    const config = parseConfig(text, "/p/lgw.json", "/p");
    expect(config.architecture).toBe(answers.architecture);
    expect(config.eventFormat).toBe(answers.eventFormat);
    expect(config.functions.map((f) => [f.name, f.entry])).toEqual([[answers.name, "."]]);
    expect(config.routes).toEqual({
      "GET /hello": answers.name,
      "GET /users/{id}": answers.name,
      "POST /users": answers.name,
      "ANY /{proxy+}": answers.name,
    });
    // a path that resolves however lgw was installed: the copy init writes beside lgw.json
    expect(JSON.parse(text).$schema).toBe("./lgw.schema.json");
    expect(plan(answers).file("lgw.schema.json")).toBe(SCHEMA_TEXT);
  });

  it("fills the README with the answers", () => {
    const readme = plan({ name: "users", module: "example.com/users", architecture: "x86_64", eventFormat: "v2" }, "lgw").file("README.md");
    expect(readme).toMatch(/^# users$/m);
    expect(readme).toContain("x86_64");
    expect(readme).toContain("taking\nHTTP API events");
    expect(readme).toMatch(/^lgw api create users-api +# an HTTP API \(api.type "http"\) and its auto-deploying \$default stage$/m);
    expect(readme).toMatch(/^lgw api sync +# its routes, integrations and invoke permissions, from lgw.json$/m);
    expect(readme).not.toContain("{{");
    const rest = plan({ name: "users", eventFormat: "v1" }).file("README.md");
    expect(rest).toMatch(/^npx lgw api create-stage prod +# deploy it/m);
  });

  it.each([
    ["v1", '403 {"message":"Missing Authentication Token"}'],
    ["v2", '404 {"message":"Not Found"}'],
  ] as [EventFormat, string][])("the %s README says what a path no route matches answers: %s", (eventFormat, answer) => {
    const readme = plan({ eventFormat }).file("README.md");
    expect(readme).toMatch(new RegExp(`\\| a path no route matches \\(here only \`/\`\\) \\| \`${answer.replace(/[{}]/g, "\\$&")}\``));
  });

  it.each([["npx lgw"], ["lgw"]] as [LgwCommand][])("every command in the README runs lgw as `%s`, as init's next steps do", (lgw) => {
    for (const auth of [undefined, "jwt"] as const) {
      const readme = plan({ eventFormat: "v2", ...(auth ? { auth } : {}) }, lgw).file("README.md");
      const commands = readme.split("\n").filter((l) => /^(npx )?lgw /.test(l) || /\$\((npx )?lgw /.test(l));
      expect(commands.length).toBeGreaterThan(auth ? 8 : 5);
      for (const line of commands) {
        expect(line.startsWith(`${lgw} `) || line.startsWith("curl"), line).toBe(true);
        if (lgw === "lgw") expect(line).not.toContain("npx");
        else expect(line.replace(/npx lgw/g, "")).not.toMatch(/(^|[ (])lgw /);
      }
    }
  });

  it(".gitignore ignores lgw build output", () => {
    const gitignore = plan({}).file(".gitignore").split("\n");
    expect(gitignore).toEqual(expect.arrayContaining([".lgw/", "bootstrap", "*.zip"]));
  });

  it.each([
    [{ name: "" }, /--name: a function name cannot be empty/],
    [{ name: "has space" }, /--name: .*letters, digits/],
    [{ name: "x".repeat(65) }, /--name: .*at most 64/],
    [{ module: "" }, /--module: a module path cannot be empty/],
    [{ module: "example.com/a b" }, /--module: .*invalid element/],
    [{ module: "/abs" }, /--module: .*must not start or end/],
  ] as [Partial<InitAnswers>, RegExp][])("refuses %j", (answers, problem) => {
    expect(() => plan(answers)).toThrow(problem);
    try {
      plan(answers);
    } catch (err) {
      expect((err as { exitCode?: number }).exitCode).toBe(2);
    }
  });
});

describe("--auth token (REST TOKEN authorizer)", () => {
  it("adds the authorizer function, the authorizer and GET /me before the catch-all, in a config the loader accepts", async () => {
    const withToken = await readTemplate("v1", undefined, ["auth-token"]);
    const ops = planScaffold({ ...base, auth: "token" }, withToken, { schema: SCHEMA_TEXT, lgw: "npx lgw" });
    const text = ops.find((o) => o.path === "lgw.json")!.contents;
    const config = parseConfig(text, "lgw.json", "/p");
    expect(config.functions.map((f) => [f.name, f.entry])).toEqual([["hello", "."], ["authorizer", "./authorizer"]]);
    expect(config.authorizers).toEqual([{ name: "token", type: "token", function: "authorizer", identitySource: "method.request.header.Authorization", validationExpression: "^Bearer [-0-9a-zA-Z._]+$", ttl: 300 }]);
    expect(Object.keys(config.routes)).toEqual(["GET /hello", "GET /users/{id}", "POST /users", "GET /me", "ANY /{proxy+}"]);
    expect(config.routeOptions["GET /me"]!.access).toEqual({ authorizer: "token" });
    expect(ops.map((o) => o.path)).toEqual(expect.arrayContaining(["authorizer/main.go", "authorizer/main_test.go", "me.go", "me_test.go", "events/authorizer-token.json"]));
    const readme = ops.find((o) => o.path === "README.md")!.contents;
    expect(readme).toContain("TOKEN authorizer `token`");
    expect(readme).toContain('curl -H "Authorization: Bearer ada" http://127.0.0.1:3000/me');
  });

  it("names the authorizer function token-authorizer when the project is itself called authorizer", () => {
    const text = plan({ name: "authorizer", auth: "token" }).file("lgw.json");
    expect(Object.keys(JSON.parse(text).functions)).toEqual(["authorizer", "token-authorizer"]);
  });
});

describe("rewriteGoMod", () => {
  it("replaces only the module directive", () => {
    const text = "// comment\nmodule example.com/hello\n\ngo 1.22\n\nrequire github.com/aws/aws-lambda-go v1.54.0\n";
    expect(rewriteGoMod(text, "github.com/me/x")).toBe(text.replace("example.com/hello", "github.com/me/x"));
  });
  it("fails loudly on a template without one", () => {
    expect(() => rewriteGoMod("go 1.22\n", "x")).toThrow(/no module directive/);
  });
});
