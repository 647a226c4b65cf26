// scripts/fn-length.mjs (issue 7): which functions it reports over 60 lines, and when a
// "long:" comment directly above one excuses it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const SCRIPT = path.resolve("scripts/fn-length.mjs");
const dir = mkdtempSync(path.join(os.tmpdir(), "lgw-fn-length-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const body = (lines: number) => Array.from({ length: lines - 2 }, (_, i) => `  call(${i});`).join("\n");

function run(target: string): { status: number; out: string } {
  try {
    return { status: 0, out: execFileSync(process.execPath, [SCRIPT, target], { encoding: "utf8" }) };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { status: e.status, out: e.stdout };
  }
}

const cases: { name: string; source: string; reported: string[] }[] = [
  { name: "exactly 60 lines", source: `function short() {\n${body(60)}\n}\n`, reported: [] },
  { name: "61 lines", source: `function long() {\n${body(61)}\n}\n`, reported: ["long 61 lines"] },
  { name: "a reason above", source: `// long: one table\nfunction long() {\n${body(61)}\n}\n`, reported: [] },
  { name: "a reason above the other comments", source: `// long: one table\n/** docs */\nexport const f = async () => {\n${body(70)}\n};\n`, reported: [] },
  { name: "a reason with a blank line between", source: `// long: one table\n\nfunction long() {\n${body(61)}\n}\n`, reported: ["long 61 lines"] },
  { name: "a comment without the mark", source: `// long, but why?\nfunction long() {\n${body(61)}\n}\n`, reported: ["long 61 lines"] },
  { name: "a method and a callback", source: `class C {\n  m() {\n${body(62)}\n  }\n}\non("x", () => {\n${body(65)}\n});\n`, reported: ["C.m 62 lines", "<arrow> 65 lines"] },
  { name: "nested", source: `function outer() {\n  const inner = () => {\n${body(61)}\n  };\n}\n`, reported: ["outer 63 lines", "outer/inner 61 lines"] },
];
const fileOf = (name: string) => `${name.replace(/\W+/g, "-")}.ts`;
for (const c of cases) writeFileSync(path.join(dir, fileOf(c.name)), c.source);
// tests are not scanned
writeFileSync(path.join(dir, "skipped.test.ts"), `function long() {\n${body(61)}\n}\n`);

describe("fn-length", () => {
  // one run over the directory: loading the compiler takes most of a second
  const { status, out } = run(dir);
  const lines = out.trim().split("\n");

  it.each(cases)("$name", ({ name, reported }) => {
    const mine = lines.filter((l) => path.basename(l.split(":")[0]!) === fileOf(name));
    expect(mine.map((l) => l.replace(/^\S+ /, ""))).toEqual(reported);
  });

  it("exits 1 when something is reported, 0 with nothing to report", () => {
    expect(status).toBe(1);
    expect(lines.filter((l) => l.includes("skipped.test.ts"))).toEqual([]);
    const clean = run(path.join(dir, fileOf("a reason above")));
    expect(clean).toEqual({ status: 0, out: "" });
  });
});

describe("src/ itself (issue 7's bar)", () => {
  it("has no function over 60 lines without a `long:` reason", () => {
    expect(run(path.resolve("src"))).toEqual({ status: 0, out: "" });
  });

  it("has no file over 300 lines without a reason in its opening comment", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const files = readdirSync("src", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"));
    const over = files.filter((f) => {
      const text = readFileSync(path.join("src", f), "utf8");
      const lines = text.split("\n").length - 1;
      const opening = text.slice(0, text.search(/^(import|export)/m));
      return lines > 300 && !/Over 300 lines on purpose/.test(opening);
    });
    expect(over).toEqual([]);
  });
});
