// An HTTP API project end to end, as a new user would try it: `lgw init --event v2 --auth jwt`,
// `lgw auth jwks`, `lgw auth token`, then real HTTP against `lgw serve` over real Go processes:
// the JWT-protected GET /me, a second JWT authorizer whose JWKS holds this test's own RSA and EC
// keys (the refusal matrix, seen by a Go function), a Go Lambda authorizer (allow, deny, error,
// cache) and CORS.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from "jose";
import { startServe, type ServeHandle } from "../src/local/serve.js";
import { Logger } from "../src/ui/logger.js";
import { runLgw } from "./helpers/cli.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-http-auth-"));
const dir = path.join(work, "shop");
let serve: ServeHandle;
let logText = "";

// a Lambda authorizer in Go, typed with aws-lambda-go's own v2 authorizer event: it allows the
// key "good", denies anything else, fails on "boom", and counts its calls (to see the cache)
const GATE = `package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

var calls atomic.Int64

func handle(ctx context.Context, req events.APIGatewayV2CustomAuthorizerV2Request) (events.APIGatewayV2CustomAuthorizerSimpleResponse, error) {
	n := calls.Add(1)
	key := req.IdentitySource[0]
	fmt.Println("gate call", n, "for", key)
	if key == "boom" {
		return events.APIGatewayV2CustomAuthorizerSimpleResponse{}, errors.New("boom")
	}
	return events.APIGatewayV2CustomAuthorizerSimpleResponse{
		IsAuthorized: key == "good",
		Context:      map[string]interface{}{"calls": n, "route": req.RouteKey, "arn": req.RouteArn},
	}, nil
}

func main() { lambda.Start(handle) }
`;

// a payload 1.0 Lambda authorizer answering with an IAM policy, typed with aws-lambda-go's REQUEST
// authorizer event: it allows the method ARN it was asked about for the key "good", denies others
const POLICY = `package main

import (
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handle(req events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	key := ""
	for k, v := range req.Headers {
		if strings.EqualFold(k, "x-key") {
			key = v
		}
	}
	effect := "Deny"
	if key == "good" && req.Type == "REQUEST" && strings.HasSuffix(req.MethodArn, "/GET/policy") {
		effect = "Allow"
	}
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID: "user-" + key,
		PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{
			Version:   "2012-10-17",
			Statement: []events.IAMPolicyStatement{{Action: []string{"execute-api:Invoke"}, Effect: effect, Resource: []string{req.MethodArn}}},
		},
		Context: map[string]interface{}{"key": key, "path": req.Path},
	}, nil
}

func main() { lambda.Start(handle) }
`;

// a function that answers with what API Gateway handed it as requestContext.authorizer
const ECHO = `package main

import (
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handle(req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	body, _ := json.Marshal(req.RequestContext.Authorizer)
	return events.APIGatewayV2HTTPResponse{StatusCode: 200, Body: string(body)}, nil
}

func main() { lambda.Start(handle) }
`;

const OWN_ISSUER = "https://login.example.com/pool";
const now = () => Math.floor(Date.now() / 1000);
let rsa: CryptoKey;
let ec: CryptoKey;
let stranger: CryptoKey;

function ownToken(claims: JWTPayload, key: CryptoKey = rsa): Promise<string> {
  const alg = key === ec ? "ES256" : "RS256";
  return new SignJWT({ iss: OWN_ISSUER, aud: "app", iat: now() - 5, exp: now() + 600, sub: "u-1", ...claims })
    .setProtectedHeader({ alg, kid: key === ec ? "ec" : "rsa" })
    .sign(key);
}

async function lgwOk(args: string[]): Promise<string> {
  const r = await runLgw(args, { cwd: dir });
  if (r.code !== 0) throw new Error(`lgw ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
  return r.stdout.trim();
}

beforeAll(async () => {
  const init = await runLgw(["init", dir, "--event", "v2", "--auth", "jwt", "--yes", "--skip-install"], { cwd: work });
  expect(init.code).toBe(0);
  // a second function: the Lambda authorizer, with a route it guards, and CORS on the API
  mkdirSync(path.join(dir, "gate"));
  writeFileSync(path.join(dir, "gate", "main.go"), GATE);
  const config = JSON.parse(readFileSync(path.join(dir, "lgw.json"), "utf8"));
  config.functions.gate = { entry: "./gate" };
  config.authorizers.gate = { type: "lambda", function: "gate", identitySource: ["$request.header.X-Key"], ttl: 300 };
  config.routes["GET /hello"] = { function: "shop", authorizer: "gate" };
  // the test's own keys: an RSA and an EC key in a JWKS file of its own
  const r = await generateKeyPair("RS256", { extractable: true });
  const e = await generateKeyPair("ES256", { extractable: true });
  [rsa, ec, stranger] = [r.privateKey, e.privateKey, (await generateKeyPair("RS256")).privateKey];
  const keys = [{ ...(await exportJWK(r.publicKey)), kid: "rsa", alg: "RS256" }, { ...(await exportJWK(e.publicKey)), kid: "ec", alg: "ES256" }];
  writeFileSync(path.join(dir, "own-jwks.json"), JSON.stringify({ keys }));
  mkdirSync(path.join(dir, "echo"));
  writeFileSync(path.join(dir, "echo", "main.go"), ECHO);
  config.functions.echo = { entry: "./echo" };
  mkdirSync(path.join(dir, "policy"));
  writeFileSync(path.join(dir, "policy", "main.go"), POLICY);
  config.functions.policy = { entry: "./policy" };
  config.authorizers.policy = { type: "lambda", function: "policy", payloadFormat: "1.0", identitySource: ["$request.header.X-Key"] };
  config.routes["GET /policy"] = { function: "echo", authorizer: "policy" };
  config.authorizers.own = { type: "jwt", issuer: OWN_ISSUER, audience: ["app"], jwks: "./own-jwks.json" };
  config.routes["GET /own"] = { function: "echo", authorizer: "own" };
  config.routes["GET /own/admin"] = { function: "echo", authorizer: "own", scopes: ["admin"] };
  config.api.cors = { allowOrigins: ["https://app.example.com"], allowMethods: ["GET"], allowHeaders: ["authorization"] };
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify(config, null, 2));
  await lgwOk(["auth", "jwks", "--authorizer", "auth"]);
  const stream = new PassThrough();
  stream.on("data", (c: Buffer) => (logText += c.toString()));
  serve = await startServe({ cwd: dir, port: 0, host: "127.0.0.1", concurrency: 1, log: new Logger({ stdout: stream, stderr: stream, color: false }) });
});

afterAll(async () => {
  await serve?.close();
  if (process.env.LGW_SHOW_SERVE_LOG) console.log(logText);
  rmSync(work, { recursive: true, force: true });
});

describe("a scaffolded HTTP API with --auth jwt", () => {
  it("lgw.json says HTTP API, with the authorizer and its local JWKS", () => {
    const config = JSON.parse(readFileSync(path.join(dir, "lgw.json"), "utf8"));
    expect(config.api.type).toBe("http");
    expect(config.authorizers.auth).toEqual({ type: "jwt", issuer: "https://issuer.example.com", audience: ["shop"], jwks: "./.lgw/jwks.json" });
    expect(config.routes["GET /me"]).toEqual({ function: "shop", authorizer: "auth" });
    expect(readFileSync(path.join(dir, ".gitignore"), "utf8")).toContain(".lgw/");
  });

  it("GET /me without a token: 401 with www-authenticate, and the function is not called", async () => {
    const res = await fetch(serve.url + "/me");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("GET /me with `lgw auth token`: the Go handler reads the claims", async () => {
    const token = await lgwOk(["auth", "token", "--authorizer", "auth", "--sub", "user-7", "--claim", "email=ada@example.com", "--scope", "users/read"]);
    const res = await fetch(serve.url + "/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: "user-7", email: "ada@example.com", scopes: ["users/read"] });
  });

  it("an expired token is refused", async () => {
    const claims = JSON.parse(await lgwOk(["auth", "token", "--authorizer", "auth", "--json"])).claims;
    expect(claims).toMatchObject({ iss: "https://issuer.example.com", aud: "shop", sub: "local-user" });
    const old = await lgwOk(["auth", "token", "--authorizer", "auth", "--claim", "exp=1000"]);
    const res = await fetch(serve.url + "/me", { headers: { Authorization: `Bearer ${old}` } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error_description="the token has expired"');
  });

  it("a token signed by the test's RSA key reaches the Go function with its claims as strings", async () => {
    const res = await fetch(serve.url + "/own", { headers: { Authorization: `Bearer ${await ownToken({ groups: ["a", "b"], level: 3, scope: "read admin" })}` } });
    expect(res.status).toBe(200);
    const authorizer = await res.json();
    expect(authorizer.jwt.claims).toMatchObject({ sub: "u-1", iss: OWN_ISSUER, aud: "app", groups: "[a b]", level: "3" });
    expect(authorizer.jwt.scopes).toEqual(["read", "admin"]);
    expect((await fetch(serve.url + "/own/admin", { headers: { Authorization: await ownToken({ scope: "admin" }) } })).status).toBe(200);
  });

  const refused: [string, () => Promise<Record<string, string>>, number, RegExp][] = [
    ["expired", async () => ({ Authorization: `Bearer ${await ownToken({ exp: now() - 10 })}` }), 401, /has expired/],
    ["not yet valid", async () => ({ Authorization: `Bearer ${await ownToken({ nbf: now() + 600 })}` }), 401, /not valid yet/],
    ["wrong issuer", async () => ({ Authorization: `Bearer ${await ownToken({ iss: "https://other.example.com" })}` }), 401, /valid issuer/],
    ["wrong audience", async () => ({ Authorization: `Bearer ${await ownToken({ aud: "other" })}` }), 401, /valid audience/],
    ["signed by a key not in the JWKS", async () => ({ Authorization: `Bearer ${await ownToken({}, stranger)}` }), 401, /signature/],
    ["signed by the JWKS's EC key (AWS verifies RSA only)", async () => ({ Authorization: `Bearer ${await ownToken({}, ec)}` }), 401, /algorithm/],
    ["from `lgw auth token` with this issuer and audience (the dev key is not in this JWKS)", async () => ({ Authorization: `Bearer ${await lgwOk(["auth", "token", "--authorizer", "auth", "--claim", `iss=${OWN_ISSUER}`, "--claim", "aud=app"])}` }), 401, /signature/],
    ["alg none", async () => ({ Authorization: `Bearer ${new UnsecuredJWT({ iss: OWN_ISSUER, aud: "app", exp: now() + 60 }).encode()}` }), 401, /signature/],
    ["malformed header", async () => ({ Authorization: "Bearer not.a-jwt" }), 401, /malformed/],
    ["missing header", async () => ({}), 401, /^Bearer$/],
  ];
  it.each(refused)("own keys: %s is refused", async (_name, headers, status, description) => {
    const res = await fetch(serve.url + "/own", { headers: await headers() });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
    expect(res.headers.get("www-authenticate")).toMatch(description);
  });

  it("own keys: a valid token without the route's scope is 403 Forbidden", async () => {
    const res = await fetch(serve.url + "/own/admin", { headers: { Authorization: `Bearer ${await ownToken({ scope: "read" })}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ message: "Forbidden" });
  });

  it("serving the project as a REST API (--format v1) is refused: its authorizers would not run", async () => {
    const r = await runLgw(["serve", "--format", "v1", "--port", "0"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("which only an HTTP API runs, and --format v1 serves a REST API: drop --format");
  });

  it("a Go Lambda authorizer allows with context, denies 403, errors 500, and its decisions are cached", async () => {
    const allowed = await fetch(serve.url + "/hello", { headers: { "X-Key": "good" } });
    expect(allowed.status).toBe(200);
    const again = await fetch(serve.url + "/hello", { headers: { "X-Key": "good" } });
    expect(again.status).toBe(200);
    expect((await fetch(serve.url + "/hello", { headers: { "X-Key": "bad" } })).status).toBe(403);
    const failed = await fetch(serve.url + "/hello", { headers: { "X-Key": "boom" } });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: "Internal Server Error" });
    expect((await fetch(serve.url + "/hello")).status).toBe(401);
    expect((await fetch(serve.url + "/hello", { headers: { "X-Key": "good" } })).status).toBe(200);
    // good, bad and boom each reached the authorizer once: the repeated "good" came from the cache
    await new Promise((r) => setTimeout(r, 100));
    expect(logText.match(/gate call \d+ for \w+/g)).toEqual(["gate call 1 for good", "gate call 2 for bad", "gate call 3 for boom"]);
    expect(logText).toContain("authorizer gate (function gate) failed");
  });

  it("a Go payload 1.0 authorizer's IAM policy allows (its context reaching the function) or denies", async () => {
    const allowed = await fetch(serve.url + "/policy", { headers: { "X-Key": "good" } });
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).lambda).toEqual({ key: "good", path: "/policy" });
    const denied = await fetch(serve.url + "/policy", { headers: { "X-Key": "bad" } });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ message: "Forbidden" });
  });

  it("CORS: the gateway answers preflight and replaces the function's CORS headers", async () => {
    const pre = await fetch(serve.url + "/me", { method: "OPTIONS", headers: { Origin: "https://app.example.com", "Access-Control-Request-Method": "GET" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    const res = await fetch(serve.url + "/users/1", { headers: { Origin: "https://app.example.com" } });
    // the template's handler sends "*" and its own allow-methods; the API's configuration wins
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-allow-methods")).toBeNull();
  });
});

describe("lgw auth token in a project lgw did not scaffold, before lgw auth jwks", () => {
  it("git-ignores its key, warns that lgw serve refuses the token until the JWKS holds the key, and stops once it does", async () => {
    const fresh = path.join(work, "fresh");
    mkdirSync(fresh);
    writeFileSync(path.join(fresh, "lgw.json"), JSON.stringify({ eventFormat: "v2", functions: { a: { entry: "." } }, authorizers: { auth: { type: "jwt", issuer: OWN_ISSUER, audience: ["a"], jwks: "./.lgw/jwks.json" } } }));
    const before = await runLgw(["auth", "token"], { cwd: fresh });
    expect(before.code).toBe(0);
    expect(before.stdout.trim().split(".")).toHaveLength(3);
    expect(before.stderr).toContain(".lgw/jwks.json does not hold the development key yet, so lgw serve refuses this token: run `lgw auth jwks` once");
    // the private key is git-ignored though this project's own .gitignore (it has none) does not say so
    expect(readFileSync(path.join(fresh, ".lgw", ".gitignore"), "utf8").split("\n")).toContain("*");
    expect((await runLgw(["auth", "jwks"], { cwd: fresh })).code).toBe(0);
    const after = await runLgw(["auth", "token"], { cwd: fresh });
    expect(after.stderr).toBe("");
  });
});
