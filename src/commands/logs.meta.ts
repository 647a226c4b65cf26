import { defineCommand, type OptionSpec } from "../cli/command.js";
import { AWS_OPTIONS } from "./aws-options.js";

export const options = [
  { flags: "--since <time>", description: "start this far back (30s, 10m, 2h, 1d) or at a date (ISO 8601)", default: "10m" },
  { flags: "-f, --follow", description: "keep printing new events until Ctrl-C" },
  { flags: "--filter <pattern>", description: "a CloudWatch Logs filter pattern, e.g. ERROR or '\"user 42\"'" },
  { flags: "--function <name>", description: "the function, as an option" },
  ...AWS_OPTIONS,
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "logs",
  summary: "print the deployed function's CloudWatch logs; --follow to keep watching",
  description:
    "Reads /aws/lambda/FUNCTION through CloudWatch Logs' FilterLogEvents, oldest first.\n" +
    "With --follow it keeps printing new events: CloudWatch Logs Live Tail on AWS, polling\n" +
    "FilterLogEvents against a custom endpoint (moto, LocalStack) or where Live Tail is refused.\n" +
    "START/END/REPORT lines are dimmed and errors red, as `lgw exec` shows them; --json prints one\n" +
    "event per line ({timestamp, time, stream, message}).",
  args: [{ syntax: "[function]", description: "the function (default: the project's only one)" }],
  options,
  examples: [
    ["lgw logs", "the last 10 minutes of the project's only function"],
    ["lgw logs users --since 2h --filter ERROR", "errors of function users in the last two hours"],
    ["lgw logs --follow", "keep watching (Ctrl-C to stop)"],
    ["lgw logs --json | jq -r .message", "one JSON event per line, for scripts"],
  ],
  load: () => import("./logs.js"),
});
