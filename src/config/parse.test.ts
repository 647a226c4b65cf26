import { describe, expect, it } from "vitest";
import { implicitConfig, parseConfig, selectFunctions, selectOneFunction } from "./parse.js";
import { functionNameProblem, modulePathProblem } from "./names.js";
import { goArch, hostArch, normalizeArch } from "./arch.js";

const parse = (json: unknown) => parseConfig(JSON.stringify(json), "lgw.json", "/p");

describe("parseConfig", () => {
  it("fills defaults for a minimal file", () => {
    const c = parse({ functions: { hello: {} } });
    expect(c.architecture).toBe("arm64");
    expect(c.eventFormat).toBe("v1");
    expect(c.functions).toEqual([
      { name: "hello", entry: ".", architecture: "arm64", memory: 128, timeout: 3, environment: {}, description: undefined, role: undefined, create: undefined },
    ]);
    expect(c.api).toEqual({ type: "rest", binaryMediaTypes: [], stageVariables: {} });
    expect(c.routes).toEqual({});
  });

  it("lets a function override the project architecture and accepts amd64", () => {
    const c = parse({ architecture: "amd64", functions: { a: {}, b: { architecture: "arm64", entry: "./functions/b" } } });
    expect(c.functions.map((f) => [f.name, f.architecture, f.entry])).toEqual([
      ["a", "x86_64", "."],
      ["b", "arm64", "./functions/b"],
    ]);
  });

  it("keeps a list of .go files as the entry", () => {
    expect(parse({ functions: { a: { entry: ["bootstrap.go", "lambda.go"] } } }).functions[0]!.entry).toEqual(["bootstrap.go", "lambda.go"]);
  });

  it.each([
    ["not JSON", "{", /lgw.json:1:2: not valid JSON/],
    ["a trailing comma, with its line and column", '{\n  "functions": {"a": {}},\n}', /lgw.json:3:1: not valid JSON/],
    ["an array", [], /the top level must be an object/],
    ["no functions", {}, /functions must name at least one function/],
    ["an unknown top-level key", { functions: { a: {} }, fucntions: {} }, /fucntions is not a known setting/],
    ["a bad function name", { functions: { "bad name": {} } }, /functions.bad name has an invalid name/],
    ["a bad architecture", { functions: { a: { architecture: "sparc" } } }, /functions.a.architecture must be "arm64" or "x86_64"/],
    ["memory below Lambda's minimum", { functions: { a: { memory: 64 } } }, /functions.a.memory must be a whole number from 128 to 10240/],
    ["a fractional timeout", { functions: { a: { timeout: 1.5 } } }, /functions.a.timeout must be a whole number from 1 to 900/],
    ["a non-string environment value", { functions: { a: { environment: { N: 1 } } } }, /functions.a.environment.N must be a string/],
    ["an entry list with a non-go file", { functions: { a: { entry: ["main.c"] } } }, /functions.a.entry must be a package directory/],
    ["a route to an undefined function", { functions: { a: {} }, routes: { "GET /x": "b" } }, /routes\["GET \/x"\] names function "b", which lgw.json does not define/],
    ["a bad binary media type", { functions: { a: {} }, api: { binaryMediaTypes: ["png"] } }, /api.binaryMediaTypes must be a list of media types/],
    ["a bad event format", { functions: { a: {} }, eventFormat: "v3" }, /eventFormat must be "v1" or "v2"/],
  ])("rejects %s with a one-line reason", (_what, input, message) => {
    const text = typeof input === "string" ? input : JSON.stringify(input);
    let caught: unknown;
    try {
      parseConfig(text, "lgw.json", "/p");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain("\n");
    expect((caught as { exitCode: number }).exitCode).toBe(2);
  });
});

describe("function selection", () => {
  const c = parse({ functions: { users: {}, orders: {} } });
  it.each([
    [undefined, ["users", "orders"]],
    ["orders", ["orders"]],
  ])("selectFunctions(%s)", (name, expected) => {
    expect(selectFunctions(c, name).map((f) => f.name)).toEqual(expected);
  });
  it("names the functions when the one asked for does not exist", () => {
    expect(() => selectFunctions(c, "nope")).toThrow(/no function "nope".*functions: users, orders/);
  });
  it("asks for --function when several exist and none is named", () => {
    expect(() => selectOneFunction(c)).toThrow(/pick one with --function/);
    expect(selectOneFunction(implicitConfig("/p", "solo")).name).toBe("solo");
  });
});

describe("names", () => {
  it.each([
    ["hello", undefined],
    ["my-func_2", undefined],
    ["a".repeat(64), undefined],
    ["a".repeat(65), /at most 64/],
    ["", /cannot be empty/],
    ["has space", /letters, digits/],
    ["dot.name", /letters, digits/],
  ])("function name %j", (name, problem) => {
    const p = functionNameProblem(name);
    if (problem) expect(p).toMatch(problem);
    else expect(p).toBeUndefined();
  });

  it.each([
    ["example.com/hello", undefined],
    ["github.com/me/my-lambda", undefined],
    ["hello", undefined],
    ["", /cannot be empty/],
    ["/abs", /must not start or end/],
    ["a//b", /empty element/],
    ["a/b c", /invalid element/],
    ["example.com/.hidden", /starting or ending with "."/],
    ["-flag", /must not start with "-"/],
  ])("module path %j", (path, problem) => {
    const p = modulePathProblem(path);
    if (problem) expect(p).toMatch(problem);
    else expect(p).toBeUndefined();
  });
});

describe("architectures", () => {
  it.each([
    ["arm64", "arm64", "arm64"],
    ["aarch64", "arm64", "arm64"],
    ["x86_64", "x86_64", "amd64"],
    ["amd64", "x86_64", "amd64"],
    ["AMD64", "x86_64", "amd64"],
  ])("%s -> Lambda %s, GOARCH %s", (input, lambda, go) => {
    const a = normalizeArch(input);
    expect(a).toBe(lambda);
    expect(goArch(a)).toBe(go);
  });
  it("rejects anything else with what to use", () => {
    expect(() => normalizeArch("386")).toThrow(/use arm64 or x86_64/);
  });
  it.each([
    ["x64", "x86_64"],
    ["arm64", "arm64"],
    ["ia32", undefined],
  ])("host %s -> %s", (node, lambda) => expect(hostArch(node)).toBe(lambda));
});
