import { describe, expect, it } from "vitest";
import type { RestAuthorizerConfig } from "../config/rest-access.js";
import { parseRouteTable } from "../routes/table.js";
import { accessDifference, authorizerFields, methodAccessOf, planAuthorizers, type AuthorizerContext, type MethodAccess } from "./access.js";
import type { RemoteMethod } from "../aws/rest-types.js";
import { planSync, type SyncInput } from "./plan.js";

const AUTHORIZERS: RestAuthorizerConfig[] = [
  { name: "tok", type: "token", function: "gate", identitySource: "method.request.header.Authorization", validationExpression: "^Bearer .+$", ttl: 60 },
  { name: "req", type: "request", function: "gate", identitySource: ["method.request.header.X-T", "method.request.querystring.k"], ttl: 0 },
  { name: "pool", type: "cognito", userPoolArns: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_A1"], identitySource: "method.request.header.Authorization", ttl: 300 },
];
const route = (access?: object) => ({ ...parseRouteTable({ "GET /x": "fn" })[0]!, ...(access ? { access } : {}) });
const IDS = { authorizers: { tok: "t1", req: "r1", pool: "p1" }, validators: { "lgw-body": "v1" }, keys: {}, plans: {} };

describe("methodAccessOf", () => {
  it.each([
    ["no access, not managed", undefined, false, undefined],
    ["no access, managed", undefined, true, { authorizationType: "NONE", apiKeyRequired: false, requestParameters: {} }],
    ["token", { authorizer: "tok", apiKeyRequired: true }, false, { authorizationType: "CUSTOM", authorizer: "tok", apiKeyRequired: true, requestParameters: {} }],
    ["cognito with scopes", { authorizer: "pool", authorizationScopes: ["a/b"] }, false, { authorizationType: "COGNITO_USER_POOLS", authorizer: "pool", authorizationScopes: ["a/b"], apiKeyRequired: false, requestParameters: {} }],
    [
      "validation",
      { requestModels: { "application/json": "User" }, requestValidator: "all", requiredParameters: ["querystring.name"] },
      false,
      { authorizationType: "NONE", apiKeyRequired: false, requestModels: { "application/json": "User" }, validator: "all", requestParameters: { "method.request.querystring.name": true } },
    ],
  ])("%s", (_name, access, manage, want) => {
    expect(methodAccessOf(route(access), AUTHORIZERS, manage)).toEqual(want);
  });
});

describe("accessDifference", () => {
  const want: MethodAccess = { authorizationType: "CUSTOM", authorizer: "tok", apiKeyRequired: true, validator: "body", requestParameters: { "method.request.header.X": true } };
  const same: RemoteMethod = { httpMethod: "GET", authorizationType: "CUSTOM", authorizerId: "t1", apiKeyRequired: true, requestValidatorId: "v1", requestParameters: { "method.request.header.X": true } };
  it.each([
    ["the same", same, true, undefined],
    ["another type", { ...same, authorizationType: "NONE" }, true, "authorization NONE"],
    ["another authorizer", { ...same, authorizerId: "r1" }, true, "another authorizer than tok"],
    ["no API key", { ...same, apiKeyRequired: false }, true, "apiKeyRequired false"],
    ["scopes", { ...same, authorizationScopes: ["x"] }, true, "scopes x"],
    ["no validator", { ...same, requestValidatorId: undefined }, true, "another request validator"],
    ["parameters", { ...same, requestParameters: {} }, true, "other required parameters"],
    ["parameters not compared", { ...same, requestParameters: {} }, false, undefined],
  ])("%s", (_name, current, params, was) => {
    expect(accessDifference(current as RemoteMethod, want, IDS, params)).toBe(was);
  });
  it("an authorizer that does not exist yet differs", () => {
    expect(accessDifference(same, want, { ...IDS, authorizers: {} }, true)).toBe("another authorizer than tok");
  });
});

describe("planAuthorizers", () => {
  const uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:gate/invocations";
  const ctx = (over: Partial<AuthorizerContext> = {}): AuthorizerContext => ({
    apiId: "api1",
    region: "us-east-1",
    prune: false,
    remote: [],
    fn: () => ({ uri, partition: "aws", account: "123456789012", pending: {} }),
    hasStatement: () => false,
    ...over,
  });
  it("creates each authorizer, functions' with a permission for its id", () => {
    const { before, after } = planAuthorizers(AUTHORIZERS, ctx());
    expect(before.map((s) => s.action)).toEqual(["create-authorizer", "create-authorizer", "create-authorizer"]);
    expect(before[0]).toMatchObject({ fields: { type: "TOKEN", authorizerUri: uri, identityValidationExpression: "^Bearer .+$", ttl: 60 }, permission: { functionName: "gate", sourceArnPrefix: "arn:aws:execute-api:us-east-1:123456789012:api1/authorizers/" } });
    expect(before[1]).toMatchObject({ fields: { type: "REQUEST", identitySource: "method.request.header.X-T,method.request.querystring.k", ttl: 0 } });
    expect(before[2]).not.toHaveProperty("permission");
    expect(after).toEqual([]);
  });
  it("converges: the same authorizers with their permissions give no steps", () => {
    const remote = AUTHORIZERS.map((a, i) => ({ id: `id${i}`, ...authorizerFields(a, () => uri) }));
    expect(planAuthorizers(AUTHORIZERS, ctx({ remote, hasStatement: () => true })).before).toEqual([]);
  });
  it("patches what differs and adds a missing permission", () => {
    const remote = [{ id: "t1", ...authorizerFields(AUTHORIZERS[0]!, () => uri), ttl: 300 }];
    const { before } = planAuthorizers([AUTHORIZERS[0]!], ctx({ remote }));
    expect(before).toEqual([
      expect.objectContaining({ action: "update-authorizer", id: "t1", patch: [{ op: "replace", path: "/authorizerResultTtlInSeconds", value: "60" }] }),
      expect.objectContaining({ action: "add-authorizer-permission", id: "t1" }),
    ]);
  });
  it("keeps an authorizer lgw.json dropped without --prune, deletes it (and its permission) with it", () => {
    const remote = [{ id: "o1", name: "old", type: "TOKEN", authorizerUri: uri }];
    expect(planAuthorizers([], ctx({ remote })).notes).toEqual(["authorizer old is not in lgw.json (kept; --prune removes it)"]);
    expect(planAuthorizers([], ctx({ remote, prune: true })).after).toEqual([
      { action: "delete-authorizer", name: "old", id: "o1", removePermission: { functionName: "gate", statementId: expect.stringMatching(/^lgw-api1-AUTHORIZER-old-/) } },
    ]);
  });
});

describe("planSync with access control", () => {
  const remote = { authorizers: [], gatewayResponses: [], models: [], validators: [] };
  const base = (over: Partial<SyncInput>): SyncInput => ({
    apiId: "api1",
    region: "us-east-1",
    routes: [{ ...route({ authorizer: "tok" }) }],
    resources: [{ id: "root", path: "/", methods: {} }],
    binaryMediaTypes: { current: [], desired: [] },
    functionArns: { fn: "arn:aws:lambda:us-east-1:123456789012:function:fn" },
    permissions: {},
    prune: false,
    access: { authorizers: [AUTHORIZERS[0]!], remote },
    ...over,
  });
  it("makes the authorizer before the method naming it", () => {
    const plan = planSync(base({ undeployed: [], functionArns: { fn: "arn:aws:lambda:us-east-1:123456789012:function:fn", gate: "arn:aws:lambda:us-east-1:123456789012:function:gate" } }));
    const actions = plan.steps.map((s) => s.action);
    expect(actions.indexOf("create-authorizer")).toBeLessThan(actions.indexOf("put-method"));
    expect(plan.steps.find((s) => s.action === "put-method")).toMatchObject({ access: { authorizationType: "CUSTOM", authorizer: "tok" } });
    expect(plan.undeployed).toEqual([]);
  });
  it("an authorizer function not deployed yet is named, and its steps need it deployed", () => {
    const plan = planSync(base({ undeployed: ["gate"] }));
    expect(plan.undeployed).toEqual(["gate"]);
    expect(plan.steps.find((s) => s.action === "create-authorizer")).toMatchObject({ needsDeploy: true, fields: { authorizerUri: expect.stringContaining("function:gate/invocations") } });
  });
});
