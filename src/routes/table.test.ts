import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { defaultRoutes, formatResourcePath, parseResourcePath, parseRouteKey, parseRouteTable } from "./table.js";
import { matchRoute } from "./match.js";

describe("parseResourcePath", () => {
  it.each([
    ["/", []],
    ["/users", [{ kind: "literal", value: "users" }]],
    ["/users/{id}", [{ kind: "literal", value: "users" }, { kind: "param", name: "id" }]],
    ["/{proxy+}", [{ kind: "greedy", name: "proxy" }]],
    ["/a/{b_1}/{rest+}", [{ kind: "literal", value: "a" }, { kind: "param", name: "b_1" }, { kind: "greedy", name: "rest" }]],
    ["/v1.0/events:batch/my_file-2", [
      { kind: "literal", value: "v1.0" },
      { kind: "literal", value: "events:batch" },
      { kind: "literal", value: "my_file-2" },
    ]],
  ])("%s parses and formats back", (path, parts) => {
    expect(parseResourcePath(path)).toEqual(parts);
    expect(formatResourcePath(parseResourcePath(path))).toBe(path);
  });

  it.each([
    ["/~me", /may only hold letters, digits and \._-:/],
    ["/a@b", /may only hold letters, digits and \._-:/],
    ["/a+b", /may only hold letters, digits and \._-:/],
    ["/{a b}", /not a valid path variable/],
    ["users", /must start with "\/"/],
    ["", /must start with "\/"/],
    ["/users/", /must not end with "\/"/],
    ["/a//b", /empty part/],
    ["/{proxy+}/x", /must be the last part/],
    ["/{}", /not a valid path variable/],
    ["/{a-b}", /not a valid path variable/],
    ["/{+}", /not a valid path variable/],
    ["/user{id}", /may only hold/],
    ["/a b", /may only hold/],
    ["/a%20b", /may only hold/],
    ["/a?b", /may only hold/],
    ["/{id}/{id}", /appears twice/],
    ["/{id}/{id+}", /appears twice/],
  ])("rejects %j", (path, why) => {
    expect(() => parseResourcePath(path)).toThrow(UsageError);
    expect(() => parseResourcePath(path)).toThrow(why);
  });
});

describe("parseRouteKey", () => {
  it("normalises the method to upper case", () => {
    expect(parseRouteKey("get /x")).toEqual({ method: "GET", path: "/x", parts: [{ kind: "literal", value: "x" }] });
    expect(parseRouteKey("  Any   /{proxy+} ").method).toBe("ANY");
  });

  it.each([
    ["FETCH /x", /unknown method "FETCH" \(use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY\)/],
    ["/x", /expected "METHOD \/path"/],
    ["GET", /expected "METHOD \/path"/],
    ["GET /x /y", /expected "METHOD \/path"/],
    ["GET x", /invalid route "GET x": it must start with "\/"/],
  ])("rejects %j", (key, why) => {
    expect(() => parseRouteKey(key)).toThrow(UsageError);
    expect(() => parseRouteKey(key)).toThrow(why);
  });
});

describe("parseRouteTable", () => {
  it("builds routes with normalised keys", () => {
    const routes = parseRouteTable({ "get /hello": "hello", "POST /users": "users" }, ["hello", "users"]);
    expect(routes.map((r) => [r.key, r.functionName])).toEqual([
      ["GET /hello", "hello"],
      ["POST /users", "users"],
    ]);
  });

  it("rejects a function lgw.json does not define", () => {
    expect(() => parseRouteTable({ "GET /x": "nope" }, ["hello"])).toThrow(/names function "nope", which lgw.json does not define \(functions: hello\)/);
  });

  it("rejects the same method and path twice", () => {
    expect(() => parseRouteTable({ "GET /x": "a", "get /x": "a" })).toThrow(/are the same route \(GET \/x\)/);
  });

  it("rejects two different variables under one resource, as API Gateway does", () => {
    expect(() => parseRouteTable({ "GET /u/{id}": "a", "DELETE /u/{name}": "a" })).toThrow(/two variables \(\{id\} and \{name\}\) under \/u/);
    expect(() => parseRouteTable({ "GET /{id}": "a", "ANY /{proxy+}": "a" })).toThrow(/under \/;/);
    expect(() => parseRouteTable({ "GET /u/{id}": "a", "DELETE /u/{id}/x": "a", "PUT /u/{id}": "a" })).not.toThrow();
  });

  it("defaultRoutes sends everything to one function", () => {
    expect(defaultRoutes("fn").map((r) => r.key)).toEqual(["ANY /", "ANY /{proxy+}"]);
  });
});

describe("matchRoute", () => {
  const table = parseRouteTable({
    "GET /": "root",
    "GET /users": "listUsers",
    "POST /users": "createUser",
    "GET /users/me": "me",
    "GET /users/{id}": "getUser",
    "ANY /users/{id}": "anyUser",
    "GET /users/{id}/posts": "posts",
    "GET /files/{path+}": "files",
    "ANY /{proxy+}": "fallback",
    "GET /a/b/c": "abc",
    "HEAD /head": "head",
  });

  it.each<[string, string, string | undefined, Record<string, string> | null]>([
    ["GET", "/", "root", null],
    ["POST", "/", undefined, null], // "/" is not matched by /{proxy+}
    ["GET", "/users", "listUsers", null],
    ["GET", "/users/", "listUsers", null], // trailing slash ignored
    ["POST", "/users", "createUser", null],
    ["DELETE", "/users", "fallback", { proxy: "users" }], // no method on /users: greedy sibling
    ["GET", "/users/me", "me", null], // literal beats {id}
    ["GET", "/users/42", "getUser", { id: "42" }], // explicit method beats ANY
    ["DELETE", "/users/42", "anyUser", { id: "42" }], // ANY where no explicit method
    ["HEAD", "/users/42", "anyUser", { id: "42" }], // HEAD is not GET
    ["POST", "/users/me", "anyUser", { id: "me" }], // literal dead-ends for POST: back to {id}
    ["GET", "/users/42/posts", "posts", { id: "42" }],
    ["GET", "/users/me/posts", "posts", { id: "me" }], // /users/me has no child: backtrack into {id}
    ["GET", "/users/42/likes", "fallback", { proxy: "users/42/likes" }], // {id} dead-ends: greedy at the root
    ["GET", "/users/a%20b", "getUser", { id: "a%20b" }], // REST: as sent, still encoded
    ["GET", "/users/a%2Fb", "getUser", { id: "a%2Fb" }], // %2F stays %2F, one segment
    ["GET", "/users/%E2%9C%93", "getUser", { id: "%E2%9C%93" }],
    ["GET", "/%75sers/me", "me", null], // literals compare decoded
    ["GET", "/users/%zz", "getUser", { id: "%zz" }], // malformed escape kept
    ["GET", "/files/a/b/c.txt", "files", { path: "a/b/c.txt" }],
    ["GET", "/files/x", "files", { path: "x" }],
    ["GET", "/files/dir/", "files", { path: "dir" }], // REST: the trailing slash is not in proxy
    ["GET", "/files/a/b/", "files", { path: "a/b" }],
    ["GET", "/files/a%20b/c", "files", { path: "a%20b/c" }],
    ["GET", "/files", "fallback", { proxy: "files" }], // greedy needs at least one segment
    ["PUT", "/files/x", "fallback", { proxy: "files/x" }], // files has GET only: back to the root greedy
    ["GET", "/a/b", "fallback", { proxy: "a/b" }], // intermediate resource without methods
    ["GET", "/a/b/c", "abc", null],
    ["GET", "/a/b/c/d", "fallback", { proxy: "a/b/c/d" }],
    ["GET", "/head", "fallback", { proxy: "head" }], // HEAD only: GET falls through
    ["HEAD", "/head", "head", null],
    ["get", "/users", "listUsers", null], // method case-insensitive
    ["GET", "/Users", "fallback", { proxy: "Users" }], // paths are case-sensitive
  ])("%s %s -> %s", (method, path, fn, params) => {
    const m = matchRoute(table, method, path);
    expect(m?.route.functionName).toBe(fn);
    if (fn) expect(m?.pathParameters).toEqual(params);
  });

  it("answers undefined when nothing matches", () => {
    const small = parseRouteTable({ "GET /hello": "hello", "GET /users/{id}": "u" });
    expect(matchRoute(small, "GET", "/nope")).toBeUndefined();
    expect(matchRoute(small, "POST", "/hello")).toBeUndefined();
    expect(matchRoute(small, "GET", "/users")).toBeUndefined();
    expect(matchRoute(small, "GET", "/users//")).toBeUndefined(); // empty {id}
    expect(matchRoute(small, "GET", "/")).toBeUndefined();
  });

  it("default routes catch everything including the root", () => {
    const routes = defaultRoutes("fn");
    expect(matchRoute(routes, "PATCH", "/")).toMatchObject({ route: { key: "ANY /" }, pathParameters: null });
    expect(matchRoute(routes, "GET", "/x/y")).toMatchObject({ route: { key: "ANY /{proxy+}" }, pathParameters: { proxy: "x/y" } });
  });
});

describe("the HTTP API $default route", () => {
  const routes = parseRouteTable({ "GET /users/{id}": "users", $default: "web" });
  it("takes what no other route matches, without path parameters", () => {
    expect(matchRoute(routes, "GET", "/users/1")!.route.functionName).toBe("users");
    expect(matchRoute(routes, "POST", "/users/1")).toMatchObject({ route: { key: "$default", functionName: "web", defaultRoute: true }, pathParameters: null });
    expect(matchRoute(routes, "GET", "/")!.route.key).toBe("$default");
  });
  it("names a function of the project", () => {
    expect(() => parseRouteTable({ $default: "nope" }, ["web"])).toThrow('route "$default" names function "nope"');
  });
});

describe("matching with HTTP API rules (style http, decoded path)", () => {
  const table = parseRouteTable({ "GET /items": "items", "GET /users/{id}": "user", "GET /files/{proxy+}": "files" });
  const withDefault = parseRouteTable({ "GET /items": "items", $default: "web" });
  it.each<[string, string | undefined, Record<string, string> | null]>([
    ["/items", "items", null],
    ["/items/", undefined, null], // a trailing slash does not match GET /items
    ["/users/42", "user", { id: "42" }],
    ["/users/42/", undefined, null], // nor GET /users/{id}
    ["/users/a b", "user", { id: "a b" }], // the caller decoded the path
    ["/files/a/b/", "files", { proxy: "a/b/" }], // greedy takes it, slash included
    ["/files/", undefined, null], // greedy needs a segment
  ])("GET %s -> %s", (path, fn, params) => {
    const m = matchRoute(table, "GET", path, { style: "http" });
    expect(m?.route.functionName).toBe(fn);
    if (fn) expect(m?.pathParameters).toEqual(params);
  });
  it("$default catches a trailing slash", () => {
    expect(matchRoute(withDefault, "GET", "/items/", { style: "http" })?.route.key).toBe("$default");
  });
});
