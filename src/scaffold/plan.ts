// Pure: the answers to `lgw init` plus a template's files -> the files to write. Nothing here
// touches the disk, so every rename and edit is covered by table-driven tests.
import { UsageError } from "../errors.js";
import { functionNameProblem, modulePathProblem } from "../config/names.js";
import { PLACEHOLDER_ISSUER } from "../config/http.js";
import { SCHEMA_COPY, SCHEMA_REF } from "../config/schema-copy.js";
import type { Arch, EventFormat } from "../config/types.js";
import type { LgwCommand } from "./invocation.js";
import type { TemplateFile } from "./templates.js";

export interface InitAnswers {
  name: string;
  module: string;
  architecture: Arch;
  eventFormat: EventFormat;
  /**
   * "jwt": a protected GET /me, a JWT authorizer with a local JWKS, and its test (v2 only);
   * "token": GET /me behind a REST TOKEN authorizer, a Go function of its own with tests (v1 only)
   */
  auth?: "jwt" | "token";
}

/** One file to write, at a posix path relative to the target directory. */
export interface FileOp {
  path: string;
  contents: string;
  mode: number;
}

export const DEFAULT_NAME = "hello";

export const EVENT_DESCRIPTIONS: Record<EventFormat, string> = {
  v1: "REST API proxy events (v1)",
  v2: "HTTP API events, payload format 2.0 (v2)",
};

/** A function name derived from a directory name: "My App!" -> "My-App". */
export function sanitizeName(raw: string): string {
  const name = raw
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 64)
    .replace(/[-_]+$/, "");
  return name || DEFAULT_NAME;
}

export function defaultModule(name: string): string {
  return `example.com/${name}`;
}

/** Throws a UsageError naming the first answer lgw cannot use. */
export function checkAnswers(answers: InitAnswers): void {
  const nameProblem = functionNameProblem(answers.name);
  if (nameProblem) throw new UsageError(`--name: ${nameProblem}`);
  const moduleProblem = modulePathProblem(answers.module);
  if (moduleProblem) throw new UsageError(`--module: ${moduleProblem}`);
}

// Stored under another name because npm drops .gitignore files from published packages.
const RENAMES: Record<string, string> = { _gitignore: ".gitignore" };

export function targetPath(templatePath: string): string {
  const slash = templatePath.lastIndexOf("/");
  const base = templatePath.slice(slash + 1);
  return templatePath.slice(0, slash + 1) + (RENAMES[base] ?? base);
}

const MODULE_LINE = /^module\s+\S+[ \t]*$/m;

export function rewriteGoMod(text: string, module: string): string {
  if (!MODULE_LINE.test(text)) throw new Error("template go.mod has no module directive");
  return text.replace(MODULE_LINE, `module ${module}`);
}

type Json = Record<string, unknown>;

/** The template's lgw.json describes one function; it becomes the user's, under their name. */
export function rewriteLgwJson(text: string, answers: InitAnswers): string {
  const config = JSON.parse(text) as Json;
  const functions = config.functions as Record<string, unknown>;
  const names = Object.keys(functions);
  if (names.length !== 1) throw new Error(`template lgw.json must define exactly one function, not ${names.length}`);
  const templateName = names[0]!;
  // the template's own "$schema" points into the lgw repository; the project's at its copy
  config.$schema = SCHEMA_REF;
  config.architecture = answers.architecture;
  config.eventFormat = answers.eventFormat;
  config.functions = { [answers.name]: functions[templateName] };
  const routes = (config.routes ?? {}) as Record<string, string>;
  config.routes = Object.fromEntries(
    Object.entries(routes).map(([route, fn]) => [route, fn === templateName ? answers.name : fn]),
  );
  if (answers.auth === "jwt") addJwtAuth(config, answers.name);
  if (answers.auth === "token") addTokenAuth(config, answers.name);
  return JSON.stringify(config, null, 2) + "\n";
}

/**
 * GET /me behind a JWT authorizer whose local JWKS (.lgw/, git-ignored) `lgw auth jwks` writes;
 * the issuer is a placeholder to replace with the real one (Cognito, Auth0, ...) before deploying.
 */
function addJwtAuth(config: Json, name: string): void {
  const routes = config.routes as Record<string, unknown>;
  // before the catch-all, so the table reads in matching order
  const { "ANY /{proxy+}": proxy, ...rest } = routes;
  config.routes = { ...rest, "GET /me": { function: name, authorizer: "auth" }, ...(proxy ? { "ANY /{proxy+}": proxy } : {}) };
  const ordered: Json = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === "api") ordered.authorizers = { auth: { type: "jwt", issuer: PLACEHOLDER_ISSUER, audience: [name], jwks: "./.lgw/jwks.json" } };
    ordered[k] = v;
  }
  ordered.authorizers ??= { auth: { type: "jwt", issuer: PLACEHOLDER_ISSUER, audience: [name], jwks: "./.lgw/jwks.json" } };
  for (const k of Object.keys(config)) delete config[k];
  Object.assign(config, ordered);
}

/** GET /me behind the TOKEN authorizer "token", whose function is authorizer/ (its own main package). */
function addTokenAuth(config: Json, name: string): void {
  const functions = config.functions as Record<string, unknown>;
  const authorizerName = name === "authorizer" ? "token-authorizer" : "authorizer";
  functions[authorizerName] = { entry: "./authorizer", memory: 128, timeout: 3, environment: {} };
  const { "ANY /{proxy+}": proxy, ...rest } = config.routes as Record<string, unknown>;
  config.routes = { ...rest, "GET /me": { function: name, authorizer: "token" }, ...(proxy ? { "ANY /{proxy+}": proxy } : {}) };
  const ordered: Json = {};
  const authorizers = { token: { type: "token", function: authorizerName, identitySource: "method.request.header.Authorization", validationExpression: "^Bearer [-0-9a-zA-Z._]+$", ttl: 300 } };
  for (const [k, v] of Object.entries(config)) {
    if (k === "api") ordered.authorizers = authorizers;
    ordered[k] = v;
  }
  ordered.authorizers ??= authorizers;
  for (const k of Object.keys(config)) delete config[k];
  Object.assign(config, ordered);
}

function tokenAuthSection(lgw: LgwCommand): string {
  return `
## The protected route: GET /me

\`GET /me\` is protected by the TOKEN authorizer \`token\` in \`lgw.json\`, whose function is
\`authorizer/main.go\` (a Lambda of its own, built and deployed like the main one). API Gateway, and
\`${lgw} serve\` in the same way, first checks the \`Authorization\` header against
\`validationExpression\` (401 without calling the function), then calls the authorizer and evaluates
the IAM policy it returns against the method; the answer is cached for \`ttl\` seconds per token.

\`\`\`sh
${lgw} serve &
curl -i http://127.0.0.1:3000/me                                   # 401 {"message":"Unauthorized"}
curl -H "Authorization: Bearer ada" http://127.0.0.1:3000/me       # 200 {"principalId":"user-ada","user":"ada"}
curl -i -H "Authorization: Bearer deny" http://127.0.0.1:3000/me   # 403, an explicit Deny
${lgw} exec --function authorizer events/authorizer-token.json     # the authorizer alone
\`\`\`

\`Authorize\` accepts any \`Bearer <user>\`: replace its check with a real one before deploying.
`;
}

function authSection(lgw: LgwCommand): string {
  return `
## The protected route: GET /me

\`GET /me\` is protected by the JWT authorizer \`auth\` in \`lgw.json\`. Locally, \`${lgw} serve\` checks tokens
against \`.lgw/jwks.json\` (its \`jwks\` setting), which holds the public half of a development key lgw
keeps in \`.lgw/\`:

\`\`\`sh
${lgw} auth jwks                            # once: write .lgw/jwks.json
${lgw} serve &
curl -i http://127.0.0.1:3000/me         # 401 {"message":"Unauthorized"}
curl -H "Authorization: Bearer $(${lgw} auth token --claim email=ada@example.com)" http://127.0.0.1:3000/me
\`\`\`

Before deploying, set the authorizer's \`issuer\` and \`audience\` to your identity provider's (for
Cognito: \`https://cognito-idp.REGION.amazonaws.com/POOL_ID\` and the app client id); \`lgw api sync\`
creates the authorizer from them. Tokens from \`lgw auth token\` are accepted only where \`jwks\`
points at that local file.
`;
}

/** The README's steps that put the function behind its API: an HTTP API for v2, a REST API for v1. */
function apiSteps(answers: InitAnswers, lgw: LgwCommand): string {
  const api = `${answers.name}-api`;
  if (answers.eventFormat === "v2") {
    return [
      `${lgw} api create ${api}`.padEnd(41) + '# an HTTP API (api.type "http") and its auto-deploying $default stage',
      `${lgw} api sync`.padEnd(41) + `# its routes, integrations${answers.auth === "jwt" ? ", the JWT authorizer" : ""} and invoke permissions, from lgw.json`,
    ].join("\n");
  }
  return [
    `${lgw} api create ${api}`.padEnd(41) + "# a REST API, recorded in lgw.json",
    `${lgw} api sync`.padEnd(41) + `# its resources, methods${answers.auth === "token" ? ", the TOKEN authorizer" : ""} and invoke permissions, from lgw.json`,
    `${lgw} api create-stage prod`.padEnd(41) + "# deploy it to the stage prod and print its URL",
  ].join("\n");
}

/** What API Gateway answers for a path no route matches, by event format (as `lgw serve` does). */
export const UNKNOWN_PATH_ANSWERS: Record<EventFormat, string> = {
  v1: '`403 {"message":"Missing Authentication Token"}`, from API Gateway (REST API)',
  v2: '`404 {"message":"Not Found"}`, from API Gateway (HTTP API)',
};

/** What `lgw init` adds to the template besides the answers. */
export interface ScaffoldExtras {
  /** the running lgw's JSON Schema, copied where lgw.json's "$schema" points (config/schema-copy.ts) */
  schema: string;
  /** how the user runs lgw (scaffold/invocation.ts), for the README's commands */
  lgw: LgwCommand;
}

export function renderPlaceholders(text: string, answers: InitAnswers, lgw: LgwCommand): string {
  const values: Record<string, string> = {
    lgw,
    unknownPath: UNKNOWN_PATH_ANSWERS[answers.eventFormat],
    name: answers.name,
    module: answers.module,
    architecture: answers.architecture,
    eventFormat: answers.eventFormat,
    eventDescription: EVENT_DESCRIPTIONS[answers.eventFormat],
    authSection: answers.auth === "jwt" ? authSection(lgw) : answers.auth === "token" ? tokenAuthSection(lgw) : "",
    apiSteps: apiSteps(answers, lgw),
  };
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

function render(file: TemplateFile, answers: InitAnswers, lgw: LgwCommand): string {
  switch (file.path) {
    case "go.mod":
      return rewriteGoMod(file.contents, answers.module);
    case "lgw.json":
      return rewriteLgwJson(file.contents, answers);
    case "README.md":
      return renderPlaceholders(file.contents, answers, lgw);
    default:
      return file.contents;
  }
}

/**
 * The files `lgw init` writes, sorted by path: the template's, and the JSON Schema of the running
 * lgw where the new lgw.json's "$schema" points.
 */
export function planScaffold(answers: InitAnswers, template: TemplateFile[], extras: ScaffoldExtras): FileOp[] {
  checkAnswers(answers);
  return [
    ...template.map((file) => ({ path: targetPath(file.path), contents: render(file, answers, extras.lgw), mode: file.mode })),
    { path: SCHEMA_COPY, contents: extras.schema, mode: 0o644 },
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
