import { describe, expect, it } from "vitest";
import { evaluatePolicy } from "./policy.js";

const ARN = "arn:aws:execute-api:us-east-1:123456789012:api1/$default/GET/users/7";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

describe("evaluatePolicy", () => {
  it.each([
    ["an exact Allow", doc({ Effect: "Allow", Action: "execute-api:Invoke", Resource: ARN }), "allow"],
    ["a wildcard Allow", doc({ Effect: "Allow", Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:us-east-1:123456789012:api1/*" }), "allow"],
    ["? matches one character", doc({ Effect: "Allow", Action: "execute-api:Invoke", Resource: [ARN.slice(0, -1) + "?"] }), "allow"],
    ["Allow of another route", doc({ Effect: "Allow", Action: "execute-api:Invoke", Resource: ARN.replace("GET", "POST") }), "noAllow"],
    ["Deny beats Allow", doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "execute-api:Invoke", Resource: ARN }), "deny"],
    ["another action", doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }), "noAllow"],
    ["a single statement object", { Version: "2012-10-17", Statement: { Effect: "Allow", Action: ["execute-api:*"], Resource: "*" } }, "allow"],
    ["no statements", doc(), "noAllow"],
    ["not a policy", "nope", "noAllow"],
    ["a dot in the pattern is literal", doc({ Effect: "Allow", Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:us-east-1:123456789012:api1/$default/GET/users.7" }), "noAllow"],
  ])("%s", (_name, policy, want) => expect(evaluatePolicy(policy, ARN)).toBe(want));
});
