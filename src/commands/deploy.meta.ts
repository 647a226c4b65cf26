import { defineCommand, type OptionSpec } from "../cli/command.js";
import { archOption } from "./arch-option.js";
import { AWS_OPTIONS } from "./aws-options.js";

export const options = [
  archOption("default from lgw.json"),
  { flags: "--create", description: "create the function when it does not exist" },
  { flags: "--role <arn>", description: "execution role ARN for --create (default: lgw.json's role, else lgw creates or reuses lgw-<function>)" },
  { flags: "-f, --force", description: "upload even when the code is unchanged" },
  { flags: "--publish", description: "publish a version" },
  { flags: "--alias <name>", description: "point this alias at the published version (implies --publish)" },
  { flags: "--dry-run", description: "print the plan without changing anything" },
  ...AWS_OPTIONS,
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "deploy",
  summary: "create or update the Lambda function; skip the upload when nothing changed",
  args: [{ syntax: "[function]", description: "deploy only this function (default: all)" }],
  options,
  examples: [
    ["lgw deploy --create", "first deploy: creates the function and its role lgw-<function>"],
    ["lgw deploy --create --role arn:aws:iam::123456789012:role/lambda-exec", "first deploy with your own role"],
    ["lgw deploy --arch arm64", "update code (skipped when unchanged)"],
    ["lgw deploy --dry-run --json", "show the plan as JSON"],
    ["lgw deploy users --publish --alias live", "publish a version and move an alias"],
  ],
  lock: true,
  load: () => import("./deploy.js"),
});
