import { describe, expect, it } from "vitest";
import { parseRouteTable } from "../routes/table.js";
import { executeApiSourceArn, integrationUri, statementId } from "./arns.js";
import { corsIntegrationResponseParameters, corsSpec } from "./cors.js";
import { planSync, type SyncInput } from "./plan.js";
import { renderPlan } from "./render.js";
import type { PolicyStatement, RemoteMethod, RemoteResource } from "../aws/rest-types.js";
import { parseResourcePath } from "../routes/table.js";

const API = "api123";
const REGION = "us-east-1";
const ARNS = {
  users: "arn:aws:lambda:us-east-1:123456789012:function:users",
  orders: "arn:aws:lambda:us-east-1:123456789012:function:orders",
};
const TABLE = { "GET /users": "users", "GET /users/{id}": "users", "POST /orders": "orders", "ANY /{proxy+}": "users" };

const proxy = (fn: keyof typeof ARNS, method: string): RemoteMethod => ({
  httpMethod: method,
  authorizationType: "NONE",
  integration: { type: "AWS_PROXY", httpMethod: "POST", uri: integrationUri(REGION, ARNS[fn]) },
});
const cors = (): RemoteMethod => ({
  httpMethod: "OPTIONS",
  integration: { type: "MOCK", responseParameters: { "200": corsIntegrationResponseParameters(corsSpec({}, ["GET"])) } },
});

let ids = 0;
const res = (path: string, methods: Record<string, RemoteMethod> = {}): RemoteResource => ({ id: `r${ids++}`, path, methods });

function permission(method: string, path: string, fn: keyof typeof ARNS = "users"): PolicyStatement {
  return {
    sid: statementId(API, method, path),
    principal: "apigateway.amazonaws.com",
    action: "lambda:InvokeFunction",
    sourceArn: executeApiSourceArn({ region: REGION, account: "123456789012", apiId: API, method, parts: parseResourcePath(path) }),
  };
}

/** The API exactly as TABLE wants it. */
function converged(): { resources: RemoteResource[]; permissions: Record<string, PolicyStatement[]> } {
  return {
    resources: [
      res("/"),
      res("/users", { GET: proxy("users", "GET") }),
      res("/users/{id}", { GET: proxy("users", "GET") }),
      res("/orders", { POST: proxy("orders", "POST") }),
      res("/{proxy+}", { ANY: proxy("users", "ANY") }),
    ],
    permissions: {
      users: [permission("GET", "/users"), permission("GET", "/users/{id}"), permission("ANY", "/{proxy+}")],
      orders: [permission("POST", "/orders", "orders")],
    },
  };
}

function input(over: Partial<SyncInput> & { table?: Record<string, string> } = {}): SyncInput {
  const base = converged();
  return {
    apiId: API,
    region: REGION,
    routes: parseRouteTable(over.table ?? TABLE, ["users", "orders"]),
    resources: base.resources,
    binaryMediaTypes: { current: [], desired: [] },
    functionArns: ARNS,
    permissions: base.permissions,
    prune: false,
    ...over,
  };
}

const summary = (i: SyncInput) => planSync(i).steps.map((s) => ("method" in s ? `${s.action} ${s.method} ${s.path}` : "path" in s ? `${s.action} ${s.path}` : s.action));

describe("planSync", () => {
  it.each<[string, Partial<SyncInput> & { table?: Record<string, string> }, string[]]>([
    [
      "creates everything from an empty API, parents first",
      { resources: [res("/")], permissions: { users: [], orders: [] } },
      [
        "create-resource /orders",
        "create-resource /users",
        "create-resource /{proxy+}",
        "create-resource /users/{id}",
        "put-method GET /users",
        "put-method GET /users/{id}",
        "put-method POST /orders",
        "put-method ANY /{proxy+}",
      ],
    ],
    ["converges: nothing to do", {}, []],
    ["converges with --prune too", { prune: true }, []],
    [
      "fixes an integration that points at another function",
      {
        resources: converged().resources.map((r) => (r.path === "/orders" ? { ...r, methods: { POST: proxy("users", "POST") } } : r)),
      },
      ["fix-integration POST /orders"],
    ],
    [
      "fixes a method without an integration or with a MOCK one",
      {
        resources: converged().resources.map((r) =>
          r.path === "/users" ? { ...r, methods: { GET: { httpMethod: "GET" } } } : r.path === "/orders" ? { ...r, methods: { POST: { httpMethod: "POST", integration: { type: "MOCK" } } } } : r,
        ),
      },
      ["fix-integration GET /users", "fix-integration POST /orders"],
    ],
    [
      "re-adds a missing permission",
      { permissions: { ...converged().permissions, orders: [] } },
      ["add-permission POST /orders"],
    ],
    [
      "re-adds a permission whose SourceArn was edited",
      { permissions: { ...converged().permissions, orders: [{ ...permission("POST", "/orders", "orders"), sourceArn: "arn:aws:execute-api:us-east-1:123456789012:other/*/POST/orders" }] } },
      ["add-permission POST /orders"],
    ],
    [
      "leaves extra methods and resources alone without --prune",
      { resources: [...converged().resources, res("/old", { GET: proxy("users", "GET") })] },
      [],
    ],
    [
      "prunes extra methods and resources, deepest first, never the root",
      {
        prune: true,
        resources: [
          ...converged().resources.map((r) =>
            r.path === "/users" ? { ...r, methods: { ...r.methods, DELETE: proxy("users", "DELETE") } } : r.path === "/" ? { ...r, methods: { GET: proxy("users", "GET") } } : r,
          ),
          res("/old", { GET: proxy("users", "GET") }),
          res("/old/deeper"),
        ],
      },
      ["delete-method GET /old", "delete-method DELETE /users", "delete-method GET /", "delete-resource /old/deeper", "delete-resource /old"],
    ],
    [
      "keeps CORS preflights (OPTIONS with MOCK) and the resources holding them",
      { prune: true, resources: [...converged().resources, res("/public"), res("/public/cors", { OPTIONS: cors() })] },
      [],
    ],
    [
      "replaces a variable resource the table renames (with --prune)",
      {
        prune: true,
        table: { "GET /users/{userId}": "users" },
        permissions: { users: [], orders: [] },
      },
      [
        "delete-method GET /users/{id}",
        "delete-method POST /orders",
        "delete-method GET /users",
        "delete-method ANY /{proxy+}",
        "delete-resource /users/{id}",
        "delete-resource /orders",
        "delete-resource /{proxy+}",
        "create-resource /users/{userId}",
        "put-method GET /users/{userId}",
      ],
    ],
  ])("%s", (_what, over, expected) => {
    expect(summary(input(over))).toEqual(expected);
  });

  it("refuses to create a second variable part without --prune, saying what to do", () => {
    expect(() => planSync(input({ table: { "GET /users/{userId}": "users" } }))).toThrow(/\/users\/\{id\} already exists where \/users\/\{userId\} is wanted/);
  });

  it("carries the integration URI and the exact permission in each step", () => {
    const plan = planSync(input({ resources: [res("/")], permissions: { users: [], orders: [] }, table: { "ANY /users/{id}": "users" } }));
    expect(plan.steps.at(-1)).toEqual({
      action: "put-method",
      method: "ANY",
      path: "/users/{id}",
      functionName: "users",
      uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${ARNS.users}/invocations`,
      permission: {
        functionName: "users",
        statementId: statementId(API, "ANY", "/users/{id}"),
        sourceArn: "arn:aws:execute-api:us-east-1:123456789012:api123/*/*/users/*",
      },
    });
  });

  it("names the old function when fixing, and removes its permission", () => {
    const plan = planSync(input({ resources: converged().resources.map((r) => (r.path === "/orders" ? { ...r, methods: { POST: proxy("users", "POST") } } : r)) }));
    expect(plan.steps[0]).toMatchObject({ action: "fix-integration", was: "function users", removePermission: { functionName: "users", statementId: statementId(API, "POST", "/orders") } });
  });

  it("removes this route's statement from another function that still holds it", () => {
    const stale = permission("POST", "/orders", "users");
    const plan = planSync(input({ permissions: { ...converged().permissions, users: [...converged().permissions.users!, stale] } }));
    expect(plan.steps).toEqual([{ action: "remove-permission", method: "POST", path: "/orders", functionName: "users", statementId: stale.sid }]);
    expect(plan.unchanged).not.toContain("POST /orders");
    expect(renderPlan(plan)).toContain("- permission for POST /orders on users");
  });

  it("plans routes to an undeployed function with its predicted ARN, marking their steps", () => {
    const plan = planSync(
      input({
        routes: parseRouteTable({ ...TABLE, "GET /new": "fresh" }, ["users", "orders", "fresh"]),
        undeployed: ["fresh"],
      }),
    );
    expect(plan.undeployed).toEqual(["fresh"]);
    expect(plan.steps).toEqual([
      { action: "create-resource", path: "/new", parentPath: "/", pathPart: "new" },
      {
        action: "put-method",
        method: "GET",
        path: "/new",
        functionName: "fresh",
        uri: integrationUri(REGION, "arn:aws:lambda:us-east-1:123456789012:function:fresh"),
        permission: { functionName: "fresh", statementId: statementId(API, "GET", "/new"), sourceArn: "arn:aws:execute-api:us-east-1:123456789012:api123/*/GET/new" },
        needsDeploy: true,
      },
    ]);
    expect(renderPlan(plan)).toContain("+ GET /new -> fresh (needs function fresh deployed first)");
    expect(planSync(input()).undeployed).toEqual([]);
  });

  it("removes the permission of a pruned proxy method", () => {
    const plan = planSync(input({ prune: true, resources: [...converged().resources, res("/old", { PUT: proxy("orders", "PUT") })] }));
    expect(plan.steps[0]).toEqual({ action: "delete-method", method: "PUT", path: "/old", removePermission: { functionName: "orders", statementId: statementId(API, "PUT", "/old") } });
  });

  it.each([
    ["adds missing types", { current: ["image/png"], desired: ["image/png", "*/*"] }, false, { add: ["*/*"], remove: [] }],
    ["keeps extra types without --prune", { current: ["image/png", "text/csv"], desired: ["image/png"] }, false, undefined],
    ["removes extra types with --prune", { current: ["image/png", "text/csv"], desired: ["image/png"] }, true, { add: [], remove: ["text/csv"] }],
    ["does nothing when they match", { current: ["a/b"], desired: ["a/b"] }, true, undefined],
  ])("binary media types: %s", (_what, binaryMediaTypes, prune, expected) => {
    const steps = planSync(input({ binaryMediaTypes, prune })).steps;
    if (expected) expect(steps).toEqual([{ action: "set-binary-media-types", ...expected }]);
    else expect(steps).toEqual([]);
  });

  it("notes binary media types it keeps without --prune, and not with it", () => {
    const binaryMediaTypes = { current: ["image/png", "image/gif", "text/csv"], desired: ["image/png"] };
    const plan = planSync(input({ binaryMediaTypes }));
    expect(plan.steps).toEqual([]);
    expect(plan.notes).toEqual(["api has binaryMediaTypes not in lgw.json: image/gif, text/csv (kept; --prune removes them)"]);
    expect(renderPlan(plan)).toBe(
      ["REST API api123: no changes (4 routes up to date)", "  note: api has binaryMediaTypes not in lgw.json: image/gif, text/csv (kept; --prune removes them)"].join("\n"),
    );
    expect(planSync(input({ binaryMediaTypes, prune: true })).notes).toEqual([]);
    expect(planSync(input()).notes).toEqual([]);
  });

  it("renders no changes, and one line per step", () => {
    expect(renderPlan(planSync(input()))).toBe("REST API api123: no changes (4 routes up to date)");
    const text = renderPlan(planSync(input({ resources: [res("/")], permissions: { users: [], orders: [] }, table: { "GET /users": "users" }, binaryMediaTypes: { current: [], desired: ["image/png"] } })));
    expect(text).toBe(["REST API api123: 3 changes", "  + resource /users", "  + GET /users -> users", "  ~ binaryMediaTypes +image/png"].join("\n"));
  });
});

describe("planSync: duplicates (two syncs at once against moto)", () => {
  // the converged API, plus a second /users (and its {id}) under the root, as a racing run left it
  const tree = (): RemoteResource[] => {
    const root: RemoteResource = { id: "a0", path: "/", methods: {} };
    const users: RemoteResource = { id: "a1", parentId: "a0", path: "/users", methods: { GET: proxy("users", "GET") } };
    const user: RemoteResource = { id: "a2", parentId: "a1", path: "/users/{id}", methods: { GET: proxy("users", "GET") } };
    const users2: RemoteResource = { id: "b1", parentId: "a0", path: "/users", methods: { GET: proxy("users", "GET") } };
    const user2: RemoteResource = { id: "b2", parentId: "b1", path: "/users/{id}", methods: {} };
    const orders: RemoteResource = { id: "a3", parentId: "a0", path: "/orders", methods: { POST: proxy("orders", "POST") } };
    const greedy: RemoteResource = { id: "a4", parentId: "a0", path: "/{proxy+}", methods: { ANY: proxy("users", "ANY") } };
    return [root, users2, user2, users, user, orders, greedy];
  };
  const doubled = () => {
    const { permissions } = converged();
    return { ...permissions, users: [...permissions.users!, permission("GET", "/users"), permission("GET", "/users")] };
  };

  it("without --prune: no steps, but notes naming the duplicates and the kept copy", () => {
    const plan = planSync(input({ resources: tree(), permissions: doubled() }));
    expect(plan.steps).toEqual([]);
    expect(plan.unchanged).toHaveLength(4);
    expect(plan.notes).toEqual([
      "the API has 2 duplicate resources at /users (kept: a1), /users/{id} (kept: a2) (another run at the same time? `lgw api sync --prune` deletes them)",
      "function users's policy holds 2 duplicate statements (1 id more than once; `lgw api sync --prune` removes them)",
    ]);
  });

  it("with --prune: deletes the weaker copy deepest first, removes every copy of the id and adds it back once", () => {
    const plan = planSync(input({ resources: tree(), permissions: doubled(), prune: true }));
    const sid = statementId(API, "GET", "/users");
    expect(plan.steps).toEqual([
      { action: "delete-duplicate-resource", path: "/users/{id}", id: "b2" },
      { action: "delete-duplicate-resource", path: "/users", id: "b1" },
      { action: "remove-duplicate-permission", functionName: "users", statementId: sid, count: 3 },
      { action: "add-permission", method: "GET", path: "/users", permission: { functionName: "users", statementId: sid, sourceArn: permission("GET", "/users").sourceArn } },
    ]);
    expect(plan.notes).toEqual([]);
  });

  it("a path only the dropped copy has is made again under the kept one", () => {
    const resources = tree().filter((r) => r.id !== "a2");
    const plan = planSync(input({ resources, prune: true }));
    expect(plan.steps.map((s) => `${s.action} ${"path" in s ? s.path : ""}`)).toEqual([
      "delete-duplicate-resource /users/{id}",
      "delete-duplicate-resource /users",
      "create-resource /users/{id}",
      "put-method /users/{id}",
    ]);
  });
});
