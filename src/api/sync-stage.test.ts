import { describe, expect, it } from "vitest";
import { checkSyncStage, describeStageResult, type SyncStageResult } from "./sync-stage.js";

describe("sync --stage", () => {
  it.each<[unknown, boolean, string | undefined | RegExp]>([
    [undefined, false, undefined],
    ["prod", false, "prod"],
    ["dev_2", true, "dev_2"],
    ["$default", true, "$default"],
    ["$default", false, /invalid stage name "\$default"/],
    ["v1.0", false, /invalid stage name "v1.0"/],
    ["no good", true, /invalid stage name "no good"/],
  ])("%j (HTTP API: %s)", (stage, http, expected) => {
    if (expected instanceof RegExp) expect(() => checkSyncStage(stage, http)).toThrow(expected);
    else expect(checkSyncStage(stage, http)).toBe(expected);
  });

  const rest = { kind: "rest", apiId: "a1", stage: "prod", deploymentId: "d2", variables: {}, url: "https://a1/prod/" } as const;
  it.each<[SyncStageResult, string]>([
    [{ ...rest, change: "created" }, "✔ deployed REST API a1 to new stage prod (deployment d2)\nhttps://a1/prod/"],
    [{ ...rest, change: "redeployed", previousDeploymentId: "d1" }, "✔ redeployed REST API a1 to stage prod (deployment d2, replacing d1)\nhttps://a1/prod/"],
    [{ kind: "http", apiId: "h1", stage: "prod", autoDeploy: true, change: "unchanged", variables: {}, url: "https://h1/prod" }, "✔ stage prod of HTTP API h1 is already there (auto-deploy: it serves each change as it is made)\nhttps://h1/prod"],
    [{ kind: "http", apiId: "h1", stage: "prod", autoDeploy: true, change: "created", variables: {}, url: "https://h1/prod" }, "✔ stage prod of HTTP API h1 created (auto-deploy)\nhttps://h1/prod"],
  ])("describes %j", (result, text) => {
    expect(describeStageResult(result)).toBe(text);
  });
});
