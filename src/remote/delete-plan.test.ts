import { describe, expect, it } from "vitest";
import { describeStep, grantsApi, planDelete, roleNameOf, type RemoteState } from "./delete-plan.js";

const empty: RemoteState = { functions: [], missing: [], stayingStatements: [], roles: [] };
const arn = (api: string) => `arn:aws:execute-api:us-east-1:123456789012:${api}/*/GET/users`;

describe("roleNameOf", () => {
  it.each([
    ["arn:aws:iam::123456789012:role/lgw-hello", "lgw-hello"],
    ["arn:aws:iam::123456789012:role/service-role/team/app", "app"],
    ["arn:aws-cn:iam::123456789012:role/x", "x"],
    ["arn:aws:iam::123456789012:user/bob", undefined],
    ["not an arn", undefined],
  ])("%s -> %s", (input, expected) => expect(roleNameOf(input)).toBe(expected));
});

describe("grantsApi", () => {
  it.each([
    [arn("abc123"), "abc123", true],
    ["arn:aws:execute-api:us-east-1:123456789012:abc123", "abc123", true],
    [arn("abc1234"), "abc123", false],
    [arn("xyz"), "abc123", false],
    ["arn:aws:s3:::abc123/x", "abc123", false],
    [undefined, "abc123", false],
  ])("%s names %s: %s", (sourceArn, id, expected) => expect(grantsApi(sourceArn, id)).toBe(expected));
});

describe("planDelete", () => {
  const cases: [string, RemoteState, string[], string[]][] = [
    ["nothing asked, nothing to do", empty, [], []],
    [
      "a function and its lgw role",
      { ...empty, functions: [{ name: "hello", role: "r" }], roles: [{ name: "lgw-hello", exists: true, createdByLgw: true, otherUsers: [] }] },
      ["delete function hello (and its invoke permissions)", "delete role lgw-hello (created by lgw)"],
      [],
    ],
    [
      "a role lgw did not create is kept",
      { ...empty, functions: [{ name: "hello" }], roles: [{ name: "team-role", exists: true, createdByLgw: false, otherUsers: [] }] },
      ["delete function hello (and its invoke permissions)"],
      ["role team-role: not created by lgw (no lgw:created-by tag)"],
    ],
    [
      "an lgw role another function still runs as is kept",
      { ...empty, functions: [{ name: "hello" }], roles: [{ name: "lgw-hello", exists: true, createdByLgw: true, otherUsers: ["users"] }] },
      ["delete function hello (and its invoke permissions)"],
      ["role lgw-hello: still used by users"],
    ],
    [
      "a role that is already gone is not mentioned",
      { ...empty, functions: [{ name: "hello" }], roles: [{ name: "lgw-hello", exists: false, createdByLgw: false, otherUsers: [] }] },
      ["delete function hello (and its invoke permissions)"],
      [],
    ],
    [
      "the API first, then only the statements that name it on functions that stay",
      {
        ...empty,
        api: { id: "abc123", kind: "rest", name: "shop", exists: true },
        stayingStatements: [
          { functionName: "users", statementId: "lgw-1", sourceArn: arn("abc123") },
          { functionName: "users", statementId: "other", sourceArn: arn("zzz999") },
          { functionName: "users", statementId: "no-arn" },
        ],
      },
      ["delete REST API abc123 (shop)", "remove invoke permission lgw-1 from users"],
      [],
    ],
    [
      "an HTTP API",
      { ...empty, api: { id: "h1", kind: "http", exists: true } },
      ["delete HTTP API h1"],
      [],
    ],
    [
      "an API that is gone and a function that was never deployed",
      { ...empty, api: { id: "gone1", exists: false }, missing: ["users"] },
      [],
      ["API gone1: not found (already deleted?)", "function users: not deployed"],
    ],
    [
      "everything: API, then functions, then roles",
      {
        functions: [{ name: "a" }, { name: "b" }],
        missing: [],
        api: { id: "abc123", kind: "http", exists: true },
        stayingStatements: [],
        roles: [{ name: "lgw-a", exists: true, createdByLgw: true, otherUsers: [] }],
      },
      ["delete HTTP API abc123", "delete function a (and its invoke permissions)", "delete function b (and its invoke permissions)", "delete role lgw-a (created by lgw)"],
      [],
    ],
  ];
  it.each(cases)("%s", (_name, state, steps, kept) => {
    const plan = planDelete(state);
    expect(plan.steps.map(describeStep)).toEqual(steps);
    expect(plan.kept).toEqual(kept);
  });
});
