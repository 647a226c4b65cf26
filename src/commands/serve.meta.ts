import { defineCommand, type OptionSpec } from "../cli/command.js";

export const options = [
  { flags: "-p, --port <port>", description: "port to listen on (0: any free port)", kind: "int", default: 3000 },
  { flags: "--host <host>", description: "address to bind", default: "127.0.0.1" },
  { flags: "--allowed-host <name>", description: "also answer requests whose Host is this name (.example.com: and its subdomains; '*': any); others get 403 (repeatable)", kind: "repeat" },
  { flags: "--stage <stage>", description: "stage name in events (default: dev for v1, $default for v2)" },
  { flags: "--no-auth", description: "skip REST authorizers and API keys (a quick local session; the banner says so)" },
  { flags: "-w, --watch", description: "rebuild and swap processes when .go files, go.mod or go.sum change" },
  { flags: "--concurrency <n>", description: "bootstrap processes per function (default: CPU count)", kind: "int" },
  { flags: "--format <format>", description: "event format: v1 (REST API) or v2 (HTTP API); default from lgw.json", choices: ["v1", "v2"] },
  { flags: "--binary-media-types <types>", description: "comma-separated binaryMediaTypes (overrides lgw.json)", kind: "list" },
  { flags: "--aws-credentials <source>", description: "the AWS credentials the function gets: env (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN from your environment, the default), profile (resolved from AWS_PROFILE/~/.aws/SSO like lgw's AWS commands) or none", choices: ["env", "profile", "none"] },
  { flags: "--bootstrap <path>", description: "serve this prebuilt executable instead of building" },
  { flags: "--debug [port]", description: "one process per function, built with -gcflags=all=-N -l and run under Delve (dlv) on 127.0.0.1:port (default 2345; further functions the next ports); no timeouts while debugging" },
  { flags: "--timeout <seconds>", description: "integration timeout, counted from the request's arrival (default: api.timeout in lgw.json, else 29 for a REST API, 30 for an HTTP API)", kind: "number" },
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "serve",
  summary: "local API Gateway on 127.0.0.1 over warm bootstrap processes",
  options,
  examples: [
    ["lgw serve", "serve on http://127.0.0.1:3000"],
    ["lgw serve --watch --port 8080", "hot reload on port 8080"],
    ["lgw serve --debug", "debug: attach with `dlv connect 127.0.0.1:2345` or VS Code, then send requests"],
    ["lgw serve --host 0.0.0.0 --allowed-host devbox.local", "reachable from the network, by address or as devbox.local"],
    ["lgw serve --format v2 --binary-media-types 'image/png,*/*'", "HTTP API events, binary bodies"],
  ],
  load: () => import("./serve.js"),
});
