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

/** One open object or array while scanning: the scanner keeps its own stack, so nesting 200,000
 * deep still gets a position instead of a stack overflow. */
interface Frame {
  object: boolean;
  /** the object's keys so far and where each was first given (only when duplicates are wanted) */
  keys?: Map<string, number>;
  /** the member being read: its key, or the array index */
  at: string | number;
}

export interface DuplicateKey {
  offset: number;
  firstOffset: number;
  /** the object holding the key twice, as a dotted path ("" for the top level) */
  path: string;
  key: string;
}

type Found = { offset: number; message: string; duplicate?: DuplicateKey };

/** Offset and reason of the first JSON syntax error in text (undefined when it is valid JSON);
 * with `duplicates`, a key given twice in one object counts as a problem too. */
function scan(text: string, duplicates = false): Found | undefined {
  let i = 0;
  const n = text.length;
  const stack: Frame[] = [];
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
  /** reads `"key":` of the object on top of the stack; returns a duplicate when there is one */
  const member = (frame: Frame): DuplicateKey | undefined => {
    ws();
    if (text[i] !== '"') fail(`${found()}, expected a property name in double quotes`);
    const start = i;
    string();
    const key = JSON.parse(text.slice(start, i)) as string;
    frame.at = key;
    let duplicate: DuplicateKey | undefined;
    if (frame.keys) {
      const first = frame.keys.get(key);
      if (first !== undefined) duplicate = { offset: start, firstOffset: first, key, path: stack.slice(0, -1).map((f) => f.at).join(".") };
      else frame.keys.set(key, start);
    }
    ws();
    if (text[i] !== ":") fail(`${found()}, expected ":"`);
    i++;
    return duplicate;
  };
  /** reads one value; an object or array is only opened (true: pushed), its members come later */
  const value = (): boolean => {
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      i++;
      ws();
      if (text[i] === (c === "{" ? "}" : "]")) {
        i++;
        return false;
      }
      stack.push({ object: c === "{", keys: c === "{" && duplicates ? new Map() : undefined, at: 0 });
      return true;
    }
    if (c === '"') string();
    else if (["true", "false", "null"].some((word) => text.startsWith(word, i))) i += text[i] === "f" ? 5 : 4;
    else {
      NUMBER.lastIndex = i;
      if (c === undefined || !/[-0-9]/.test(c) || !NUMBER.test(text)) fail(`${found()}, expected a JSON value`);
      i = NUMBER.lastIndex;
    }
    return false;
  };
  const duplicateFound = (d: DuplicateKey): Found => ({ offset: d.offset, message: `"${d.key}" is given twice`, duplicate: d });
  try {
    let needValue = true;
    for (;;) {
      if (needValue) {
        if (value()) {
          const opened = stack.at(-1)!;
          const dup = opened.object ? member(opened) : undefined;
          if (dup) return duplicateFound(dup);
        } else needValue = false;
        continue;
      }
      const frame = stack.at(-1);
      if (!frame) break;
      ws();
      if (text[i] === ",") {
        i++;
        if (frame.object) {
          const dup = member(frame);
          if (dup) return duplicateFound(dup);
        } else frame.at = (frame.at as number) + 1;
        needValue = true;
      } else if (text[i] === (frame.object ? "}" : "]")) {
        i++;
        stack.pop();
      } else fail(`${found()}, expected "," or "${frame.object ? "}" : "]"}"`);
    }
    ws();
    if (i < n) fail(`${found()} after the JSON value`);
    return undefined;
  } catch (err) {
    if (err instanceof Syntax) return { offset: err.offset, message: err.message };
    throw err;
  }
}

/** 1-based line and column of an offset in text. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
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
  return { ...position(text, found.offset), message: found.message };
}

/** The first key given twice in one object of a valid JSON text (JSON.parse keeps the last one
 * silently), with where it is and where it was first given. */
export function duplicateKey(text: string): (DuplicateKey & { line: number; column: number; first: { line: number; column: number } }) | undefined {
  const d = scan(text, true)?.duplicate;
  return d && { ...d, ...position(text, d.offset), first: position(text, d.firstOffset) };
}
