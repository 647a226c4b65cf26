// Splits a byte stream into lines (UTF-8 safe across chunk boundaries), so a function's output
// can be tagged with the request it belongs to, line by line.
import { StringDecoder } from "node:string_decoder";

export class LineSplitter {
  private readonly decoder = new StringDecoder("utf8");
  private partial = "";

  /** Complete lines in this chunk (without their "\n" or "\r\n"). */
  push(chunk: Buffer): string[] {
    const text = this.partial + this.decoder.write(chunk);
    const lines = text.split("\n");
    this.partial = lines.pop()!;
    return lines.map(stripCR);
  }

  /** The unterminated rest, if any. */
  flush(): string | undefined {
    const rest = this.partial + this.decoder.end();
    this.partial = "";
    return rest === "" ? undefined : stripCR(rest);
  }
}

function stripCR(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/** Keeps the last `max` lines written to it. */
export class Tail {
  private readonly lines: string[] = [];
  constructor(private readonly max: number) {}

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }

  text(): string {
    return this.lines.join("\n");
  }
}
