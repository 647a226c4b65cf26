import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { checkPayload } from "./payload.js";
import { jsonProblem } from "../util/json.js";

describe("jsonProblem", () => {
  const valid = ['{}', '[]', '"x"', "1", "-0.5e+3", "true", "null", ' {"a": [1, {"b": "\\u00e9\\n"}]} \n', JSON.stringify({ deep: [[[[{ x: "y" }]]]] })];
  it.each(valid)("valid: %s", (text) => {
    expect(jsonProblem(text)).toBeUndefined();
  });

  const invalid: [string, number, number, string][] = [
    ["", 1, 1, "unexpected end of input"],
    ["   ", 1, 4, "unexpected end of input"],
    ["{nope}", 1, 2, 'unexpected "n", expected a property name in double quotes'],
    ['{"a": }', 1, 7, 'unexpected "}", expected a JSON value'],
    ['{\n  "name": "Ada",\n  "age": ,\n}\n', 3, 10, 'unexpected ","'],
    ['{"a": 1,}', 1, 9, "expected a property name"],
    ["[1, 2,]", 1, 7, "expected a JSON value"],
    ["[1 2]", 1, 4, 'expected "," or "]"'],
    ['{"a" 1}', 1, 6, 'expected ":"'],
    ['{"a": 1', 1, 8, 'unexpected end of input, expected "," or "}"'],
    ['"abc', 1, 5, "unterminated string"],
    ['"a\\x"', 1, 4, "invalid escape"],
    ['"tab\there"', 1, 5, "control character"],
    ["{} {}", 1, 4, "after the JSON value"],
    ["tru", 1, 1, 'unexpected "t"'],
    ["01", 1, 2, "after the JSON value"],
    ["{'a': 1}", 1, 2, "expected a property name in double quotes"],
    ["\n\n   x", 3, 4, 'unexpected "x"'],
    ["\ufeff{}", 1, 1, "unexpected byte-order mark U+FEFF (save the file as UTF-8 without BOM)"],
    ['{"a":\u00a01}', 1, 6, "unexpected non-breaking space U+00A0"],
    ["[1,\u0001]", 1, 4, "unexpected U+0001"],
    ["\u00e9", 1, 1, 'unexpected "\u00e9"'],
  ];
  it.each(invalid)("%j -> %d:%d %s", (text, line, column, message) => {
    const p = jsonProblem(text);
    expect(p).toMatchObject({ line, column });
    expect(p!.message).toContain(message);
  });
});

const whole = (bytes: Buffer) => ({ bytes, over: bytes.length > 6291456, size: bytes.length });

describe("checkPayload", () => {
  it("accepts JSON up to 6291456 bytes", () => {
    const text = JSON.stringify("x".repeat(6291456 - 2));
    expect(() => checkPayload(whole(Buffer.from(text)), "p.json", true)).not.toThrow();
  });

  it("refuses one byte more, naming the size", () => {
    const text = JSON.stringify("x".repeat(6291456 - 1));
    expect(() => checkPayload(whole(Buffer.from(text)), "p.json", true)).toThrow("p.json is 6291457 bytes; Lambda accepts at most 6291456 bytes");
  });

  it("a stream read to one byte past the limit has no size: says it is over", () => {
    const bytes = Buffer.alloc(6291457, 0x20);
    expect(() => checkPayload({ bytes, over: true }, "stdin", false)).toThrow("stdin is over 6291456 bytes; Lambda accepts at most 6291456 bytes");
  });

  it.each([
    ["events/bad.json", true, "events/bad.json:1:2: the payload is not valid JSON"],
    ["stdin", false, "stdin (line 1, column 2): the payload is not valid JSON"],
  ])("names %s and where", (source, isFile, message) => {
    let err: unknown;
    try {
      checkPayload(whole(Buffer.from("{x")), source, isFile);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as Error).message).toContain(message);
  });
});
