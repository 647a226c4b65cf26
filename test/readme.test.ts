import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const requirements = /^Requirements: (.*)$/m.exec(readme)?.[1] ?? "";

describe("README", () => {
  it.each<[string, () => string, RegExp]>([
    ["Node.js: package.json's engines", () => /^>=(\d+\.\d+)$/.exec(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).engines.node)![1]!, /Node\.js (\d+\.\d+)\+/],
    ["Go: the scaffold's go.mod", () => /^go (\d+\.\d+)$/m.exec(readFileSync(path.join(root, "templates", "go-v1", "go.mod"), "utf8"))![1]!, /Go (\d+\.\d+)\+/],
  ])("names the minimum version of %s", (_, actual, pattern) => {
    expect(pattern.exec(requirements)?.[1]).toBe(actual());
  });

  it("and lgw's error for a missing Go asks for the same Go", () => {
    expect(/install Go (\d+\.\d+)\+/.exec(readFileSync(path.join(root, "src", "build", "go.ts"), "utf8"))?.[1]).toBe(/Go (\d+\.\d+)\+/.exec(requirements)?.[1]);
  });

  it("opens with exactly two commands: the end-to-end run and every test", () => {
    const first = /^```sh\n([\s\S]*?)\n```/m.exec(readme)![1]!.split("\n");
    expect(first).toHaveLength(2);
    expect(first[1]).toMatch(/^npm test\b/);
    expect(readFileSync(path.join(root, ".ci", "run"), "utf8")).toMatch(/\bnpm test\b/);
  });
});
