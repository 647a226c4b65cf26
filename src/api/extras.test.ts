import { describe, expect, it } from "vitest";
import { gatewayResponseSpec, planExtras, type ExtrasInput } from "./extras.js";

const none: ExtrasInput["remote"] = { gatewayResponses: [], models: [], validators: [] };
const input = (over: Partial<ExtrasInput>): ExtrasInput => ({ prune: false, gatewayResponses: {}, models: {}, validators: [], remote: none, ...over });

describe("gatewayResponseSpec", () => {
  it.each([
    ["quotes a bare header value", { headers: { A: "x" } }, { "gatewayresponse.header.A": "'x'" }],
    ["keeps a quoted one", { headers: { A: "'*'" } }, { "gatewayresponse.header.A": "'*'" }],
  ])("%s", (_n, o, params) => {
    expect(gatewayResponseSpec("DEFAULT_4XX", o).parameters).toEqual(params);
  });
  it("the body is the application/json template, the status a string", () => {
    expect(gatewayResponseSpec("UNAUTHORIZED", { statusCode: 401, body: "{}" })).toEqual({ type: "UNAUTHORIZED", statusCode: "401", parameters: {}, templates: { "application/json": "{}" } });
  });
});

describe("planExtras", () => {
  const deployed = { type: "UNAUTHORIZED", defaultResponse: false, statusCode: "401", responseParameters: {}, responseTemplates: { "application/json": "{}" } };
  it.each([
    ["a default response is put", [{ ...deployed, defaultResponse: true }], { statusCode: 401, body: "{}" }, ["put-gateway-response"]],
    ["the same one is not", [deployed], { statusCode: 401, body: "{}" }, []],
    ["an unset status is not compared", [deployed], { body: "{}" }, []],
    ["another status is put", [deployed], { statusCode: 403, body: "{}" }, ["put-gateway-response"]],
    ["another body is put", [deployed], { statusCode: 401, body: "[]" }, ["put-gateway-response"]],
  ])("%s", (_n, remote, o, actions) => {
    const plan = planExtras(input({ gatewayResponses: { UNAUTHORIZED: o }, remote: { ...none, gatewayResponses: remote } }));
    expect(plan.before.map((s) => s.action)).toEqual(actions);
  });
  it("a customised response lgw.json dropped: a note, a delete with --prune; defaults never", () => {
    const remote = { ...none, gatewayResponses: [deployed, { ...deployed, type: "DEFAULT_5XX", defaultResponse: true }] };
    expect(planExtras(input({ remote })).notes).toEqual(["gateway response UNAUTHORIZED is customised but not in lgw.json (kept; --prune resets it)"]);
    expect(planExtras(input({ remote, prune: true })).after).toEqual([{ action: "delete-gateway-response", type: "UNAUTHORIZED" }]);
  });
  it("models: created, replaced when the schema differs as JSON, pruned except Empty and Error", () => {
    const remote = { ...none, models: [{ name: "A", schema: '{ "type" : "object" }' }, { name: "B", schema: "{}" }, { name: "Empty" }, { name: "Old" }] };
    const plan = planExtras(input({ prune: true, models: { A: { type: "object" }, B: { type: "string" }, C: {} }, remote }));
    expect(plan.before).toEqual([
      { action: "create-model", name: "B", schema: '{"type":"string"}', replace: true },
      { action: "create-model", name: "C", schema: "{}" },
    ]);
    expect(plan.after).toEqual([{ action: "delete-model", name: "Old" }]);
  });
  it("validators: one per kind the routes use, fixed flags, unused pruned", () => {
    const remote = { ...none, validators: [{ id: "1", name: "lgw-all", body: true, params: false }, { id: "2", name: "lgw-params", body: false, params: true }] };
    const plan = planExtras(input({ prune: true, validators: ["body", "all", "body"], remote }));
    expect(plan.before).toEqual([
      { action: "update-validator", name: "lgw-all", id: "1", body: true, params: true },
      { action: "create-validator", name: "lgw-body", body: true, params: false },
    ]);
    expect(plan.after).toEqual([{ action: "delete-validator", name: "lgw-params", id: "2" }]);
    expect(plan.validatorIds).toEqual({ "lgw-all": "1", "lgw-params": "2" });
  });
});
