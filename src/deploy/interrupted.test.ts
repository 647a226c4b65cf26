import { describe, expect, it } from "vitest";
import type { DeployResult } from "./apply.js";
import { describeInterrupted, type AfterInterrupt } from "./interrupted.js";
import type { DeployPlan, RemoteFunction } from "./plan.js";

const plan = (action: DeployPlan["action"], updateConfiguration: DeployPlan["updateConfiguration"] = null): DeployPlan =>
  ({ function: "f", action, codeSha256: "NEW", updateConfiguration }) as DeployPlan;
const remote = (codeSha256: string) => ({ remote: { codeSha256 } as RemoteFunction });

describe("describeInterrupted", () => {
  it.each<[string, DeployPlan, AfterInterrupt, string]>([
    ["finished", plan("create"), { done: { action: "create" } as DeployResult }, "f: created (finished before the interrupt)"],
    ["create cut off after Lambda made it", plan("create"), remote("NEW"), "f: exists (created with this build's code; configuration and waits not confirmed)"],
    ["create not made", plan("create"), { remote: "missing" }, "f: does not exist (not created)"],
    ["update that landed", plan("update-code"), remote("NEW"), "f: has this build's code (updated)"],
    ["update that did not", plan("update-code"), remote("OLD"), "f: still has its previous code"],
    ["configuration only", plan("unchanged", { memory: 256 }), remote("NEW"), "f: code unchanged; configuration update not confirmed"],
    ["unreadable", plan("create"), { unknown: "no answer" }, "f: state unknown (no answer)"],
  ])("%s", (_what, p, after, line) => {
    expect(describeInterrupted([p], [after])).toEqual([line]);
  });
});
