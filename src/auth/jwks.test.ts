import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { verifyJwt } from "./jwt.js";
import { keySetFor } from "./jwks.js";

let server: http.Server;
let issuer: string;
let privateKey: CryptoKey;
let jwk: JWK;
const hits: string[] = [];

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  privateKey = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" };
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    res.setHeader("content-type", "application/json");
    if (req.url === "/pool/.well-known/openid-configuration") res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
    else if (req.url === "/pool/keys") res.end(JSON.stringify({ keys: [jwk] }));
    else res.writeHead(404).end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pool`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("keySetFor without a local jwks", () => {
  it("finds the keys through the issuer's discovery document, fetched once", async () => {
    const keys = keySetFor({ issuer, root: "/" });
    const token = await new SignJWT({ iss: issuer, aud: "app", exp: Math.floor(Date.now() / 1000) + 60 }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(privateKey);
    for (let i = 0; i < 3; i++) expect((await verifyJwt(token, { issuer, audience: ["app"], keys })).ok).toBe(true);
    expect(hits.filter((h) => h.endsWith("openid-configuration"))).toHaveLength(1);
    expect(hits.filter((h) => h.endsWith("/keys"))).toHaveLength(1);
  });
  it("an issuer without discovery is an error, not a refused token", async () => {
    const keys = keySetFor({ issuer: `${issuer}/nope`, root: "/" });
    const token = await new SignJWT({ exp: 2e9 }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(privateKey);
    await expect(verifyJwt(token, { issuer, audience: [], keys })).rejects.toThrow(/HTTP 404/);
  });
});

describe("keySetFor with a jwks URL", () => {
  it("takes the keys from that URL, without the issuer's discovery document", async () => {
    hits.length = 0;
    const keys = keySetFor({ issuer: "https://issuer.example.com", jwks: `${issuer}/keys`, root: "/" });
    const token = await new SignJWT({ iss: "https://issuer.example.com", aud: "app", exp: Math.floor(Date.now() / 1000) + 60 }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(privateKey);
    expect((await verifyJwt(token, { issuer: "https://issuer.example.com", audience: ["app"], keys })).ok).toBe(true);
    expect(hits).toEqual(["/pool/keys"]);
  });
});
