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

class Duplicate extends Error {
  constructor(readonly found: DuplicateKey) {
    super(`"${found.key}" is given twice`);
  }
}

/** A JSON reader that only checks: the first syntax error (Syntax) or key given twice (Duplicate). */
class Scanner {
  private i = 0;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly duplicates: boolean,
  ) {}

  run(): void {
    // a value is wanted next; after an opening bracket it is the container's first member
    let wanted = true;
    for (;;) {
      if (wanted) {
        wanted = this.value();
        const opened = this.stack.at(-1);
        if (wanted && opened!.object) this.member(opened!);
        continue;
      }
      const frame = this.stack.at(-1);
      if (!frame) break;
      wanted = this.afterMember(frame);
    }
    this.ws();
    if (this.i < this.text.length) this.fail(`${this.found()} after the JSON value`);
  }

  private ws(): void {
    const t = this.text;
    while (this.i < t.length && (t[this.i] === " " || t[this.i] === "\t" || t[this.i] === "\n" || t[this.i] === "\r")) this.i++;
  }

  private found(): string {
    return this.i >= this.text.length ? "unexpected end of input" : `unexpected ${showChar(this.text.codePointAt(this.i)!)}`;
  }

  private fail(message: string): never {
    throw new Syntax(this.i, message);
  }

  private string(): void {
    const t = this.text;
    this.i++;
    for (;;) {
      if (this.i >= t.length) this.fail("unterminated string");
      const c = t[this.i]!;
      if (c === '"') return void this.i++;
      if (c === "\\") {
        this.i++;
        if (this.i < t.length && '"\\/bfnrt'.includes(t[this.i]!)) this.i++;
        else if (t[this.i] === "u" && /^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 1, this.i + 5))) this.i += 5;
        else this.fail("invalid escape in string");
      } else if (c < " ") this.fail("control character in string (escape it)");
      else this.i++;
    }
  }

  /** reads `"key":` of `frame`, an object; a key it already holds is a Duplicate when wanted */
  private member(frame: Frame): void {
    this.ws();
    if (this.text[this.i] !== '"') this.fail(`${this.found()}, expected a property name in double quotes`);
    const start = this.i;
    this.string();
    const key = JSON.parse(this.text.slice(start, this.i)) as string;
    frame.at = key;
    const first = frame.keys?.get(key);
    if (first !== undefined) throw new Duplicate({ offset: start, firstOffset: first, key, path: this.stack.slice(0, -1).map((f) => f.at).join(".") });
    frame.keys?.set(key, start);
    this.ws();
    if (this.text[this.i] !== ":") this.fail(`${this.found()}, expected ":"`);
    this.i++;
  }

  /** reads one value; an object or array is only opened (true: pushed), its members come later */
  private value(): boolean {
    this.ws();
    const t = this.text;
    const c = t[this.i];
    if (c === "{" || c === "[") {
      this.i++;
      this.ws();
      if (t[this.i] === (c === "{" ? "}" : "]")) {
        this.i++;
        return false;
      }
      this.stack.push({ object: c === "{", keys: c === "{" && this.duplicates ? new Map() : undefined, at: 0 });
      return true;
    }
    if (c === '"') this.string();
    else if (["true", "false", "null"].some((word) => t.startsWith(word, this.i))) this.i += t[this.i] === "f" ? 5 : 4;
    else {
      NUMBER.lastIndex = this.i;
      if (c === undefined || !/[-0-9]/.test(c) || !NUMBER.test(t)) this.fail(`${this.found()}, expected a JSON value`);
      this.i = NUMBER.lastIndex;
    }
    return false;
  }

  /** after a member of `frame`: a comma (true: a value is wanted) or the closing bracket */
  private afterMember(frame: Frame): boolean {
    this.ws();
    const c = this.text[this.i];
    if (c === ",") {
      this.i++;
      if (frame.object) this.member(frame);
      else frame.at = (frame.at as number) + 1;
      return true;
    }
    if (c !== (frame.object ? "}" : "]")) this.fail(`${this.found()}, expected "," or "${frame.object ? "}" : "]"}"`);
    this.i++;
    this.stack.pop();
    return false;
  }
}

/** Offset and reason of the first JSON syntax error in text (undefined when it is valid JSON);
 * with `duplicates`, a key given twice in one object counts as a problem too. */
function scan(text: string, duplicates = false): Found | undefined {
  try {
    new Scanner(text, duplicates).run();
    return undefined;
  } catch (err) {
    if (err instanceof Syntax) return { offset: err.offset, message: err.message };
    if (err instanceof Duplicate) return { offset: err.found.offset, message: err.message, duplicate: err.found };
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
