import { defineCommand, type OptionSpec } from "../cli/command.js";
import { archOption } from "./arch-option.js";

export const options = [
  { flags: "--name <name>", description: "function name (1-64 of letters, digits, - and _)" },
  { flags: "--module <path>", description: "Go module path (default: example.com/<name>)" },
  archOption("the project's default (lgw.json's architecture)"),
  { flags: "--event <flavour>", description: "event flavour: v1 (REST API proxy) or v2 (HTTP API)", choices: ["v1", "v2"] },
  { flags: "--auth <kind>", description: "jwt (--event v2): GET /me behind a JWT authorizer with a local JWKS (see lgw auth); token (--event v1): GET /me behind a TOKEN authorizer function", choices: ["jwt", "token"] },
  { flags: "-y, --yes", description: "accept defaults for everything not given as a flag" },
  { flags: "--skip-install", description: "do not run go mod tidy" },
  { flags: "-f, --force", description: "overwrite files that already exist in the target" },
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "init",
  summary: "scaffold a Go Lambda project (bootstrap.go, lambda.go, exec.go, tests, sample events)",
  args: [{ syntax: "[dir]", description: "target directory (default: the function name)" }],
  options,
  examples: [
    ["lgw init hello --yes", "scaffold ./hello with defaults (arm64, v1 events)"],
    ["lgw init api --name users --module github.com/me/users --event v2", "HTTP API (v2) flavour"],
    ["lgw init api --event v2 --auth jwt --yes", "HTTP API with a JWT-protected GET /me"],
    ["lgw init api --auth token --yes", "REST API with GET /me behind a Go TOKEN authorizer"],
    ["lgw init . --name hello --force", "scaffold into the current directory, replacing files"],
  ],
  load: () => import("./init.js"),
});
