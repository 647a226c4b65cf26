import { describe, expect, it } from "vitest";
import { authorizerSourceArn, httpInvokeUrl, routeSourceArn, routeStatementId } from "./arns.js";
import { lambdaOfUri } from "./drift.js";
import { planHttpSync, type HttpSyncInput } from "./plan.js";
import { renderHttpPlan } from "./render.js";
import type { RemoteHttpApi } from "../../aws/http-types.js";

const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const arn = (fn: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn}`;
const SCOPE = { partition: "aws", region: REGION, account: ACCOUNT, apiId: "h1" };
const empty = (): RemoteHttpApi => ({ apiId: "h1", routes: [], integrations: [], authorizers: [] });
const JWT = { name: "cognito", type: "jwt" as const, issuer: "https://issuer", audience: ["app"], identitySource: "$request.header.Authorization" };
const LAMBDA = { name: "gate", type: "lambda" as const, functionName: "auth", payloadFormat: "2.0" as const, simpleResponses: true, identitySource: ["$request.header.X-Key"], ttl: 300 };

function input(over: Partial<HttpSyncInput> = {}): HttpSyncInput {
  return {
    apiId: "h1",
    region: REGION,
    routes: [
      { routeKey: "GET /users/{id}", functionName: "users", authorizer: "cognito", scopes: ["users/read"] },
      { routeKey: "$default", functionName: "web" },
    ],
    payloadFormats: { users: "2.0", web: "1.0", auth: "2.0" },
    authorizers: [JWT],
    remote: empty(),
    functionArns: { users: arn("users"), web: arn("web"), auth: arn("auth") },
    permissions: { users: [], web: [], auth: [] },
    prune: false,
    ...over,
  };
}

/** What AWS would hold after applying the plan of `input()`. */
function synced(): { remote: RemoteHttpApi; permissions: HttpSyncInput["permissions"] } {
  return {
    remote: {
      apiId: "h1",
      routes: [
        { routeId: "r1", routeKey: "GET /users/{id}", target: "integrations/i1", authorizationType: "JWT", authorizerId: "a1", authorizationScopes: ["users/read"] },
        { routeId: "r2", routeKey: "$default", target: "integrations/i2", authorizationType: "NONE" },
      ],
      integrations: [
        { integrationId: "i1", integrationType: "AWS_PROXY", integrationUri: arn("users"), payloadFormatVersion: "2.0" },
        { integrationId: "i2", integrationType: "AWS_PROXY", integrationUri: arn("web"), payloadFormatVersion: "1.0" },
      ],
      authorizers: [{ authorizerId: "a1", name: "cognito", authorizerType: "JWT", identitySource: ["$request.header.Authorization"], issuer: "https://issuer", audience: ["app"] }],
    },
    permissions: {
      users: [{ sid: routeStatementId("h1", "GET /users/{id}"), sourceArn: routeSourceArn(SCOPE, "GET /users/{id}") }],
      web: [{ sid: routeStatementId("h1", "$default"), sourceArn: routeSourceArn(SCOPE, "$default") }],
      auth: [],
    },
  };
}

describe("HTTP API ARNs", () => {
  it.each([
    ["GET /users/{id}", `arn:aws:execute-api:${REGION}:${ACCOUNT}:h1/*/GET/users/*`],
    ["ANY /{proxy+}", `arn:aws:execute-api:${REGION}:${ACCOUNT}:h1/*/*/*`],
    ["POST /", `arn:aws:execute-api:${REGION}:${ACCOUNT}:h1/*/POST/`],
    ["$default", `arn:aws:execute-api:${REGION}:${ACCOUNT}:h1/*/$default`],
  ])("%s -> %s", (key, want) => expect(routeSourceArn(SCOPE, key)).toBe(want));
  it("authorizers and URLs", () => {
    expect(authorizerSourceArn(SCOPE, "a1")).toBe(`arn:aws:execute-api:${REGION}:${ACCOUNT}:h1/authorizers/a1`);
    expect(httpInvokeUrl("h1", REGION, "$default")).toBe("https://h1.execute-api.us-east-1.amazonaws.com/");
    expect(httpInvokeUrl("h1", REGION, "prod")).toBe("https://h1.execute-api.us-east-1.amazonaws.com/prod/");
  });
  it("reads both forms of Lambda integration URI", () => {
    expect(lambdaOfUri(arn("users"))).toBe("users");
    expect(lambdaOfUri(`arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn("users")}/invocations`)).toBe("users");
    expect(lambdaOfUri("https://example.com")).toBeUndefined();
  });
});

describe("planHttpSync", () => {
  it("on an empty API: integrations with each function's payload format, the authorizer, routes with permissions", () => {
    const plan = planHttpSync(input());
    expect(plan.steps.map((s) => s.action)).toEqual(["create-integration", "create-integration", "create-authorizer", "create-route", "create-route"]);
    expect(plan.steps[0]).toMatchObject({ functionName: "users", payloadFormat: "2.0", uri: arn("users") });
    expect(plan.steps[1]).toMatchObject({ functionName: "web", payloadFormat: "1.0" });
    expect(plan.steps[3]).toMatchObject({
      routeKey: "GET /users/{id}",
      auth: { type: "JWT", authorizer: "cognito", scopes: ["users/read"] },
      permission: { functionName: "users", sourceArn: routeSourceArn(SCOPE, "GET /users/{id}") },
    });
    expect(plan.steps[4]).toMatchObject({ routeKey: "$default", auth: { type: "NONE" } });
    expect(renderHttpPlan(plan)).toContain("+ GET /users/{id} -> users [jwt cognito scopes users/read]");
  });

  it("changes nothing when AWS already matches", () => {
    const plan = planHttpSync(input(synced()));
    expect(plan.steps).toEqual([]);
    expect(plan.unchanged).toEqual(["GET /users/{id}", "$default"]);
    expect(renderHttpPlan(plan)).toBe("HTTP API h1: no changes (2 routes up to date)");
  });

  it("fixes what differs: payload format, issuer, scopes, target, a missing permission", () => {
    const s = synced();
    s.remote.integrations[1]!.payloadFormatVersion = "2.0";
    s.remote.authorizers[0]!.issuer = "https://old";
    s.remote.routes[0]!.authorizationScopes = ["x"];
    s.remote.routes[1]!.target = "integrations/i1";
    s.permissions.users = [];
    const plan = planHttpSync(input(s));
    expect(plan.steps).toEqual([
      expect.objectContaining({ action: "update-integration", integrationId: "i2", payloadFormat: "1.0", was: "payload format 2.0" }),
      expect.objectContaining({ action: "update-authorizer", authorizerId: "a1", was: "issuer https://old" }),
      expect.objectContaining({ action: "update-route", routeId: "r1", was: 'scopes ["x"]' }),
      expect.objectContaining({ action: "update-route", routeId: "r2", was: "function users" }),
    ]);
  });

  it("a Lambda authorizer: the invocations URI, its permission on the authorizer's ARN, and CUSTOM routes", () => {
    const plan = planHttpSync(input({ authorizers: [LAMBDA], routes: [{ routeKey: "GET /x", functionName: "users", authorizer: "gate" }] }));
    expect(plan.steps.find((s) => s.action === "create-authorizer")).toMatchObject({
      uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn("auth")}/invocations`,
      permission: { functionName: "auth" },
    });
    expect(plan.steps.find((s) => s.action === "create-route")).toMatchObject({ auth: { type: "CUSTOM", authorizer: "gate" } });
    const s = synced();
    s.remote.authorizers = [{ authorizerId: "a9", name: "gate", authorizerType: "REQUEST", identitySource: ["$request.header.X-Key"], authorizerUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn("auth")}/invocations`, payloadFormatVersion: "2.0", enableSimpleResponses: true, ttl: 300 }];
    const again = planHttpSync(input({ ...s, authorizers: [LAMBDA], routes: [] }));
    expect(again.steps).toEqual([
      { action: "add-permission", what: "authorizer gate", permission: expect.objectContaining({ functionName: "auth", sourceArn: authorizerSourceArn(SCOPE, "a9") }) },
    ]);
  });

  it("keeps what lgw.json does not name, and says so; --prune removes it", () => {
    const s = synced();
    s.remote.cors = { allowOrigins: ["*"] };
    const kept = planHttpSync(input({ ...s, routes: [input().routes[1]!], authorizers: [] }));
    expect(kept.steps).toEqual([]);
    expect(kept.awsOnly).toEqual([{ route: "GET /users/{id}", functionName: "users" }]);
    expect(kept.notes.join("\n")).toMatch(/authorizers not in lgw.json: cognito.*\n.*CORS/);
    const pruned = planHttpSync(input({ ...s, routes: [input().routes[1]!], authorizers: [], prune: true }));
    expect(pruned.steps).toEqual([
      { action: "delete-route", routeId: "r1", routeKey: "GET /users/{id}", removePermission: { functionName: "users", statementId: routeStatementId("h1", "GET /users/{id}") } },
      { action: "delete-authorizer", authorizerId: "a1", name: "cognito" },
      { action: "delete-integration", integrationId: "i1", functionName: "users" },
      { action: "delete-cors" },
    ]);
  });

  it("sets CORS when it differs, ignoring order and case", () => {
    const s = synced();
    s.remote.cors = { allowOrigins: ["https://b", "https://a"], allowHeaders: ["Authorization"] };
    const same = planHttpSync(input({ ...s, cors: { allowOrigins: ["https://a", "https://b"], allowHeaders: ["authorization"] } }));
    expect(same.steps).toEqual([]);
    const diff = planHttpSync(input({ ...s, cors: { allowOrigins: ["https://a"], maxAge: 600 } }));
    expect(diff.steps).toEqual([{ action: "set-cors", cors: { allowOrigins: ["https://a"], maxAge: 600 } }]);
  });

  it("notes a JWT authorizer still holding lgw init's placeholder issuer, and only that one", () => {
    const placeholder = { ...JWT, issuer: "https://issuer.example.com" };
    expect(planHttpSync(input({ authorizers: [placeholder] })).notes).toEqual([expect.stringMatching(/^authorizer cognito still has lgw init's placeholder issuer https:\/\/issuer.example.com: AWS will refuse every token/)]);
    expect(planHttpSync(input()).notes).toEqual([]);
  });

  it("marks steps of functions not deployed yet and lists them", () => {
    const plan = planHttpSync(input({ functionArns: { users: arn("users") }, undeployed: ["web"] }));
    expect(plan.undeployed).toEqual(["web"]);
    expect(plan.steps.filter((s) => "needsDeploy" in s && s.needsDeploy).map((s) => s.action)).toEqual(["create-integration", "create-route"]);
  });

  it("removes a route's statement left on a function the route no longer names", () => {
    const s = synced();
    s.permissions.auth = [{ sid: routeStatementId("h1", "$default"), sourceArn: "x" }];
    const plan = planHttpSync(input(s));
    expect(plan.steps).toEqual([{ action: "remove-permission", what: "$default", functionName: "auth", statementId: routeStatementId("h1", "$default") }]);
  });
});

describe("planHttpSync: duplicates (two syncs at once against moto)", () => {
  const doubled = () => {
    const s = synced();
    const twin = { ...s.remote.routes[1]!, routeId: "r9" };
    const statement = s.permissions.web![0]!;
    return { remote: { ...s.remote, routes: [...s.remote.routes, twin] }, permissions: { ...s.permissions, web: [statement, statement] } };
  };

  it("without --prune: notes them and changes nothing", () => {
    const plan = planHttpSync(input(doubled()));
    expect(plan.steps).toEqual([]);
    expect(plan.notes).toEqual([
      "duplicate routes: $default (r9) (another run at the same time? `lgw api sync --prune` deletes them)",
      "function web's policy holds 1 duplicate statement (1 id more than once; `lgw api sync --prune` removes them)",
    ]);
  });

  it("with --prune: deletes the later route, removes both copies of the id and adds the route's back", () => {
    const plan = planHttpSync(input({ ...doubled(), prune: true }));
    const sid = routeStatementId("h1", "$default");
    expect(plan.steps).toEqual([
      { action: "delete-route", routeId: "r9", routeKey: "$default" },
      { action: "remove-duplicate-permission", functionName: "web", statementId: sid, count: 2 },
      { action: "add-permission", what: "$default", permission: { functionName: "web", statementId: sid, sourceArn: routeSourceArn(SCOPE, "$default") } },
    ]);
    expect(renderHttpPlan(plan)).toContain(`- permission ${sid} on web, all 2 copies (the route's own is added back)`);
  });
});
