import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { runLgw } from "../../test/helpers/cli.js";
import { tempDir } from "../../test/helpers/files.js";
import { parseRouteTable } from "../routes/table.js";
import { buildSampleEvent, readBodyFile } from "./sample.js";

describe("buildSampleEvent", () => {
  it("builds a v1 event with a resource template and path parameters", () => {
    const e = buildSampleEvent("apigw-v1", { method: "get", path: "/users/42", resource: "/users/{id}", query: ["a=1", "a=2", "q=x y"] });
    expect(e).toMatchObject({
      resource: "/users/{id}",
      path: "/users/42",
      httpMethod: "GET",
      pathParameters: { id: "42" },
      queryStringParameters: { a: "2", q: "x y" },
      multiValueQueryStringParameters: { a: ["1", "2"], q: ["x y"] },
      body: null,
      requestContext: { stage: "dev", path: "/dev/users/42", resourcePath: "/users/{id}" },
    });
    expect(e.headers).toMatchObject({ Host: "127.0.0.1:3000" });
  });

  it("uses the path as a literal resource when no template is given", () => {
    expect(buildSampleEvent("apigw-v1", { path: "/hello?name=Ada" })).toMatchObject({
      resource: "/hello",
      pathParameters: null,
      queryStringParameters: { name: "Ada" },
    });
  });

  it("builds a v2 event with headers, cookies, body and the $default stage", () => {
    const e = buildSampleEvent("apigw-v2", {
      method: "POST",
      path: "/users",
      header: ["Content-Type: application/json", "Cookie=a=1; b=2", "X-Multi=1", "x-multi=2"],
      body: '{"name":"Ada"}',
    });
    expect(e).toMatchObject({
      version: "2.0",
      routeKey: "POST /users",
      rawPath: "/users",
      cookies: ["a=1", "b=2"],
      body: '{"name":"Ada"}',
      isBase64Encoded: false,
      requestContext: { stage: "$default", http: { method: "POST", path: "/users" } },
    });
    expect(e.headers).toMatchObject({ "content-type": "application/json", "x-multi": "1,2", "content-length": "14" });
  });

  it("reads --body-file as bytes and base64-encodes binary types", async () => {
    const dir = tempDir("lgw-sample-");
    const file = path.join(dir, "img.png");
    writeFileSync(file, Buffer.from([0x89, 0x50, 0, 0xff]));
    const flags = await readBodyFile({
      method: "PUT",
      path: "/img",
      bodyFile: file,
      header: ["Content-Type=image/png"],
      binaryMediaTypes: ["image/*"],
    });
    const e = buildSampleEvent("apigw-v1", flags);
    expect(e).toMatchObject({ body: Buffer.from([0x89, 0x50, 0, 0xff]).toString("base64"), isBase64Encoded: true });
  });

  it("without --resource, picks the route the project's table gives the request, as lgw serve does", () => {
    const routes = parseRouteTable({ "GET /users/{id}": "f", "ANY /{proxy+}": "f", "GET /hello": "f" });
    expect(buildSampleEvent("apigw-v1", { path: "/users/42", routes })).toMatchObject({
      resource: "/users/{id}",
      pathParameters: { id: "42" },
      requestContext: { resourcePath: "/users/{id}" },
    });
    expect(buildSampleEvent("apigw-v1", { method: "DELETE", path: "/users/42", routes })).toMatchObject({
      resource: "/{proxy+}",
      pathParameters: { proxy: "users/42" },
    });
    expect(buildSampleEvent("apigw-v2", { path: "/users/42", routes })).toMatchObject({ routeKey: "GET /users/{id}", pathParameters: { id: "42" } });
    // --resource still wins; a path the table does not route stays a literal resource
    expect(buildSampleEvent("apigw-v1", { path: "/users/42", resource: "/users/42", routes })).toMatchObject({ resource: "/users/42" });
    expect(buildSampleEvent("apigw-v1", { path: "/", routes })).toMatchObject({ resource: "/", pathParameters: null });
  });

  it.each<[string, string, Parameters<typeof buildSampleEvent>[1], RegExp]>([
    ["unknown type", "s3", {}, /unknown event type "s3"/],
    ["bad query", "apigw-v1", { query: ["novalue"] }, /--query "novalue" must look like key=value/],
    ["bad header", "apigw-v1", { header: ["=x"] }, /--header "=x" must look like key=value/],
    ["path mismatch", "apigw-v1", { path: "/posts/1", resource: "/users/{id}" }, /does not match --resource/],
    ["path without slash", "apigw-v1", { path: "users" }, /must start with "\/"/],
    ["bad resource", "apigw-v1", { path: "/x", resource: "/x/{a-b}" }, /not a valid path variable/],
    ["encoded path without a template", "apigw-v1", { path: "/a%20b" }, /give the route template with --resource/],
    ["both bodies", "apigw-v1", { body: "x", bodyFile: "y" }, /not both/],
    ["ANY as method", "apigw-v1", { method: "any" }, /not an HTTP method/],
  ])("%s -> UsageError", (_n, type, flags, why) => {
    expect(() => buildSampleEvent(type, flags)).toThrow(UsageError);
    expect(() => buildSampleEvent(type, flags)).toThrow(why);
  });

  it.each([
    ["a missing body file", "/nonexistent/file", "--body-file /nonexistent/file does not exist"],
    ["a directory", "/", "--body-file / is a directory"],
    ["a character device", "/dev/zero", "--body-file /dev/zero is a character device"],
  ])("readBodyFile refuses %s", async (_n, bodyFile, message) => {
    await expect(readBodyFile({ bodyFile })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(message) });
  });
});

describe("lgw event", () => {
  it("prints the event as JSON, with lgw.json's stage variables", async () => {
    const dir = tempDir("lgw-event-");
    writeFileSync(
      path.join(dir, "lgw.json"),
      JSON.stringify({ functions: { hello: { entry: "." } }, api: { stageVariables: { env: "dev" }, id: "myapi" } }),
    );
    const r = await runLgw(["event", "apigw-v1", "--path", "/users/7", "--resource", "/users/{id}", "--stage", "prod"], { cwd: dir });
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e).toMatchObject({ pathParameters: { id: "7" }, stageVariables: { env: "dev" }, requestContext: { stage: "prod", apiId: "myapi" } });
  });

  it("inside a project, matches --path against lgw.json's routes", async () => {
    const dir = tempDir("lgw-event-");
    writeFileSync(
      path.join(dir, "lgw.json"),
      JSON.stringify({ functions: { hello: { entry: "." } }, routes: { "GET /users/{id}": "hello", "ANY /{proxy+}": "hello" } }),
    );
    const r = await runLgw(["event", "apigw-v1", "--path", "/users/7"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ resource: "/users/{id}", pathParameters: { id: "7" } });
  });

  it("exits 2 with one line for bad input", async () => {
    const r = await runLgw(["event", "apigw-v1", "--query", "oops"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--query "oops" must look like key=value/);
    expect(r.stdout).toBe("");
  });
});

describe("authorizer sample events (REST TOKEN and REQUEST)", () => {
  it("TOKEN: the Authorization header and the method ARN of the request", () => {
    const e = buildSampleEvent("apigw-authorizer-token", { method: "POST", path: "/pets/7", header: ["Authorization: Bearer abc"], apiId: "api1", stage: "prod", region: "eu-west-1" });
    expect(e).toEqual({ type: "TOKEN", authorizationToken: "Bearer abc", methodArn: "arn:aws:execute-api:eu-west-1:123456789012:api1/prod/POST/pets/7" });
  });
  it("TOKEN without a header says where the token goes", () => {
    expect(buildSampleEvent("apigw-authorizer-token", { path: "/" }).authorizationToken).toBe("Bearer <token>");
  });
  it("REQUEST: the request's fields, matched against the route table, and no body", () => {
    const routes = parseRouteTable({ "GET /pets/{id}": "pets" });
    const e = buildSampleEvent("apigw-authorizer-request", { path: "/pets/7", query: ["key=k1"], header: ["X-Tenant: t1"], routes });
    expect(e).toMatchObject({ type: "REQUEST", resource: "/pets/{id}", pathParameters: { id: "7" }, queryStringParameters: { key: "k1" }, headers: { "X-Tenant": "t1" } });
    expect(e.methodArn).toBe("arn:aws:execute-api:us-east-1:123456789012:local/dev/GET/pets/7");
    expect(e).not.toHaveProperty("body");
  });
});
