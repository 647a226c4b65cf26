import { describe, expect, it } from "vitest";
import { duplicateKey, jsonProblem } from "./json.js";

describe("jsonProblem on deep nesting (the scanner keeps its own stack)", () => {
  const deep = 200_000;
  const cases: [string, string, number, number, string][] = [
    ["unclosed arrays", "[".repeat(deep), 1, deep + 1, "unexpected end of input"],
    ["unclosed objects ending in a bad value", '{"a":'.repeat(deep) + "x", 1, 5 * deep + 1, 'unexpected "x", expected a JSON value'],
    ["one bracket too many", "[".repeat(deep) + "]".repeat(deep + 1), 1, 2 * deep + 1, "after the JSON value"],
    ["a bad separator at the bottom", "[".repeat(deep) + "1;" + "]".repeat(deep), 1, deep + 2, 'expected "," or "]"'],
  ];
  it.each(cases)("%s", (_name, text, line, column, message) => {
    const p = jsonProblem(text);
    expect(p).toMatchObject({ line, column });
    expect(p!.message).toContain(message);
  });
  it("valid deep nesting is valid", () => {
    expect(jsonProblem("[".repeat(deep) + "]".repeat(deep))).toBeUndefined();
  });
});

describe("duplicateKey", () => {
  const cases: [string, string, ReturnType<typeof duplicateKey> extends infer D ? Partial<NonNullable<D>> | undefined : never][] = [
    ["none", '{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}', undefined],
    ["top level", '{"a": 1,\n "a": 2}', { path: "", key: "a", line: 2, column: 2, first: { line: 1, column: 2 } }],
    ["in functions", '{"functions": {"x": {}, "y": {}, "x": {"memory": 256}}}', { path: "functions", key: "x", line: 1, column: 34 }],
    ["in routes", '{"routes": {\n  "GET /a": "f",\n  "GET /a": "g"\n}}', { path: "routes", key: "GET /a", line: 3, column: 3, first: { line: 2, column: 3 } }],
    ["deeper, through an array", '{"l": [0, {"k": 1, "k": 2}]}', { path: "l.1", key: "k" }],
    ["escapes compare decoded", '{"a": 1, "\\u0061": 2}', { key: "a", column: 10 }],
    ["an empty key twice", '{"": 1, "": 2}', { key: "", column: 9 }],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    const d = duplicateKey(text);
    if (expected === undefined) expect(d).toBeUndefined();
    else expect(d).toMatchObject(expected);
  });
});
