// Edge: where a JWT authorizer's keys come from. A local JWKS file (re-read when it changes, so
// `lgw auth jwks` takes effect in a running `lgw serve`), a JWKS URL, or the issuer's OpenID
// discovery document (`ISSUER/.well-known/openid-configuration` -> jwks_uri), fetched once.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet } from "jose";
import { LgwError } from "../errors.js";
import type { KeySet } from "./jwt.js";

/** A JWKS file: its keys, re-read when the file's mtime or size changes. */
export function fileKeySet(file: string, authorizer?: string): KeySet {
  let seen = "";
  let keys: KeySet | undefined;
  const load = (): KeySet => {
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      throw new LgwError(`JWKS file ${file} does not exist: write it with \`lgw auth jwks --authorizer ${authorizer ?? "<name>"}\`, or fix the authorizer's jwks path`);
    }
    if (keys && stamp === seen) return keys;
    let doc: JSONWebKeySet;
    try {
      doc = JSON.parse(readFileSync(file, "utf8")) as JSONWebKeySet;
    } catch (err) {
      throw new LgwError(`JWKS file ${file} is not JSON: ${(err as Error).message}`);
    }
    if (!doc || !Array.isArray(doc.keys)) throw new LgwError(`JWKS file ${file} has no "keys" list`);
    keys = createLocalJWKSet(doc);
    seen = stamp;
    return keys;
  };
  return (header, token) => load()(header, token);
}

/** The issuer's jwks_uri from its discovery document. */
export async function discoverJwksUri(issuer: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const url = `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetchImpl(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(5000) });
  } catch (err) {
    throw new LgwError(`cannot fetch ${url}: ${(err as Error).message}`, { hint: 'work offline with a local JWKS: "jwks": "./.lgw/jwks.json" on the authorizer' });
  }
  if (!res.ok) throw new LgwError(`${url} answered HTTP ${res.status}`, { hint: "check the authorizer's issuer, or set a local jwks" });
  const doc = (await res.json().catch(() => undefined)) as { jwks_uri?: unknown } | undefined;
  if (typeof doc?.jwks_uri !== "string") throw new LgwError(`${url} has no jwks_uri`);
  return doc.jwks_uri;
}

export interface KeySource {
  issuer: string;
  /** the authorizer's name, for messages */
  name?: string;
  /** a path (relative to root) or an http(s) URL; without it, the issuer's discovery document */
  jwks?: string;
  root: string;
}

/** The key set for an authorizer; remote ones are fetched on first use and cached by jose. */
export function keySetFor(src: KeySource): KeySet {
  if (src.jwks && /^https?:\/\//.test(src.jwks)) return createRemoteJWKSet(new URL(src.jwks));
  if (src.jwks) return fileKeySet(path.resolve(src.root, src.jwks), src.name);
  let remote: Promise<KeySet> | undefined;
  return async (header, token) => {
    remote ??= discoverJwksUri(src.issuer).then((uri) => createRemoteJWKSet(new URL(uri)));
    // a failed discovery is retried on the next request instead of being remembered
    const keys = await remote.catch((err: unknown) => {
      remote = undefined;
      throw err;
    });
    return keys(header, token);
  };
}
