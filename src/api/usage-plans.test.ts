import { describe, expect, it } from "vitest";
import { lgwMark, planUsage, type UsageInput } from "./usage-plans.js";

const mark = lgwMark("api1");
const input = (over: Partial<UsageInput>): UsageInput => ({
  apiId: "api1",
  prune: false,
  plans: [{ name: "basic", throttle: { rateLimit: 10, burstLimit: 20 }, keys: ["partner"] }],
  stages: ["dev"],
  givenValues: {},
  remote: { keys: [], plans: [] },
  ...over,
});
const key = { id: "k1", name: "partner", description: mark, enabled: true };
const plan = { id: "p1", name: "basic", description: mark, throttle: { rateLimit: 10, burstLimit: 20 }, apiStages: [{ apiId: "api1", stage: "dev" }], keyIds: ["k1"] };

describe("planUsage", () => {
  it("makes keys, plans bound to the stages, and the plans' keys; a given value is named, never held", () => {
    const { before } = planUsage(input({ givenValues: { partner: "LGW_API_KEY_PARTNER" } }));
    expect(before).toEqual([
      { action: "create-api-key", name: "partner", description: mark, valueFrom: "LGW_API_KEY_PARTNER" },
      { action: "create-usage-plan", name: "basic", description: mark, throttle: { rateLimit: 10, burstLimit: 20 }, stages: ["dev"] },
      { action: "add-usage-plan-key", plan: "basic", key: "partner" },
    ]);
  });
  it("converges: the same keys and plan give no steps", () => {
    const out = planUsage(input({ remote: { keys: [key], plans: [plan] } }));
    expect([...out.before, ...out.after, ...out.notes]).toEqual([]);
    expect(out).toMatchObject({ keyIds: { partner: "k1" }, planIds: { basic: "p1" } });
  });
  it.each([
    ["a changed throttle", { ...plan, throttle: { rateLimit: 5, burstLimit: 20 } }, input({}).plans, ["dev"], "throttle"],
    ["a throttle lgw.json dropped", plan, [{ name: "basic", keys: ["partner"] }], ["dev"], "throttle"],
    ["a new stage", plan, input({}).plans, ["dev", "prod"], "apiStages"],
  ])("%s patches the plan", (_n, remotePlan, plans, stages, was) => {
    const out = planUsage(input({ plans, stages, remote: { keys: [key], plans: [remotePlan] } }));
    expect(out.before).toEqual([expect.objectContaining({ action: "update-usage-plan", id: "p1", was })]);
  });
  it("leaves keys and plans another tool (or API) made alone, even with --prune", () => {
    const other = { ...key, id: "k9", name: "x", description: "someone else's" };
    const out = planUsage(input({ prune: true, plans: [], remote: { keys: [other], plans: [{ ...plan, id: "p9", description: lgwMark("api2") }] } }));
    expect([...out.before, ...out.after]).toEqual([]);
  });
  it("without a stage, says so", () => {
    expect(planUsage(input({ stages: [] })).notes).toEqual([expect.stringContaining("REST API api1 has no stage yet")]);
  });
  it("--prune unbinds and deletes a dropped plan, and deletes its keys", () => {
    const out = planUsage(input({ prune: true, plans: [], remote: { keys: [key], plans: [plan] } }));
    expect(out.after).toEqual([
      { action: "delete-usage-plan", name: "basic", id: "p1", unbind: [{ op: "remove", path: "/apiStages", value: "api1:dev" }] },
      { action: "delete-api-key", name: "partner", id: "k1" },
    ]);
  });
});
