// Pure: command-line input for `lgw api ...`, checked before any AWS call. Paths and methods go
// through the shared route table module so `lgw serve` and API Gateway agree on what is valid.
import { UsageError } from "../errors.js";
import { HTTP_METHODS, parseResourcePath, type HttpMethod, type PathPart } from "../routes/table.js";
import type { Authorization, MethodSettings } from "../aws/rest-types.js";

export function parseMethodArg(value: string): HttpMethod {
  const method = value.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(`unknown method "${value}": use one of ${HTTP_METHODS.join(", ")}`);
  }
  return method as HttpMethod;
}

export function parsePathArg(value: string): PathPart[] {
  return parseResourcePath(value);
}

const STAGE_RE = /^[A-Za-z0-9_-]{1,128}$/;

export function checkStageName(stage: string): string {
  if (!STAGE_RE.test(stage)) {
    throw new UsageError(`invalid stage name "${stage}": use 1-128 letters, digits, "-" and "_" (e.g. prod, dev_2)`);
  }
  return stage;
}

const VAR_NAME_RE = /^[A-Za-z0-9_]+$/;
// API Gateway's documented character set for stage variable values
const VAR_VALUE_RE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;

/** ["KEY=VALUE", ...] -> a map; lgw.json's api.stageVariables first, flags win. */
export function parseStageVariables(flags: string[], base: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (name: string, value: string, from: string) => {
    if (!VAR_NAME_RE.test(name)) throw new UsageError(`${from}: stage variable name "${name}" may only hold letters, digits and "_"`);
    if (!VAR_VALUE_RE.test(value)) {
      throw new UsageError(`${from}: stage variable ${name} has value "${value}"; values are 1-512 of letters, digits and -._~:/?#&=,`);
    }
    out[name] = value;
  };
  for (const [name, value] of Object.entries(base)) add(name, value, "lgw.json api.stageVariables");
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    if (eq <= 0) throw new UsageError(`--variable ${flag}: expected KEY=VALUE`);
    add(flag.slice(0, eq), flag.slice(eq + 1), `--variable ${flag}`);
  }
  return out;
}

const AUTHORIZATIONS: Authorization[] = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"];

export function methodSettings(opts: { authorization?: string; authorizerId?: string; apiKeyRequired?: boolean }): MethodSettings {
  const authorizationType = (opts.authorization ?? "NONE").toUpperCase() as Authorization;
  if (!AUTHORIZATIONS.includes(authorizationType)) {
    throw new UsageError(`unknown --authorization "${opts.authorization}": use one of ${AUTHORIZATIONS.join(", ")}`);
  }
  const needsAuthorizer = authorizationType === "CUSTOM" || authorizationType === "COGNITO_USER_POOLS";
  if (needsAuthorizer && !opts.authorizerId) {
    throw new UsageError(`--authorization ${authorizationType} needs --authorizer-id <id> (the authorizer's id in this API)`);
  }
  if (!needsAuthorizer && opts.authorizerId) {
    throw new UsageError(`--authorizer-id applies only to --authorization CUSTOM or COGNITO_USER_POOLS`);
  }
  return { authorizationType, authorizerId: opts.authorizerId, apiKeyRequired: Boolean(opts.apiKeyRequired) };
}

/** The API to act on: --id, else lgw.json's api.id. */
export function resolveApiId(id: unknown, configId: string | undefined, kind: "rest" | "http" = "rest"): string {
  const chosen = typeof id === "string" && id.length > 0 ? id : configId;
  const what = kind === "http" ? "HTTP API" : "REST API";
  if (!chosen) {
    throw new UsageError(`no ${what} selected: run \`lgw api create <name>${kind === "http" ? " --type http" : ""}\` or pass --id <${kind === "http" ? "apiId" : "restApiId"}>`);
  }
  if (!/^[A-Za-z0-9]+$/.test(chosen)) throw new UsageError(`"${chosen}" is not a ${what} id (ids look like a1b2c3d4e5)`);
  return chosen;
}
