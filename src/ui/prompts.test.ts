import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../errors.js";
import { createPrompter, defaultsPrompter } from "./prompts.js";

const arches = {
  message: "Architecture",
  default: "arm64" as const,
  choices: [
    { value: "arm64" as const, name: "arm64" },
    { value: "x86_64" as const, name: "x86_64" },
  ],
};

/** A terminal session driven by keystrokes, each typed once the screen shows some text. */
function session() {
  const input = new PassThrough();
  const output = new PassThrough();
  // inquirer pipes into output and ends it after each prompt; a terminal never ends
  output.end = (() => output) as typeof output.end;
  let screen = "";
  const waiting: { text: string; keys: string }[] = [];
  const flush = () => {
    while (waiting.length && screen.includes(waiting[0]!.text)) {
      const { keys } = waiting.shift()!;
      screen = "";
      // not from inside the prompt's own render
      setImmediate(() => input.write(keys));
    }
  };
  output.on("data", (c: Buffer) => {
    screen += c.toString("utf8");
    flush();
  });
  const when = (text: string, keys: string) => {
    waiting.push({ text, keys });
    flush();
  };
  return { input, output, when };
}

describe("createPrompter", () => {
  it("answers with defaults when nobody can answer", async () => {
    const p = createPrompter({ interactive: false });
    expect(p).toBe(defaultsPrompter);
    expect(await p.text({ message: "Name", default: "hello" })).toBe("hello");
    expect(await p.select(arches)).toBe("arm64");
  });

  it("asks on the terminal it is given", async () => {
    const s = session();
    const p = createPrompter({ interactive: true, input: s.input, output: s.output });
    s.when("Function name", "orders\r");
    expect(await p.text({ message: "Function name", default: "hello" })).toBe("orders");
    s.when("Architecture", "\x1b[B\r"); // arrow down, enter
    expect(await p.select(arches)).toBe("x86_64");
  });

  it("keeps asking until the answer is valid", async () => {
    const s = session();
    const p = createPrompter({ interactive: true, input: s.input, output: s.output });
    s.when("Function name", "bad name\r");
    // only once the problem is on screen, so it must have been shown for the fix to be typed
    s.when("no spaces", "\x7f".repeat(8) + "good\r");
    const answer = await p.text({
      message: "Function name",
      default: "hello",
      validate: (v) => (/\s/.test(v) ? "no spaces" : undefined),
    });
    expect(answer).toBe("good");
  });

  it("turns Ctrl-C into exit 130 without an error message", async () => {
    const s = session();
    const p = createPrompter({ interactive: true, input: s.input, output: s.output });
    s.when("Function name", "\x03");
    const err = await p.text({ message: "Function name", default: "hello" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExitCode);
    expect((err as ExitCode).exitCode).toBe(130);
  });

  it("turns an abort (SIGINT to lgw) into exit 130", async () => {
    const s = session();
    const controller = new AbortController();
    const p = createPrompter({ interactive: true, input: s.input, output: s.output, signal: controller.signal });
    s.output.on("data", () => controller.abort("SIGINT"));
    const err = await p.select(arches).catch((e: unknown) => e);
    expect((err as ExitCode).exitCode).toBe(130);
  });
});
