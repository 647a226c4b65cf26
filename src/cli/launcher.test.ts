import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { createProgram } from "./program.js";

// bin/lgw.js finds the command (to send `exec` to dist/exec.cjs) by skipping the global options
// itself, by name: these tests hold its list to program.ts's, so a new global option cannot send
// `lgw <option> exec` down the slow path unnoticed
const { commandOf } = createRequire(import.meta.url)("../../bin/lgw.js") as { commandOf: (argv: string[]) => string | undefined };

/** Every way of writing each global option before a command, from the program itself. */
function globalSpellings(): { flag: string; argv: string[] }[] {
  const out: { flag: string; argv: string[] }[] = [];
  for (const opt of createProgram([], () => undefined).options) {
    // --version prints and exits before any command runs
    if (opt.long === "--version") continue;
    for (const name of [opt.short, opt.long]) {
      if (!name) continue;
      if (!opt.required && !opt.optional) out.push({ flag: name, argv: [name] });
      else {
        out.push({ flag: `${name} VALUE`, argv: [name, "dir"] });
        out.push({ flag: name.startsWith("--") ? `${name}=VALUE` : `${name}VALUE`, argv: [name.startsWith("--") ? `${name}=dir` : `${name}dir`] });
      }
    }
  }
  return out;
}

describe("bin/lgw.js commandOf", () => {
  const spellings = globalSpellings();

  it("knows the program's global options (more than the version flag)", () => {
    expect(spellings.map((s) => s.flag)).toEqual(expect.arrayContaining(["--json", "-C VALUE", "--cwd=VALUE", "--no-color"]));
  });

  it.each(spellings)("skips $flag before the command", ({ argv }) => {
    expect(commandOf([...argv, "exec", "events/e.json"])).toBe("exec");
    expect(commandOf([...argv, "serve"])).toBe("serve");
  });

  it.each([
    ["no arguments", [], undefined],
    ["the command first", ["exec", "--json"], "exec"],
    ["all the global options at once", ["--json", "-v", "-C", "dir", "--no-color", "exec"], "exec"],
    ["-C's value is not the command", ["-C", "exec", "serve"], "serve"],
    ["--cwd's value is not the command", ["--cwd", "exec", "build"], "build"],
    ["a word after the command is not it", ["serve", "exec"], "serve"],
    ["an unknown option is taken as the word (commander reports it)", ["--nope", "exec"], "--nope"],
  ])("%s", (_name, argv, expected) => {
    expect(commandOf(argv)).toBe(expected);
  });
});
