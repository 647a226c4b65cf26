import { defineCommand, type OptionSpec } from "../cli/command.js";
import { eventRequestOptions } from "./event-options.js";

export const options = [
  ...eventRequestOptions({ defaults: { method: "GET", path: "/" } }),
  { flags: "--template <file.vtl>", description: "apigw-v1: print what a non-proxy integration with this request mapping template sends the function" },
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "event",
  summary: "print a complete sample API Gateway event (the same code lgw serve uses)",
  args: [{ syntax: "<type>", description: "apigw-v1 (REST API proxy), apigw-v2 (HTTP API), apigw-authorizer-token or apigw-authorizer-request (what a REST API's TOKEN or REQUEST authorizer gets)" }],
  options,
  examples: [
    ["lgw event apigw-v1 --method GET --path /users/42 --resource /users/{id}", "REST API event with a path parameter"],
    ["lgw event apigw-v2 --method POST --path /users --body '{\"name\":\"Ada\"}'", "HTTP API event with a body"],
    ["lgw event apigw-v1 --path /hello --query name=Ada > events/hello.json", "save a sample"],
    ["lgw event apigw-authorizer-token --path /pets/7 --header 'Authorization: Bearer abc' > events/auth.json", "a TOKEN authorizer's event (lgw exec it against the authorizer)"],
    ["lgw event apigw-v1 --template templates/orders.req.vtl --method POST --path /orders/42 --body '{\"qty\":2}'", "check a mapping template"],
  ],
  load: () => import("./event.js"),
});
