import { defineCommand, type OptionSpec } from "../cli/command.js";
import { archOption } from "./arch-option.js";

export const options = [
  archOption("default from lgw.json"),
  { flags: "--out <dir>", description: "output directory (default: .lgw/build)" },
  { flags: "-f, --force", description: "rebuild even when sources are unchanged" },
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "build",
  summary: "cross-compile bootstrap for Lambda and zip it deterministically",
  description:
    "Cross-compiles each function with GOOS=linux CGO_ENABLED=0 -tags lambda.norpc -trimpath and zips the " +
    "binary as `bootstrap` (mode 0755, fixed timestamp: the same binary always gives the same CodeSha256). " +
    "Outputs: <out>/<function>/<arch>/bootstrap and <out>/<function>/<arch>/function.zip. " +
    "When no Go source, go.mod/go.sum, flag or Go version changed, the previous build is reused " +
    "without running go (use --force to rebuild).",
  args: [{ syntax: "[function]", description: "build only this function (default: all)" }],
  options,
  examples: [
    ["lgw build", "build every function for its default architecture"],
    ["lgw build --arch x86_64 --out dist", "build for x86_64 into ./dist"],
    ["lgw build --json", "print path, size and CodeSha256 as JSON"],
  ],
  load: () => import("./build.js"),
});
