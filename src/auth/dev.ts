// `lgw auth token` and `lgw auth jwks`: local test tokens for a project's JWT authorizer, signed
// by the development key (devkey.ts), and the JWKS file its "jwks" setting points at.
import path from "node:path";
import { UsageError } from "../errors.js";
import type { AuthorizerConfig } from "../config/http.js";
import { resolveProject } from "../config/resolve.js";
import type { ProjectConfig } from "../config/types.js";
import { devKey, jwksHolds, parseClaims, parseDuration, signDevToken, writeJwks } from "./devkey.js";

type JwtAuthorizer = Extract<AuthorizerConfig, { type: "jwt" }>;

/** The named JWT authorizer, or the project's only one. */
export function pickJwtAuthorizer(config: ProjectConfig, name?: string): JwtAuthorizer {
  const jwts = config.authorizers.filter((a): a is JwtAuthorizer => a.type === "jwt");
  if (name) {
    const a = config.authorizers.find((x) => x.name === name);
    if (!a) throw new UsageError(`no authorizer "${name}" in ${config.file ?? "lgw.json"} (JWT authorizers: ${jwts.map((x) => x.name).join(", ") || "none"})`);
    if (a.type !== "jwt") throw new UsageError(`authorizer ${name} is a ${a.type} authorizer: lgw auth makes tokens for jwt authorizers`);
    return a;
  }
  if (jwts.length === 1) return jwts[0]!;
  if (jwts.length === 0) {
    throw new UsageError(`${config.file ?? "lgw.json"} has no jwt authorizer: add one, e.g. "authorizers": {"auth": {"type": "jwt", "issuer": "https://...", "audience": ["app"], "jwks": "./.lgw/jwks.json"}}`);
  }
  throw new UsageError(`${config.file ?? "lgw.json"} has ${jwts.length} jwt authorizers (${jwts.map((x) => x.name).join(", ")}): pick one with --authorizer <name>`);
}

/** Where the authorizer's local JWKS file is, or undefined when it has none (or a URL). */
export function localJwksFile(config: ProjectConfig, a: JwtAuthorizer): string | undefined {
  if (!a.jwks || /^https?:\/\//.test(a.jwks)) return undefined;
  return path.resolve(config.root, a.jwks);
}

export interface TokenResult {
  token: string;
  authorizer: string;
  claims: Record<string, unknown>;
  keyFile: string;
  /** set when lgw serve would not accept the token as lgw.json stands */
  warning?: string;
}

export async function issueToken(input: { cwd: string; authorizer?: string; sub?: string; claims?: string[]; scopes?: string[]; expires?: string }): Promise<TokenResult> {
  const config = resolveProject(input.cwd, "required");
  const a = pickJwtAuthorizer(config, input.authorizer);
  const expiresInSeconds = parseDuration(input.expires ?? "1h");
  const claims = parseClaims(input.claims ?? []);
  const key = await devKey(config.root);
  const signed = await signDevToken(key, { issuer: a.issuer, audience: a.audience.slice(0, 1), sub: input.sub ?? "local-user", claims, scopes: input.scopes ?? [], expiresInSeconds });
  const file = localJwksFile(config, a);
  const warning = file
    ? jwksHolds(file, key)
      ? undefined
      : `${path.relative(config.root, file) || file} does not hold the development key yet, so lgw serve refuses this token: run \`lgw auth jwks${input.authorizer ? ` --authorizer ${a.name}` : ""}\` once`
    : `authorizer ${a.name} has no local "jwks": lgw serve checks its tokens against ${a.jwks ?? `the issuer's keys (${a.issuer})`}, which refuse this one; add "jwks": "./.lgw/jwks.json" to it and run \`lgw auth jwks\``;
  return { token: signed.token, authorizer: a.name, claims: signed.claims, keyFile: key.file, ...(warning ? { warning } : {}) };
}

export async function writeDevJwks(input: { cwd: string; authorizer?: string }): Promise<{ file: string; authorizer: string; change: "created" | "added" | "unchanged"; kid: string }> {
  const config = resolveProject(input.cwd, "required");
  const a = pickJwtAuthorizer(config, input.authorizer);
  const file = localJwksFile(config, a);
  if (!file) {
    throw new UsageError(
      a.jwks
        ? `authorizer ${a.name}'s jwks is a URL (${a.jwks}): lgw writes only local files; point it at a path such as "./.lgw/jwks.json"`
        : `authorizer ${a.name} has no "jwks" to write: add "jwks": "./.lgw/jwks.json" to it in lgw.json (used only by lgw serve)`,
    );
  }
  const key = await devKey(config.root);
  return { file, authorizer: a.name, change: writeJwks(file, key), kid: key.kid };
}
