// Edge: the development signing key behind `lgw auth token` and `lgw auth jwks`. Created on first
// use under <project>/.lgw/ (git-ignored by the scaffold and by .lgw/.gitignore), it signs local
// test tokens; its public half is written only where the user asks (`lgw auth jwks`), so tokens
// it signs are accepted only by authorizers whose "jwks" points at that file: never by a real
// issuer's keys.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from "jose";
import { LgwError, UsageError } from "../errors.js";

export const DEV_KEY_FILE = path.join(".lgw", "dev-jwt-key.json");
const ALG = "RS256";

export interface DevKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  file: string;
  created: boolean;
}

/** Loads the project's development key, creating it (mode 0600) the first time. */
export async function devKey(root: string): Promise<DevKey> {
  const file = path.join(root, DEV_KEY_FILE);
  if (existsSync(file)) {
    let privateJwk: JWK;
    try {
      privateJwk = JSON.parse(readFileSync(file, "utf8")) as JWK;
    } catch (err) {
      throw new LgwError(`${file} is not a JSON Web Key (${(err as Error).message}): delete it and lgw makes a new one`);
    }
    return { kid: privateJwk.kid!, privateJwk, publicJwk: publicOf(privateJwk), file, created: false };
  }
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = `lgw-dev-${(await calculateJwkThumbprint(jwk)).slice(0, 16)}`;
  const privateJwk = { ...jwk, kid, alg: ALG, use: "sig" };
  mkdirSync(path.dirname(file), { recursive: true });
  // a private key: git-ignored even in a project whose own .gitignore does not name .lgw/
  const ignore = path.join(path.dirname(file), ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "# lgw's local state (the development JWT key among it): not for version control\n*\n");
  writeFileSync(file, JSON.stringify(privateJwk, null, 2) + "\n", { mode: 0o600 });
  return { kid, privateJwk, publicJwk: publicOf(privateJwk), file, created: true };
}

function publicOf(jwk: JWK): JWK {
  const { kty, n, e, crv, x, y, kid, alg } = jwk;
  return Object.fromEntries(Object.entries({ kty, n, e, crv, x, y, kid, alg, use: "sig" }).filter(([, v]) => v !== undefined)) as JWK;
}

/** "1h", "30m", "45s", "2d", "3600" -> seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`--expires ${text}: use a duration such as 30m, 1h, 7d or a number of seconds`);
  return Number(m[1]) * { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
}

/** ["k=v", ...] -> claims; a value that parses as JSON (numbers, true, arrays) is kept as JSON. */
export function parseClaims(flags: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flags) {
    const eq = f.indexOf("=");
    if (eq <= 0) throw new UsageError(`--claim ${f}: expected KEY=VALUE, e.g. --claim email=ada@example.com`);
    const raw = f.slice(eq + 1);
    let value: unknown = raw;
    if (/^(-?\d+(\.\d+)?|true|false|null|\[.*\]|\{.*\})$/.test(raw)) {
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
    }
    out[f.slice(0, eq)] = value;
  }
  return out;
}

export interface TokenInput {
  issuer: string;
  audience: string[];
  sub: string;
  claims: Record<string, unknown>;
  scopes: string[];
  expiresInSeconds: number;
  now?: Date;
}

export async function signDevToken(key: DevKey, t: TokenInput): Promise<{ token: string; claims: Record<string, unknown> }> {
  const iat = Math.floor((t.now ?? new Date()).getTime() / 1000);
  const claims: Record<string, unknown> = {
    iss: t.issuer,
    sub: t.sub,
    ...(t.audience.length ? { aud: t.audience.length === 1 ? t.audience[0] : t.audience } : {}),
    iat,
    exp: iat + t.expiresInSeconds,
    ...(t.scopes.length ? { scope: t.scopes.join(" ") } : {}),
    ...t.claims,
  };
  const token = await new SignJWT(claims).setProtectedHeader({ alg: ALG, kid: key.kid, typ: "JWT" }).sign(await importJWK(key.privateJwk, ALG));
  return { token, claims };
}

/** Whether the JWKS file holds the dev key's public half (false when missing or unreadable). */
export function jwksHolds(file: string, key: DevKey): boolean {
  try {
    const doc = JSON.parse(readFileSync(file, "utf8")) as JSONWebKeySet;
    return Array.isArray(doc.keys) && doc.keys.some((k) => k.kid === key.kid && k.n === key.publicJwk.n);
  } catch {
    return false;
  }
}

/**
 * Puts the dev key's public half into the JWKS file, keeping any keys already there (the file
 * may also hold a team's shared test keys). "unchanged" when it is already in.
 */
export function writeJwks(file: string, key: DevKey): "created" | "added" | "unchanged" {
  let doc: JSONWebKeySet = { keys: [] };
  const exists = existsSync(file);
  if (exists) {
    try {
      doc = JSON.parse(readFileSync(file, "utf8")) as JSONWebKeySet;
    } catch (err) {
      throw new UsageError(`${file} exists and is not JSON (${(err as Error).message}): fix or delete it`);
    }
    if (!Array.isArray(doc.keys)) throw new UsageError(`${file} exists and has no "keys" list: it is not a JWKS; fix or delete it`);
    if (doc.keys.some((k) => k.kid === key.kid && k.n === key.publicJwk.n)) return "unchanged";
  }
  doc.keys = [...doc.keys.filter((k) => k.kid !== key.kid), key.publicJwk];
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(doc, null, 2) + "\n");
  return exists ? "added" : "created";
}
