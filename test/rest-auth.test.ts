// REST API access control through lgw serve, with real Go bootstraps typed by aws-lambda-go's own
// authorizer events: TOKEN (allow, explicit and implicit deny, Unauthorized, other errors,
// malformed output, timeout, the cache across two methods), REQUEST, API keys with a usage
// plan's throttle and quota, request validation, gateway responses and --no-auth.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { startServe, type ServeHandle } from "../src/local/serve.js";
import { Logger } from "../src/ui/logger.js";
import { liveChildCount } from "../src/util/children.js";
import { waitFor } from "./helpers/bin.js";
import { runLgw } from "./helpers/cli.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-rest-auth-"));
const dir = path.join(work, "pets");
let serve: ServeHandle;
let logText = "";

// TOKEN authorizer: the token after "Bearer " says what to answer; calls are counted (the cache)
const TOKEN = `package main

import (
	"errors"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

var calls atomic.Int64

func policy(effect, resource string) events.APIGatewayCustomAuthorizerPolicy {
	return events.APIGatewayCustomAuthorizerPolicy{Version: "2012-10-17", Statement: []events.IAMPolicyStatement{{Action: []string{"execute-api:Invoke"}, Effect: effect, Resource: []string{resource}}}}
}

func handle(req events.APIGatewayCustomAuthorizerRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	n := calls.Add(1)
	token := strings.TrimPrefix(req.AuthorizationToken, "Bearer ")
	// arn:aws:execute-api:region:account:api/stage/METHOD/path -> everything up to the stage
	parts := strings.SplitN(req.MethodArn, "/", 3)
	base := parts[0] + "/" + parts[1]
	switch {
	case token == "unauth":
		return events.APIGatewayCustomAuthorizerResponse{}, errors.New("Unauthorized")
	case token == "boom":
		return events.APIGatewayCustomAuthorizerResponse{}, errors.New("boom")
	case token == "slow":
		time.Sleep(3 * time.Second)
	case token == "deny":
		return events.APIGatewayCustomAuthorizerResponse{PrincipalID: "x", PolicyDocument: policy("Deny", base+"/*")}, nil
	case token == "postonly":
		return events.APIGatewayCustomAuthorizerResponse{PrincipalID: "x", PolicyDocument: policy("Allow", base+"/POST/*")}, nil
	case token == "nested":
		return events.APIGatewayCustomAuthorizerResponse{PrincipalID: "x", PolicyDocument: policy("Allow", base+"/*"), Context: map[string]interface{}{"o": map[string]string{"a": "b"}}}, nil
	}
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID:        "user-" + token,
		PolicyDocument:     policy("Allow", base+"/GET/*"),
		Context:            map[string]interface{}{"calls": n, "admin": token == "admin", "user": token},
		UsageIdentifierKey: "",
	}, nil
}

func main() { lambda.Start(handle) }
`;

// REQUEST authorizer: allows tenant t1 with any key
const REQUEST = `package main

import (
	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handle(req events.APIGatewayCustomAuthorizerRequestTypeRequest) (events.APIGatewayCustomAuthorizerResponse, error) {
	effect := "Deny"
	if req.Headers["X-Tenant"] == "t1" && req.QueryStringParameters["key"] != "" && req.Type == "REQUEST" {
		effect = "Allow"
	}
	return events.APIGatewayCustomAuthorizerResponse{
		PrincipalID:    "tenant-" + req.Headers["X-Tenant"],
		PolicyDocument: events.APIGatewayCustomAuthorizerPolicy{Version: "2012-10-17", Statement: []events.IAMPolicyStatement{{Action: []string{"execute-api:Invoke"}, Effect: effect, Resource: []string{req.MethodArn}}}},
		Context:        map[string]interface{}{"path": req.Path, "resource": req.Resource},
	}, nil
}

func main() { lambda.Start(handle) }
`;

// the integration: answers with what API Gateway handed it
const ECHO = `package main

import (
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func handle(req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	body, _ := json.Marshal(map[string]interface{}{"authorizer": req.RequestContext.Authorizer, "apiKey": req.RequestContext.Identity.APIKey, "apiKeyId": req.RequestContext.Identity.APIKeyID, "body": req.Body})
	return events.APIGatewayProxyResponse{StatusCode: 200, Body: string(body)}, nil
}

func main() { lambda.Start(handle) }
`;

const PARTNER_KEY = "partner-key-0123456789abcdefghij";
const POOL_ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test123";
let poolKey: CryptoKey;
let strangerKey: CryptoKey;
const now = () => Math.floor(Date.now() / 1000);
const poolToken = (claims: JWTPayload, key: CryptoKey = poolKey) =>
  new SignJWT({ iss: POOL_ISSUER, sub: "u-7", token_use: "access", iat: now() - 5, exp: now() + 600, ...claims }).setProtectedHeader({ alg: "RS256", kid: "pool" }).sign(key);

const get = (p: string, headers: Record<string, string> = {}) => fetch(serve.url + p, { headers });
const bodyOf = async (r: Response) => JSON.parse(await r.text());

beforeAll(async () => {
  const init = await runLgw(["init", dir, "--yes", "--skip-install"], { cwd: work });
  expect(init.code, init.stderr).toBe(0);
  for (const [name, src] of [["token", TOKEN], ["request", REQUEST], ["echo", ECHO]]) {
    mkdirSync(path.join(dir, name!));
    writeFileSync(path.join(dir, name!, "main.go"), src!);
  }
  mkdirSync(path.join(dir, "models"));
  writeFileSync(path.join(dir, "models", "pet.json"), JSON.stringify({ $schema: "http://json-schema.org/draft-04/schema#", type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } }));
  const config = JSON.parse(readFileSync(path.join(dir, "lgw.json"), "utf8"));
  config.functions.token = { entry: "./token", timeout: 1 };
  config.functions.request = { entry: "./request" };
  config.functions.echo = { entry: "./echo" };
  config.authorizers = {
    tok: { type: "token", function: "token", validationExpression: "^Bearer [-0-9a-zA-Z._]+$", ttl: 300 },
    req: { type: "request", function: "request", identitySource: ["method.request.header.X-Tenant", "method.request.querystring.key"], ttl: 0 },
  };
  const pool = await generateKeyPair("RS256", { extractable: true });
  poolKey = pool.privateKey;
  strangerKey = (await generateKeyPair("RS256")).privateKey;
  writeFileSync(path.join(dir, "pool-jwks.json"), JSON.stringify({ keys: [{ ...(await exportJWK(pool.publicKey)), kid: "pool", alg: "RS256", use: "sig" }] }));
  config.authorizers.cog = { type: "cognito", userPoolArns: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Test123"], jwks: "./pool-jwks.json" };
  config.routes = {
    "GET /cog": { function: "echo", authorizer: "cog" },
    "GET /cog/admin": { function: "echo", authorizer: "cog", authorizationScopes: ["pets/admin"] },
    "GET /pets/{id}": { function: "echo", authorizer: "tok" },
    "POST /pets/{id}": { function: "echo", authorizer: "tok" },
    "GET /tenant": { function: "echo", authorizer: "req" },
    "GET /keyed": { function: "echo", apiKeyRequired: true },
    "GET /metered": { function: "echo", apiKeyRequired: true },
    "POST /pets": { function: "echo", requestModel: "Pet", requiredParameters: ["querystring.name", "header.X-Id"], requestValidator: "all" },
  };
  config.api = {
    ...config.api,
    models: { Pet: "models/pet.json" },
    usagePlans: { basic: { throttle: { rateLimit: 1, burstLimit: 2 }, keys: ["partner"] }, tiny: { quota: { limit: 1, period: "DAY" }, keys: ["metered"] } },
    gatewayResponses: { UNAUTHORIZED: { headers: { "Access-Control-Allow-Origin": "'*'" } }, DEFAULT_4XX: { headers: { "X-Gateway": "'lgw'" } } },
  };
  writeFileSync(path.join(dir, "lgw.json"), JSON.stringify(config, null, 2));
  process.env.LGW_API_KEY_PARTNER = PARTNER_KEY;
  const stream = new PassThrough();
  stream.on("data", (c: Buffer) => (logText += c.toString()));
  serve = await startServe({ cwd: dir, port: 0, host: "127.0.0.1", concurrency: 1, log: new Logger({ stdout: stream, stderr: stream, color: false }) });
}, 180_000);

afterAll(async () => {
  delete process.env.LGW_API_KEY_PARTNER;
  await serve?.close();
  if (process.env.LGW_SHOW_SERVE_LOG) console.log(logText);
  rmSync(work, { recursive: true, force: true });
});

describe("TOKEN authorizer", () => {
  it("allows with the policy; the function sees principalId and the context", async () => {
    const res = await get("/pets/1", { Authorization: "Bearer ada" });
    expect(res.status).toBe(200);
    const { authorizer } = await bodyOf(res);
    // context values arrive stringified, as on AWS
    expect(authorizer).toMatchObject({ principalId: "user-ada", user: "ada", admin: "false", calls: expect.stringMatching(/^\d+$/) });
    expect(typeof authorizer.integrationLatency).toBe("number");
  });

  it("caches the answer per token and evaluates it against each method ARN", async () => {
    const a = await bodyOf(await get("/pets/2", { Authorization: "Bearer cached" }));
    const b = await bodyOf(await get("/pets/3", { Authorization: "Bearer cached" }));
    expect(b.authorizer.calls).toBe(a.authorizer.calls);
    // the cached policy allows GET only: POST is denied without a new call
    const post = await fetch(serve.url + "/pets/3", { method: "POST", headers: { Authorization: "Bearer cached" } });
    expect(post.status).toBe(403);
    expect(await bodyOf(post)).toEqual({ Message: "User is not authorized to access this resource" });
    // the access log may batch lines for a few milliseconds while requests keep coming
    await waitFor(() => /authorizer tok \(cached\): no allow/.test(logText), "the access log line of the denied POST", 2_000);
  });

  it.each([
    ["no token", {}, 401, { message: "Unauthorized" }],
    ["a token failing validationExpression (authorizer not called)", { Authorization: "Basic abc" }, 401, { message: "Unauthorized" }],
    ["explicit deny", { Authorization: "Bearer deny" }, 403, { Message: "User is not authorized to access this resource with an explicit deny" }],
    ["no matching Allow", { Authorization: "Bearer postonly" }, 403, { Message: "User is not authorized to access this resource" }],
    ["an Unauthorized error", { Authorization: "Bearer unauth" }, 401, { message: "Unauthorized" }],
    ["another error", { Authorization: "Bearer boom" }, 500, { message: null }],
    ["a context value that is an object", { Authorization: "Bearer nested" }, 500, { message: null }],
    ["a timeout", { Authorization: "Bearer slow" }, 500, { message: null }],
  ])("%s: %s", async (_name, headers, status, body) => {
    const res = await get("/pets/9", headers as Record<string, string>);
    expect(res.status).toBe(status);
    expect(await bodyOf(res)).toEqual(body);
  });

  it("gateway responses restyle the gateway's answers, not the function's", async () => {
    const res = await get("/pets/9");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("x-gateway")).toBeNull();
    const denied = await get("/pets/9", { Authorization: "Bearer deny" });
    expect(denied.headers.get("x-gateway")).toBe("lgw");
    expect((await get("/nowhere")).headers.get("x-gateway")).toBe("lgw");
    expect((await get("/pets/1", { Authorization: "Bearer ada" })).headers.get("x-gateway")).toBeNull();
    // the 413 for a body over 10 MB is answered before the request is read: restyled all the same
    const big = await fetch(serve.url + "/pets/1", { method: "POST", body: Buffer.alloc(11 * 1024 * 1024, 97) });
    expect(big.status).toBe(413);
    expect(big.headers.get("x-gateway")).toBe("lgw");
  });
});

describe("Cognito user pool authorizer", () => {
  it("a token of the pool reaches the function with its claims as strings", async () => {
    const res = await get("/cog", { Authorization: await poolToken({ email: "ada@example.com", scope: "pets/read" }) });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).authorizer.claims).toMatchObject({ sub: "u-7", email: "ada@example.com", iss: POOL_ISSUER, scope: "pets/read" });
  });

  it.each([
    ["no token", async () => undefined],
    ["an expired token", () => poolToken({ exp: now() - 60 })],
    ["another issuer", () => poolToken({ iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other" })],
    ["a token signed by another key", () => poolToken({}, strangerKey)],
    ["not a JWT", async () => "abc.def"],
  ])("%s: 401 Unauthorized", async (_n, token) => {
    const t = await token();
    const res = await get("/cog", t ? { Authorization: t } : {});
    expect(res.status).toBe(401);
    expect(await bodyOf(res)).toEqual({ message: "Unauthorized" });
  });

  it("authorizationScopes: a token without one of them is 401, with one 200", async () => {
    expect((await get("/cog/admin", { Authorization: await poolToken({ scope: "pets/read" }) })).status).toBe(401);
    expect((await get("/cog/admin", { Authorization: `Bearer ${await poolToken({ scope: "pets/read pets/admin" })}` })).status).toBe(200);
  });
});

describe("REQUEST authorizer", () => {
  it("gets the request's headers and query; a missing source is 401 without a call", async () => {
    const ok = await get("/tenant?key=k1", { "X-Tenant": "t1" });
    expect(ok.status).toBe(200);
    expect((await bodyOf(ok)).authorizer).toMatchObject({ principalId: "tenant-t1", path: "/tenant", resource: "/tenant" });
    expect((await get("/tenant?key=k1", { "X-Tenant": "t2" })).status).toBe(403);
    expect((await get("/tenant", { "X-Tenant": "t1" })).status).toBe(401);
  });
});

describe("API keys and usage plans", () => {
  it("a missing or unknown key is 403 Forbidden; the right one reaches the function with its id", async () => {
    const missing = await get("/keyed");
    expect(missing.status).toBe(403);
    expect(await bodyOf(missing)).toEqual({ message: "Forbidden" });
    expect((await get("/keyed", { "x-api-key": "wrong" })).status).toBe(403);
    const ok = await get("/keyed", { "x-api-key": PARTNER_KEY });
    expect(ok.status).toBe(200);
    const body = await bodyOf(ok);
    expect(body.apiKey).toBe(PARTNER_KEY);
    expect(body.apiKeyId).toMatch(/^[a-z0-9]{10}$/);
  });

  it("the plan's burst is 2 (one already used above): then 429 Too Many Requests", async () => {
    const second = await get("/keyed", { "x-api-key": PARTNER_KEY });
    const third = await get("/keyed", { "x-api-key": PARTNER_KEY });
    expect(second.status).toBe(200);
    expect(third.status).toBe(429);
    expect(await bodyOf(third)).toEqual({ message: "Too Many Requests" });
  });

  it("a key without a value in the environment is made and saved (0600, git-ignored); its quota of 1 a day holds", async () => {
    const metered = serve.apiKeys.find((k) => k.name === "metered")!;
    expect(serve.createdApiKeys).toEqual(["metered"]);
    const file = path.join(dir, ".lgw", "api-keys.json");
    expect(JSON.parse(readFileSync(file, "utf8")).metered.value).toBe(metered.value);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, ".lgw", ".gitignore"), "utf8")).toMatch(/^\*$/m);
    expect((await get("/metered", { "x-api-key": metered.value })).status).toBe(200);
    const over = await get("/metered", { "x-api-key": metered.value });
    expect(over.status).toBe(429);
    expect(await bodyOf(over)).toEqual({ message: "Limit Exceeded" });
  });
});

describe("lgw api keys", () => {
  it("lists each key of the usage plans with the value lgw serve accepts and where it comes from", async () => {
    const r = await runLgw(["api", "keys", "--json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const { keys } = JSON.parse(r.stdout);
    expect(keys.map((k: { name: string }) => k.name)).toEqual(["metered", "partner"]);
    expect(keys[0]).toMatchObject({ value: serve.apiKeys.find((k) => k.name === "metered")!.value, plans: ["tiny"], created: false });
    expect(keys[1]).toMatchObject({ value: PARTNER_KEY, plans: ["basic"], source: "LGW_API_KEY_PARTNER" });
  });
});

describe("request validation", () => {
  const post = (query: string, headers: Record<string, string>, body: string) => fetch(serve.url + "/pets" + query, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body });
  it.each([
    ["valid", "?name=rex", { "X-Id": "1" }, '{"name":"Rex"}', 200, undefined],
    ["missing parameters", "", {}, '{"name":"Rex"}', 400, { message: "Missing required request parameters: [name, X-Id]" }],
    ["a body failing the model", "?name=rex", { "X-Id": "1" }, '{"name":""}', 400, { message: "Invalid request body" }],
    ["a body that is not JSON", "?name=rex", { "X-Id": "1" }, "name=Rex", 400, { message: "Invalid request body" }],
  ])("%s: %s", async (_n, query, headers, body, status, answer) => {
    const res = await post(query, headers, body);
    expect(res.status).toBe(status);
    if (answer) expect(await bodyOf(res)).toEqual(answer);
  });
});

describe("lgw serve --no-auth", () => {
  it("skips authorizers and API keys, keeps validation; serve --help lists it", async () => {
    const quiet = new PassThrough();
    let text = "";
    quiet.on("data", (c: Buffer) => (text += c.toString()));
    const open = await startServe({ cwd: dir, port: 0, host: "127.0.0.1", concurrency: 1, noAuth: true, log: new Logger({ stdout: quiet, stderr: quiet, color: false }) });
    try {
      expect((await fetch(open.url + "/pets/1")).status).toBe(200);
      expect((await fetch(open.url + "/keyed")).status).toBe(200);
      // validation still applies: it is not access control
      expect((await fetch(open.url + "/pets", { method: "POST", body: "{}" })).status).toBe(400);
    } finally {
      await open.close();
    }
    const r = await runLgw(["serve", "--help"], { cwd: dir });
    expect(r.stdout).toContain("--no-auth");
    void text;
  });

  it("leaves no process behind", async () => {
    await serve.close();
    expect(liveChildCount()).toBe(0);
  });
});
