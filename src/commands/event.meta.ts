import { defineCommand } from "../cli/command.js";

export default defineCommand({
  name: "event",
  summary: "print a complete sample API Gateway event (the same code lgw serve uses)",
  args: [{ syntax: "<type>", description: "apigw-v1 (REST API proxy) or apigw-v2 (HTTP API)" }],
  options: [
    { flags: "--method <method>", description: "HTTP method", default: "GET" },
    { flags: "--path <path>", description: "request path", default: "/" },
    { flags: "--resource <template>", description: "resource template, e.g. /users/{id}" },
    { flags: "--query <k=v>", description: "query parameter (repeatable)", kind: "repeat" },
    { flags: "--header <k=v>", description: "header, k=v or 'k: v' (repeatable)", kind: "repeat" },
    { flags: "--body <text>", description: "request body" },
    { flags: "--body-file <file>", description: "request body from a file" },
    { flags: "--stage <stage>", description: "stage name (default: dev for apigw-v1, $default for apigw-v2)" },
  ],
  examples: [
    ["lgw event apigw-v1 --method GET --path /users/42 --resource /users/{id}", "REST API event with a path parameter"],
    ["lgw event apigw-v2 --method POST --path /users --body '{\"name\":\"Ada\"}'", "HTTP API event with a body"],
    ["lgw event apigw-v1 --path /hello --query name=Ada > events/hello.json", "save a sample"],
  ],
  load: () => import("./event.js"),
});
