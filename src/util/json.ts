// Says where a JSON text stops being JSON: V8's messages often omit the position, so a small
// scanner finds it. Used for payload files (lgw exec) and for lgw.json.

export interface JsonProblem {
  line: number;
  column: number;
  message: string;
}

class Syntax extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

// invisible characters that sneak into payloads saved by editors or copied from web pages
const INVISIBLE: Record<number, string> = {
  0xfeff: "byte-order mark U+FEFF (save the file as UTF-8 without BOM)",
  0xa0: "non-breaking space U+00A0",
  0x200b: "zero-width space U+200B",
};

/** A character as a message shows it: "x", or its code point when it would be invisible. */
function showChar(code: number): string {
  const named = INVISIBLE[code];
  if (named) return named;
  const c = String.fromCodePoint(code);
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? JSON.stringify(c) : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Offset and reason of the first JSON syntax error in text (undefined when it is valid JSON). */
function scan(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const found = () => (i >= n ? "unexpected end of input" : `unexpected ${showChar(text.codePointAt(i)!)}`);
  const fail = (message: string): never => {
    throw new Syntax(i, message);
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= n) fail("unterminated string");
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c === "\\") {
        i++;
        if (i < n && '"\\/bfnrt'.includes(text[i]!)) i++;
        else if (text[i] === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else fail("invalid escape in string");
      } else if (c < " ") fail("control character in string (escape it)");
      else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`${found()}, expected a property name in double quotes`);
        string();
        ws();
        if (text[i] !== ":") fail(`${found()}, expected ":"`);
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail(`${found()}, expected "," or "}"`);
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail(`${found()}, expected "," or "]"`);
      }
    }
    if (c === '"') return string();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) return void (i += word.length);
    }
    NUMBER.lastIndex = i;
    if (c !== undefined && /[-0-9]/.test(c) && NUMBER.test(text)) return void (i = NUMBER.lastIndex);
    fail(`${found()}, expected a JSON value`);
  };
  try {
    value();
    ws();
    if (i < n) fail(`${found()} after the JSON value`);
    return undefined;
  } catch (err) {
    if (err instanceof Syntax) return { offset: err.offset, message: err.message };
    // nesting deep enough to exhaust the stack: JSON.parse said no, we just can't say where
    return { offset: -1, message: "not valid JSON" };
  }
}

/** Where text stops being JSON, as a 1-based line and column; undefined when it parses. */
export function jsonProblem(text: string): JsonProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    // fall through to find the position
  }
  const found = scan(text) ?? { offset: -1, message: "not valid JSON" };
  if (found.offset < 0) return { line: 0, column: 0, message: found.message };
  const before = text.slice(0, found.offset);
  const line = before.split("\n").length;
  const column = found.offset - (before.lastIndexOf("\n") + 1) + 1;
  return { line, column, message: found.message };
}
