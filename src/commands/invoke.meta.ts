import { defineCommand, type OptionSpec } from "../cli/command.js";
import { AWS_OPTIONS } from "./aws-options.js";
import { eventRequestOptions } from "./event-options.js";

export const options = [
  { flags: "--payload <json>", description: "inline JSON payload" },
  { flags: "--function <name>", description: "the function, as an option" },
  { flags: "--qualifier <version|alias>", description: "invoke this version or alias" },
  { flags: "--async", description: "invoke asynchronously (InvocationType Event) and print the request id" },
  { flags: "--event <type>", description: "build the payload as an API Gateway event: apigw-v1 or apigw-v2", choices: ["apigw-v1", "apigw-v2"] },
  ...eventRequestOptions({ note: "with --event" }),
  ...AWS_OPTIONS,
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "invoke",
  summary: "call the deployed function (Lambda Invoke) and print its response and log tail",
  description:
    "Calls the deployed function through Lambda's Invoke API with the same payload options as `lgw exec`.\n" +
    "The response goes to stdout as `lgw exec` prints it; the last 4 KB of the invocation's log go to stderr.\n" +
    "A function error prints the error object and exits 1.",
  args: [
    { syntax: "[function]", description: "the function (default: the project's only one)" },
    { syntax: "[payload]", description: "JSON payload file, or - for stdin" },
  ],
  options,
  examples: [
    ["lgw invoke events/get-hello.json", "call the deployed function with a sample event"],
    ["lgw invoke users --payload '{\"id\":1}' --qualifier live", "call the alias live of function users"],
    ["lgw invoke --event apigw-v1 --method GET --path /hello", "build an API Gateway event from flags"],
    ["echo '{}' | lgw invoke hello - --async", "queue an asynchronous invocation"],
  ],
  load: () => import("./invoke.js"),
});
