import { defineCommand } from "../cli/command.js";

export default defineCommand({
  name: "build",
  summary: "cross-compile bootstrap for Lambda and zip it deterministically",
  args: [{ syntax: "[function]", description: "build only this function (default: all)" }],
  options: [
    { flags: "--arch <arch>", description: "arm64 or x86_64 (amd64 accepted); default from lgw.json", choices: ["arm64", "x86_64", "amd64"] },
    { flags: "--out <dir>", description: "output directory (default: .lgw/build)" },
    { flags: "-f, --force", description: "rebuild even when sources are unchanged" },
  ],
  examples: [
    ["lgw build", "build every function for its default architecture"],
    ["lgw build --arch x86_64 --out dist", "build for x86_64 into ./dist"],
    ["lgw build --json", "print path, size and CodeSha256 as JSON"],
  ],
  load: () => import("./build.js"),
});
