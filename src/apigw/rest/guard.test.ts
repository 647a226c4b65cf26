// The order of a REST API's gateway checks (CONTRACTS.md section 6, AWS's key sources): API key
// (HEADER source) before the authorizer, the authorizer before validation, and with the
// AUTHORIZER key source the key checked after the authorizer supplied it.
import { describe, expect, it } from "vitest";
import { matchRoute } from "../../routes/match.js";
import { parseRouteTable } from "../../routes/table.js";
import type { EventOptions, HttpRequestInfo } from "../request.js";
import { createRestGuard } from "./guard.js";
import { UsageMeter } from "./usage.js";
import { compileModels } from "./validate.js";
import type { RestRouteAccess } from "./types.js";

const KEY = "partner-key-0123456789abcdefghij";
const opts: EventOptions = { stage: "dev", stageVariables: {}, binaryMediaTypes: [], requestId: "r-1", apiId: "api1", accountId: "123456789012" };
const table = parseRouteTable({ "POST /pets": "pets" });
const match = matchRoute(table, "POST", "/pets")!;
const allow = (usageIdentifierKey?: string) =>
  JSON.stringify({ principalId: "u", policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: "*" }] }, ...(usageIdentifierKey ? { usageIdentifierKey } : {}) });

async function guardFor(apiKeySource: "HEADER" | "AUTHORIZER", answer = allow()) {
  const calls: string[] = [];
  const access: RestRouteAccess = { authorizer: "tok", apiKeyRequired: true, requestValidator: "body", requestModels: { "application/json": "Pet" } };
  const guard = createRestGuard({
    authorizers: { tok: { name: "tok", type: "token", functionName: "auth", identitySource: "method.request.header.Authorization", ttl: 0 } },
    routeAccess: () => access,
    invoke: async (fn) => {
      calls.push(fn);
      return { kind: "result", payload: Buffer.from(answer) };
    },
    region: "us-east-1",
    cognito: {},
    meter: new UsageMeter([{ name: "partner", id: "k1", value: KEY }], [{ name: "basic", keys: ["partner"] }]),
    apiKeySource,
    validators: await compileModels({ Pet: { type: "object", required: ["name"] } }),
    gatewayResponses: {},
    warn: () => undefined,
  });
  return { guard, calls };
}

const request = (headers: [string, string][], body: string): HttpRequestInfo => ({
  method: "POST",
  path: "/pets",
  rawQuery: "",
  headers: [["Content-Type", "application/json"], ...headers],
  body: Buffer.from(body),
  sourceIp: "127.0.0.1",
  protocol: "HTTP/1.1",
  host: "127.0.0.1:3000",
  receivedAt: new Date(),
});

describe("the order of a REST API's checks", () => {
  it.each([
    ["no key: 403, the authorizer is not called", [["Authorization", "t"]], "{}", 403, 0],
    ["a key but no token: 401 from the precheck, not called", [["x-api-key", KEY]], "{}", 401, 0],
    ["key and token, a body failing the model: 400 after the authorizer ran", [["x-api-key", KEY], ["Authorization", "t"]], "{}", 400, 1],
    ["all good", [["x-api-key", KEY], ["Authorization", "t"]], '{"name":"Rex"}', 200, 1],
  ] as [string, [string, string][], string, number, number][])("HEADER key source, %s", async (_n, headers, body, status, calls) => {
    const { guard, calls: made } = await guardFor("HEADER");
    const r = await guard.authorize(request(headers, body), match, opts, "v1");
    expect(r.ok ? 200 : r.response.statusCode).toBe(status);
    expect(made).toHaveLength(calls);
  });

  it("AUTHORIZER key source: the authorizer runs first and its usageIdentifierKey is the key", async () => {
    const withKey = await guardFor("AUTHORIZER", allow(KEY));
    const ok = await withKey.guard.authorize(request([["Authorization", "t"]], '{"name":"Rex"}'), match, opts, "v1");
    expect(ok).toMatchObject({ ok: true, identity: { apiKey: KEY, apiKeyId: "k1" } });
    const without = await guardFor("AUTHORIZER", allow());
    const refused = await without.guard.authorize(request([["Authorization", "t"]], '{"name":"Rex"}'), match, opts, "v1");
    expect(refused.ok ? 200 : refused.response.statusCode).toBe(403);
    expect(without.calls).toEqual(["auth"]);
  });
});
