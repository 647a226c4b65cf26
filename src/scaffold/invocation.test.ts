import { describe, expect, it } from "vitest";
import { lgwCommand } from "./invocation.js";

describe("lgwCommand: how init's next steps and README run lgw", () => {
  const ours = (dir: string) => dir === "/usr/local/bin" || dir === "/p/node_modules/.bin";
  it.each([
    ["a global install on PATH", { PATH: "/usr/bin:/usr/local/bin" }, "lgw"],
    ["a local install whose .bin is on PATH", { PATH: "/p/node_modules/.bin:/usr/bin" }, "lgw"],
    ["no lgw on PATH (run by path, or another lgw)", { PATH: "/usr/bin:/bin" }, "npx lgw"],
    ["no PATH at all", {}, "npx lgw"],
    ["started by npx (its PATH has .bin for this run only)", { PATH: "/p/node_modules/.bin", npm_command: "exec" }, "npx lgw"],
    ["started by an npm script", { PATH: "/p/node_modules/.bin", npm_command: "run-script" }, "npx lgw"],
  ] as [string, NodeJS.ProcessEnv, string][])("%s: %s", (_, env, expected) => {
    expect(lgwCommand(env, ours)).toBe(expected);
  });
});
