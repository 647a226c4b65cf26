import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { bearerToken, cachedVerifier, flattenClaim, flattenClaims, verifyJwt, wwwAuthenticate, type KeySet } from "./jwt.js";
import { fileKeySet } from "./jwks.js";

const ISSUER = "https://issuer.example.com/pool";
const NOW = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
const T = Math.floor(NOW.getTime() / 1000);

let rsa: { privateKey: CryptoKey; jwk: JWK };
let ec: { privateKey: CryptoKey; jwk: JWK };
let other: { privateKey: CryptoKey };
let keys: KeySet;

async function keyPair(alg: string, kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

beforeAll(async () => {
  rsa = await keyPair("RS256", "rsa-1");
  ec = await keyPair("ES256", "ec-1");
  other = await keyPair("RS256", "rsa-1");
  keys = createLocalJWKSet({ keys: [rsa.jwk, ec.jwk] });
});

function sign(claims: JWTPayload, opts: { key?: CryptoKey; alg?: string; kid?: string | null } = {}): Promise<string> {
  const alg = opts.alg ?? "RS256";
  const kid = opts.kid === null ? undefined : (opts.kid ?? (alg === "ES256" ? "ec-1" : "rsa-1"));
  return new SignJWT({ iss: ISSUER, aud: "app", iat: T - 10, exp: T + 3600, sub: "u1", ...claims })
    .setProtectedHeader({ alg, kid, typ: "JWT" })
    .sign(opts.key ?? (alg === "ES256" ? ec.privateKey : rsa.privateKey));
}

const rules = (over: Record<string, unknown> = {}) => ({ issuer: ISSUER, audience: ["app"], keys, now: () => NOW, ...over });

describe("verifyJwt", () => {
  it("accepts a good RS256 token and returns its claims and scopes", async () => {
    const rs = await verifyJwt(await sign({ scope: "users/read users/write" }), rules({ scopes: ["users/write"] }));
    expect(rs).toMatchObject({ ok: true, claims: { sub: "u1" }, scopes: ["users/read", "users/write"] });
  });

  const cases: [string, () => Promise<string | undefined>, Record<string, unknown>, string, number][] = [
    ["missing", async () => undefined, {}, "missing", 401],
    ["not three parts", async () => "abc.def", {}, "malformed", 401],
    ["garbage in three parts", async () => "a.b.c", {}, "malformed", 401],
    ["expired", () => sign({ exp: T - 1 }), {}, "expired", 401],
    ["without exp", () => sign({ exp: undefined }), {}, "expired", 401],
    ["not yet valid", () => sign({ nbf: T + 60 }), {}, "notYetValid", 401],
    ["issued in the future", () => sign({ iat: T + 60 }), {}, "issuedInFuture", 401],
    ["wrong issuer", () => sign({ iss: "https://evil.example.com" }), {}, "issuer", 401],
    ["wrong audience", () => sign({ aud: "other" }), {}, "audience", 401],
    ["aud decides over a matching client_id", () => sign({ aud: "other", client_id: "app" }), {}, "audience", 401],
    ["no aud and a wrong client_id", () => sign({ aud: undefined, client_id: "x" }), {}, "audience", 401],
    ["signed by another key with the same kid", () => sign({}, { key: other.privateKey }), {}, "signature", 401],
    ["unknown kid", () => sign({}, { kid: "nope" }), {}, "signature", 401],
    ["ES256, though its key is in the JWKS (AWS verifies RSA only)", () => sign({}, { alg: "ES256" }), {}, "algorithm", 401],
    ["without a kid, though the JWKS has one RSA key (AWS needs kid)", () => sign({}, { kid: null }), {}, "kid", 401],
    ["alg none", async () => new UnsecuredJWT({ iss: ISSUER, aud: "app", exp: T + 60 }).encode(), {}, "signature", 401],
    ["missing scope", () => sign({ scope: "users/read" }), { scopes: ["admin"] }, "scope", 403],
    ["no scope claim at all", () => sign({}), { scopes: ["admin"] }, "scope", 403],
  ];
  it.each(cases)("refuses a token that is %s", async (_name, token, over, failure, status) => {
    const out = await verifyJwt(await token(), rules(over));
    expect(out).toMatchObject({ ok: false, failure, status });
  });

  it("takes client_id when there is no aud (Cognito access tokens), and scp as a list", async () => {
    const out = await verifyJwt(await sign({ aud: undefined, client_id: "app", scp: ["a", "b"] }), rules({ scopes: ["b"] }));
    expect(out).toMatchObject({ ok: true, scopes: ["a", "b"] });
  });

  it("the alg none token is refused even when its claims are perfect", async () => {
    const t = new UnsecuredJWT({ iss: ISSUER, aud: "app", exp: T + 60, iat: T }).encode();
    expect((await verifyJwt(t, rules())).ok).toBe(false);
  });
});

describe("www-authenticate and the token header", () => {
  it("has AWS's documented form", () => {
    expect(wwwAuthenticate({ failure: "audience", description: "the token does not have a valid audience" })).toBe(
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    );
  });
  it.each([
    ["Bearer abc", "abc"],
    ["bearer   abc ", "abc"],
    ["abc", "abc"],
    ["Bearer ", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("bearerToken(%j) = %j", (v, want) => expect(bearerToken(v)).toBe(want));
});

describe("flattenClaim", () => {
  it.each([
    ["s", "s"],
    [1700000000, "1700000000"],
    [1.5, "1.5"],
    [true, "true"],
    [["admin", "users"], "[admin users]"],
    [[], "[]"],
    [{ b: 1, a: "x" }, "map[a:x b:1]"],
  ])("%j -> %j", (v, want) => expect(flattenClaim(v)).toBe(want));
  it("flattens every claim", () => expect(flattenClaims({ sub: "u", exp: 5, groups: ["a"] })).toEqual({ sub: "u", exp: "5", groups: "[a]" }));
});

describe("cachedVerifier", () => {
  it("checks the signature once per token, and scopes and expiry on every call", async () => {
    let lookups = 0;
    const counting: KeySet = (h, t) => {
      lookups++;
      return keys(h, t);
    };
    let now = NOW;
    const verify = cachedVerifier({ issuer: ISSUER, audience: ["app"], keys: counting, now: () => now });
    const token = await sign({ scope: "read", exp: T + 100 });
    expect((await verify(token)).ok).toBe(true);
    expect((await verify(token, ["read"])).ok).toBe(true);
    expect(await verify(token, ["write"])).toMatchObject({ ok: false, status: 403 });
    expect(lookups).toBe(1);
    now = new Date(NOW.getTime() + 101_000);
    expect(await verify(token)).toMatchObject({ ok: false, failure: "expired" });
  });
  it("does not remember a bad token as good", async () => {
    const verify = cachedVerifier(rules());
    const bad = await sign({}, { key: other.privateKey });
    expect((await verify(bad)).ok).toBe(false);
    expect((await verify(bad)).ok).toBe(false);
  });
});

describe("fileKeySet", () => {
  let dir: string;
  beforeAll(() => void (dir = mkdtempSync(path.join(os.tmpdir(), "lgw-jwks-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("reads the file, and again when it changes", async () => {
    const file = path.join(dir, "jwks.json");
    writeFileSync(file, JSON.stringify({ keys: [ec.jwk] }));
    const set = fileKeySet(file);
    const token = await sign({});
    expect((await verifyJwt(token, rules({ keys: set }))).ok).toBe(false);
    writeFileSync(file, JSON.stringify({ keys: [ec.jwk, rsa.jwk] }, null, 2));
    expect((await verifyJwt(token, rules({ keys: set }))).ok).toBe(true);
  });
  it("a missing file says how to write it", async () => {
    const set = fileKeySet(path.join(dir, "none.json"));
    await expect(verifyJwt(await sign({}), rules({ keys: set }))).rejects.toThrow(/lgw auth jwks/);
  });
});
