// readHttpApi against a mocked API Gateway v2: what moto cannot show (it has no GetAuthorizers,
// and never pages).
import { beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import { ApiGatewayV2Client, GetApiCommand, GetAuthorizerCommand, GetAuthorizersCommand, GetIntegrationsCommand, GetRoutesCommand } from "@aws-sdk/client-apigatewayv2";
import { readHttpApi } from "./apigatewayv2.js";
import type { AwsClients } from "./clients.js";

// the SDK's notice about its own future Node support is noise here
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const mock = mockClient(ApiGatewayV2Client);
const aws = { apigwv2: new ApiGatewayV2Client({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } }), region: "us-east-1" } as unknown as AwsClients;
const JWT = { AuthorizerId: "a1", Name: "cognito", AuthorizerType: "JWT" as const, IdentitySource: ["$request.header.Authorization"], JwtConfiguration: { Issuer: "https://i", Audience: ["x"] } };

beforeEach(() => {
  mock.reset();
  mock.on(GetApiCommand).resolves({ ApiId: "h1", Name: "shop", ProtocolType: "HTTP", CorsConfiguration: { AllowOrigins: ["*"] } });
  mock.on(GetIntegrationsCommand).resolves({ Items: [] });
});

describe("readHttpApi", () => {
  it("reads every page, and authorizers no route uses (a sync that stopped half-way leaves those)", async () => {
    mock.on(GetRoutesCommand, { NextToken: undefined }).resolves({ Items: [{ RouteId: "r1", RouteKey: "GET /a" }], NextToken: "p2" });
    mock.on(GetRoutesCommand, { NextToken: "p2" }).resolves({ Items: [{ RouteId: "r2", RouteKey: "GET /b" }] });
    mock.on(GetAuthorizersCommand).resolves({ Items: [JWT] });
    const api = await readHttpApi(aws, "h1");
    expect(api.routes.map((r) => r.routeKey)).toEqual(["GET /a", "GET /b"]);
    expect(api.authorizers).toEqual([{ authorizerId: "a1", name: "cognito", authorizerType: "JWT", identitySource: ["$request.header.Authorization"], issuer: "https://i", audience: ["x"], authorizerUri: undefined, payloadFormatVersion: undefined, enableSimpleResponses: undefined, ttl: undefined }]);
    expect(api.cors).toEqual({ allowOrigins: ["*"] });
  });

  it("without GetAuthorizers (a 500 from the endpoint), reads the ones routes use", async () => {
    mock.on(GetRoutesCommand).resolves({ Items: [{ RouteId: "r1", RouteKey: "GET /a", AuthorizerId: "a1", AuthorizationType: "JWT" }] });
    mock.on(GetAuthorizersCommand).rejects(Object.assign(new Error("not implemented"), { name: "InternalServerError", $metadata: { httpStatusCode: 500 } }));
    mock.on(GetAuthorizerCommand, { AuthorizerId: "a1" }).resolves(JWT);
    expect((await readHttpApi(aws, "h1")).authorizers.map((a) => a.name)).toEqual(["cognito"]);
  });

  it("an AccessDenied on GetAuthorizers is an error, not a fallback", async () => {
    mock.on(GetRoutesCommand).resolves({ Items: [] });
    mock.on(GetAuthorizersCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } }));
    await expect(readHttpApi(aws, "h1")).rejects.toThrow(/GetAuthorizers/);
  });
});
