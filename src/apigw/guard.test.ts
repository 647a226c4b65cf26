// The HTTP API's gateway steps over real HTTP: JWT authorizers with tokens this test signs with
// its own RSA and EC keys (a JWKS file, as lgw.json's local "jwks"), Lambda authorizers run as
// scripted functions, and CORS.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from "jose";
import { cachedVerifier } from "../auth/jwt.js";
import { fileKeySet } from "../auth/jwks.js";
import { parseRouteTable } from "../routes/table.js";
import { Logger } from "../ui/logger.js";
import { createGuard } from "./guard.js";
import { startGateway, type GatewayServer, type GatewayOutcome } from "./server.js";

const ISSUER = "https://issuer.example.com";
const now = () => Math.floor(Date.now() / 1000);
let dir: string;
let rsa: CryptoKey;
let ec: CryptoKey;
let stranger: CryptoKey;
let gw: GatewayServer;
const authorizerCalls: Record<string, unknown>[] = [];
let lastEvent: Record<string, unknown> = {};

const AUTHZ: Record<string, (e: Record<string, unknown>) => GatewayOutcome> = {
  simple: (e) => {
    const id = (e.identitySource as string[])[0];
    if (id === "boom") return { kind: "functionError", reason: "Runtime exited" };
    if (id === "garbage") return { kind: "result", payload: Buffer.from('{"nope":1}') };
    return { kind: "result", payload: Buffer.from(JSON.stringify({ isAuthorized: id === "good", context: { user: "u-" + id, n: 3 } })) };
  },
  policy: (e) => {
    const routeArn = e.routeArn as string;
    const allow = routeArn.replace(/\/GET\/policy\/.*$/, "/GET/policy/allowed");
    return { kind: "result", payload: Buffer.from(JSON.stringify({ principalId: "p1", policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: allow }] } })) };
  },
};

async function sign(claims: JWTPayload, key: CryptoKey = rsa, header: Record<string, string> = {}): Promise<string> {
  const alg = key === ec ? "ES256" : "RS256";
  return new SignJWT({ iss: ISSUER, aud: "app", iat: now() - 5, exp: now() + 600, sub: "user-1", email: "a@example.com", ...claims })
    .setProtectedHeader({ alg, kid: alg === "ES256" ? "ec" : "rsa", ...header })
    .sign(key);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-guard-"));
  const r = await generateKeyPair("RS256", { extractable: true });
  const e = await generateKeyPair("ES256", { extractable: true });
  rsa = r.privateKey;
  ec = e.privateKey;
  stranger = (await generateKeyPair("RS256")).privateKey;
  const jwks = path.join(dir, "jwks.json");
  writeFileSync(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(r.publicKey)), kid: "rsa", alg: "RS256" }, { ...(await exportJWK(e.publicKey)), kid: "ec", alg: "ES256" }] }));
  const routes = parseRouteTable({ "GET /open": "fn", "GET /me": "fn", "GET /admin": "fn", "GET /simple": "fn", "GET /policy/{x}": "fn", "GET /v1fn": "v1fn" });
  const auth: Record<string, { authorizer: string; scopes?: string[] }> = {
    "GET /me": { authorizer: "jwt" },
    "GET /admin": { authorizer: "jwt", scopes: ["admin"] },
    "GET /simple": { authorizer: "simple" },
    "GET /policy/{x}": { authorizer: "policy" },
    "GET /v1fn": { authorizer: "jwt" },
  };
  const guard = createGuard({
    cors: { allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST"], allowHeaders: ["authorization"], maxAge: 300 },
    routeAuth: (route) => auth[route.key],
    jwt: { jwt: { identitySource: "$request.header.Authorization", verify: cachedVerifier({ issuer: ISSUER, audience: ["app"], keys: fileKeySet(jwks) }) } },
    lambda: {
      simple: { name: "simple", functionName: "simple", payloadFormat: "2.0", simpleResponses: true, identitySource: ["$request.header.X-Key"], ttl: 300 },
      policy: { name: "policy", functionName: "policy", payloadFormat: "2.0", simpleResponses: false, identitySource: ["$request.header.X-Key"], ttl: 300 },
    },
    invoke: async (fn, event) => {
      const e = JSON.parse(event.toString());
      authorizerCalls.push(e);
      return AUTHZ[fn]!(e);
    },
    region: "us-east-1",
    warn: () => {},
  });
  const out = new PassThrough();
  gw = await startGateway({
    host: "127.0.0.1",
    port: 0,
    routes,
    format: "v2",
    formatOf: (fn) => (fn === "v1fn" ? "v1" : "v2"),
    event: { stage: "$default", stageVariables: {}, binaryMediaTypes: [], apiId: "local", accountId: "123456789012" },
    guard,
    log: new Logger({ stdout: out, stderr: out, color: false }),
    invoke: async (_fn, event) => {
      lastEvent = JSON.parse(event.toString());
      return { kind: "result", payload: Buffer.from(JSON.stringify({ statusCode: 200, headers: { "access-control-allow-origin": "*", "x-fn": "1" }, body: "ok" })) };
    },
  });
});

afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(gw.url + p, { headers });
const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });

describe("JWT authorizer", () => {
  it("a valid RS256 token reaches the function with its claims as strings", async () => {
    const res = await get("/me", bearer(await sign({ groups: ["admin", "users"], scope: "read write", level: 2 })));
    expect(res.status).toBe(200);
    const authorizer = (lastEvent.requestContext as { authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } } }).authorizer;
    expect(authorizer.jwt.claims).toMatchObject({ sub: "user-1", email: "a@example.com", groups: "[admin users]", level: "2", iss: ISSUER });
    expect(authorizer.jwt.scopes).toEqual(["read", "write"]);
  });

  const refused: [string, () => Promise<Record<string, string>>, RegExp][] = [
    ["expired", async () => bearer(await sign({ exp: now() - 10 })), /has expired/],
    ["not yet valid", async () => bearer(await sign({ nbf: now() + 600 })), /not valid yet/],
    ["wrong issuer", async () => bearer(await sign({ iss: "https://other" })), /valid issuer/],
    ["wrong audience", async () => bearer(await sign({ aud: "other" })), /does not have a valid audience/],
    ["wrong key", async () => bearer(await sign({}, stranger)), /signature/],
    ["ES256 (AWS verifies RSA only), its key in the JWKS", async () => bearer(await sign({}, ec)), /algorithm/],
    ["alg none", async () => bearer(new UnsecuredJWT({ iss: ISSUER, aud: "app", exp: now() + 60 }).encode()), /signature/],
    ["malformed header", async () => ({ Authorization: "Bearer not-a-jwt" }), /malformed/],
    ["missing header", async () => ({}), /^Bearer$/],
  ];
  it.each(refused)("%s: 401 Unauthorized with www-authenticate", async (_name, headers, description) => {
    const res = await get("/me", await headers());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
    expect(res.headers.get("www-authenticate")).toMatch(description);
  });

  it("a token without the route's scope: 403 Forbidden; with it: 200", async () => {
    const res = await get("/admin", bearer(await sign({ scope: "read" })));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: "Forbidden" });
    expect((await get("/admin", bearer(await sign({ scope: "read admin" })))).status).toBe(200);
  });

  it("a payload 1.0 function behind the HTTP API gets v1 events with authorizer.claims", async () => {
    expect((await get("/v1fn", bearer(await sign({})))).status).toBe(200);
    expect(lastEvent.httpMethod).toBe("GET");
    expect((lastEvent.requestContext as { authorizer: { claims: Record<string, string> } }).authorizer.claims.sub).toBe("user-1");
  });

  it("an unprotected route needs no token", async () => expect((await get("/open")).status).toBe(200));
});

describe("Lambda authorizer", () => {
  it("allows with context for the function, denies 403, and caches per identity", async () => {
    authorizerCalls.length = 0;
    expect((await get("/simple", { "X-Key": "good" })).status).toBe(200);
    expect((lastEvent.requestContext as { authorizer: unknown }).authorizer).toEqual({ lambda: { user: "u-good", n: 3 } });
    expect((await get("/simple", { "X-Key": "good" })).status).toBe(200);
    const denied = await get("/simple", { "X-Key": "bad" });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ message: "Forbidden" });
    expect(authorizerCalls).toHaveLength(2);
    expect(authorizerCalls[0]).toMatchObject({ version: "2.0", type: "REQUEST", identitySource: ["good"], routeKey: "GET /simple", routeArn: "arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/simple" });
  });
  it("a missing identity source is 401 without calling the authorizer", async () => {
    authorizerCalls.length = 0;
    const res = await get("/simple");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
    expect(authorizerCalls).toHaveLength(0);
  });
  it("an authorizer error or malformed answer is 500, and is not cached", async () => {
    for (const key of ["boom", "garbage", "boom"]) {
      const res = await get("/simple", { "X-Key": key });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ message: "Internal Server Error" });
    }
    expect(authorizerCalls.filter((e) => (e.identitySource as string[])[0] === "boom")).toHaveLength(2);
  });
  it("a cached IAM policy is evaluated against each request's route ARN", async () => {
    authorizerCalls.length = 0;
    expect((await get("/policy/allowed", { "X-Key": "k" })).status).toBe(200);
    expect((await get("/policy/other", { "X-Key": "k" })).status).toBe(403);
    expect(authorizerCalls).toHaveLength(1);
  });
});

describe("CORS", () => {
  it("answers preflight itself, even with no OPTIONS route and on a protected route", async () => {
    const res = await fetch(gw.url + "/me", { method: "OPTIONS", headers: { Origin: "https://app.example.com", "Access-Control-Request-Method": "GET" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET,POST");
    expect(res.headers.get("access-control-max-age")).toBe("300");
  });
  it("replaces the function's CORS headers with the configured ones", async () => {
    const res = await get("/open", { Origin: "https://app.example.com" });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("x-fn")).toBe("1");
    const foreign = await get("/open", { Origin: "https://evil.example.com" });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
  });
});
