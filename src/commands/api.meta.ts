import { defineCommand, type OptionSpec } from "../cli/command.js";
import { AWS_OPTIONS } from "./aws-options.js";

const API_OPTIONS = [{ flags: "--id <apiId>", description: "API id (default: api.id in lgw.json)" }, ...AWS_OPTIONS] as const satisfies readonly OptionSpec[];

export const createOptions = [
  { flags: "--type <type>", description: "http or rest (default: api.type, else http for v2 projects, rest otherwise)", choices: ["http", "rest"] },
  { flags: "--stage <name>", description: "HTTP APIs: the auto-deploying stage to create with it", default: "$default" },
  { flags: "--no-stage", description: "HTTP APIs: create no stage" },
  { flags: "--description <text>", description: "API description" },
  { flags: "-f, --force", description: "create even if lgw.json already names an API" },
  ...AWS_OPTIONS,
] as const satisfies readonly OptionSpec[];

export const createResourceOptions = [...API_OPTIONS] as const satisfies readonly OptionSpec[];

export const createMethodOptions = [
  { flags: "--function <name>", description: "function to integrate (default: the project's only one)" },
  { flags: "--authorization <type>", description: "NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS", choices: ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"], default: "NONE" },
  { flags: "--authorizer-id <id>", description: "authorizer id for CUSTOM or COGNITO_USER_POOLS" },
  { flags: "--api-key-required", description: "require an API key" },
  { flags: "--no-save", description: "change AWS only; do not add the route to lgw.json" },
  { flags: "-f, --force", description: "re-point a route lgw.json gives to another function" },
  ...API_OPTIONS,
] as const satisfies readonly OptionSpec[];

export const corsOptions = [
  { flags: "--origin <origin>", description: "Access-Control-Allow-Origin", default: "*" },
  { flags: "--methods <methods>", description: "allowed methods (comma-separated)", kind: "list" },
  { flags: "--headers <headers>", description: "allowed headers (comma-separated)", kind: "list" },
  { flags: "--no-save", description: "change AWS only; leave api.cors in lgw.json as it is" },
  { flags: "-f, --force", description: "replace lgw.json's api.cors when it answers another origin, methods or headers" },
  ...API_OPTIONS,
] as const satisfies readonly OptionSpec[];

export const createStageOptions = [
  { flags: "--description <text>", description: "deployment description" },
  { flags: "--variable <KEY=VALUE>", description: "stage variable (repeatable)", kind: "repeat" },
  ...API_OPTIONS,
] as const satisfies readonly OptionSpec[];

export const keysOptions = [{ flags: "--remote", description: "the deployed keys (made by `lgw api sync`) with their values, read from AWS" }, ...API_OPTIONS] as const satisfies readonly OptionSpec[];

export const routesOptions = [{ flags: "--type <type>", description: "http or rest (default: api.type in lgw.json)", choices: ["http", "rest"] }, ...API_OPTIONS] as const satisfies readonly OptionSpec[];

export const syncOptions = [
  { flags: "--dry-run", description: "print the plan without changing anything" },
  { flags: "--prune", description: "also remove methods and resources not in the table" },
  { flags: "--stage <name>", description: "then deploy to this stage (created if missing) and print its URL; HTTP APIs: an auto-deploying stage" },
  ...API_OPTIONS,
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "api",
  summary: "manage the project's API: an HTTP API (API Gateway v2) or a REST API (v1), Lambda proxy integrations",
  description:
    "The project's API type is api.type in lgw.json: \"http\" (payload 2.0 for v2 functions, 1.0 for v1 ones; JWT and Lambda authorizers; CORS) " +
    "or \"rest\"; without it, \"http\" when eventFormat is v2, else \"rest\". A REST API in front of a v2 function is refused before any AWS call.",
  examples: [
    ["lgw api create hello-api --type http", "create an HTTP API with an auto-deploying $default stage, and record it in lgw.json"],
    ["lgw api create hello-api", "create the project's kind of API (a REGIONAL REST API for v1 projects)"],
    ["lgw api create-method GET /users/{id} --function users", "route a method to a function"],
    ["lgw api sync --dry-run", "show what it takes to match lgw.json's routes"],
    ["lgw api create-stage prod", "deploy to a stage (again: redeploy it) and print its URL"],
    ["lgw api sync --stage prod", "sync and deploy to prod in one step"],
  ],
  subcommands: [
    {
      name: "create",
      summary: "create an HTTP API or a REGIONAL REST API and record its id and type in lgw.json",
      args: [{ syntax: "<name>", description: "API name" }],
      options: createOptions,
      examples: [
        ["lgw api create hello-api --type http", "an HTTP API answering on https://ID.execute-api.REGION.amazonaws.com/"],
        ["lgw api create hello-api --type rest", "a REST API"],
      ],
      lock: true,
      load: () => import("./api/create.js"),
    },
    {
      name: "create-resource",
      summary: "REST APIs: create every missing part of a path (like mkdir -p)",
      args: [{ syntax: "<path>", description: "resource path, e.g. /users/{id} or /files/{proxy+}" }],
      options: createResourceOptions,
      examples: [["lgw api create-resource /users/{id}", "create /users and /users/{id}"]],
      lock: true,
      load: () => import("./api/create-resource.js"),
    },
    {
      name: "create-method",
      summary: "REST APIs: add a method with a Lambda proxy integration and the invoke permission, and its route to lgw.json",
      args: [
        { syntax: "<method>", description: "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY" },
        { syntax: "<path>", description: "resource path (created if needed)" },
      ],
      options: createMethodOptions,
      examples: [
        ["lgw api create-method GET /users/{id} --function users", 'GET /users/{id} -> users, and "GET /users/{id}": "users" in lgw.json\'s routes'],
        ["lgw api create-method GET /users/{id} --function orders --force", "move it to orders, in AWS and in lgw.json"],
        ["lgw api create-method POST /try --function users --no-save", "AWS only (`lgw api sync --dry-run` shows it as in AWS only)"],
      ],
      lock: true,
      load: () => import("./api/create-method.js"),
    },
    {
      name: "cors",
      summary: "REST APIs: add an OPTIONS method answering CORS preflight (MOCK integration) and record it in api.cors; HTTP APIs use api.cors",
      args: [{ syntax: "<path>", description: "resource path" }],
      options: corsOptions,
      examples: [
        ["lgw api cors /users --origin https://example.com", 'enable CORS on /users; lgw.json gets api.cors {"allowOrigins": ["https://example.com"], "paths": ["/users"]}'],
        ["lgw api cors /orders --origin https://example.com", "the same preflight on /orders too (added to api.cors.paths)"],
      ],
      lock: true,
      load: () => import("./api/cors.js"),
    },
    {
      name: "create-stage",
      summary: "deploy the API into a stage, new or existing (redeployed), and print its invoke URL; HTTP APIs: an auto-deploying stage",
      args: [{ syntax: "<stage>", description: "stage name ([A-Za-z0-9_-]+, or $default for an HTTP API)" }],
      options: createStageOptions,
      examples: [
        ["lgw api create-stage prod --variable table=users-prod", "deploy to prod (a new stage), and print its URL"],
        ["lgw api create-stage prod", "again: a new deployment of the API as it is now (\"redeployed\")"],
      ],
      lock: true,
      load: () => import("./api/create-stage.js"),
    },
    {
      name: "keys",
      summary: "the REST API keys usage plans name, with the values lgw serve accepts (made on first use)",
      description:
        "Key values are secrets and never go in lgw.json. Locally each comes from LGW_API_KEY_<NAME>\n" +
        "(upper case) or from .lgw/api-keys.json, which this command (or lgw serve) creates, mode 0600 and\n" +
        "git-ignored, with a random 40-character value for each key of api.usagePlans that has none.",
      options: keysOptions,
      examples: [
        ["lgw api keys", "NAME, PLAN and the x-api-key value of each key"],
        ["lgw api keys --remote", "the values AWS holds for the keys `lgw api sync` made"],
        ["curl -H \"x-api-key: $(lgw api keys --json | jq -r '.keys[0].value')\" http://127.0.0.1:3000/keyed", "call a key-required route of lgw serve"],
      ],
      load: () => import("./api/keys.js"),
    },
    {
      name: "routes",
      summary: "list the API's routes (HTTP API) or resources and methods (REST API) with their integrations",
      options: routesOptions,
      examples: [["lgw api routes --json", "as JSON"]],
      load: () => import("./api/routes.js"),
    },
    {
      name: "sync",
      summary: "make the API match the route table in lgw.json",
      description:
        "HTTP APIs: routes (\"$default\" too), one AWS_PROXY integration per function with its payload format, JWT and Lambda authorizers, " +
        "route authorization and scopes, api.cors as the CorsConfiguration, and one invoke permission per route and Lambda authorizer; --prune removes routes, " +
        "authorizers, unused integrations and a CORS configuration lgw.json does not name. " +
        "REST APIs: its routes (\"METHOD /path\": function; with no routes, a one-function project gets ANY / and ANY /{proxy+}) " +
        "and api.binaryMediaTypes. Creates missing resources and methods with Lambda proxy integrations and invoke permissions, and fixes " +
        "integrations that point elsewhere. The plan is printed first; --dry-run stops there. --prune also removes methods, resources and " +
        "binary media types that lgw.json does not name, except the root and CORS preflights (OPTIONS with a MOCK integration, as `lgw api cors` makes); without --prune they are kept and listed as \"in AWS only\" (awsOnly in --json). Resources and permission statements found twice are reported, and --prune removes the extra copies. " +
        "REST changes go live with `lgw api create-stage <stage>`, or in the same step with --stage.",
      options: syncOptions,
      examples: [
        ["lgw api sync --stage prod", "sync, then deploy to prod (a new deployment; the stage is created if missing) and print its URL"],
        ["lgw api sync --dry-run", "show the plan, and the methods or routes that are in AWS only (not in lgw.json)"],
        ["lgw api sync --prune", "apply it and remove what the table does not name"],
      ],
      lock: true,
      load: () => import("./api/sync.js"),
    },
  ],
});
