import { defineCommand, type OptionSpec } from "../cli/command.js";
import { eventRequestOptions } from "./event-options.js";

export const options = [
  { flags: "--payload <json>", description: "inline JSON payload" },
  { flags: "--function <name>", description: "which function of the project (default: the only one)" },
  { flags: "--bootstrap <path>", description: "run this prebuilt executable instead of building" },
  { flags: "--timeout <seconds>", description: "function timeout (default from lgw.json, else 3)", kind: "number" },
  { flags: "--memory <MB>", description: "memory size reported to the function", kind: "int" },
  { flags: "--env <KEY=VALUE>", description: "environment variable for the function (repeatable)", kind: "repeat" },
  { flags: "--aws-credentials <source>", description: "the AWS credentials the function gets: env (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN from your environment, the default), profile (resolved from AWS_PROFILE/~/.aws/SSO like lgw's AWS commands) or none", choices: ["env", "profile", "none"] },
  { flags: "--debug [port]", description: "build with -gcflags=all=-N -l and run under Delve (dlv) on 127.0.0.1:port (default 2345); waits for a debugger to attach, no timeout" },
  { flags: "--event <type>", description: "build the payload as an API Gateway event: apigw-v1 or apigw-v2", choices: ["apigw-v1", "apigw-v2"] },
  ...eventRequestOptions({ note: "with --event" }),
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "exec",
  summary: "run the function's real bootstrap locally under a Lambda Runtime API emulator",
  args: [{ syntax: "[payload]", description: "JSON payload file, or - for stdin" }],
  options,
  examples: [
    ["lgw exec events/get-hello.json", "invoke with a sample event"],
    ["echo '{}' | lgw exec -", "payload from stdin"],
    ["lgw exec --event apigw-v1 --method GET --path /hello --query name=Ada", "build the event from flags"],
    ["lgw exec --debug events/get-hello.json", "debug it: attach with `dlv connect 127.0.0.1:2345` or VS Code"],
    ["lgw exec --bootstrap ./bootstrap --payload '{\"x\":1}' --timeout 10", "run any prebuilt runtime"],
  ],
  load: () => import("./exec.js"),
});
