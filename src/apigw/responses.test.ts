import { describe, expect, it } from "vitest";
import { remapRestResponseHeaders, statusCodeOf } from "./responses.js";

describe("remapRestResponseHeaders (a REST API's answer)", () => {
  it.each<[string, [string, string][], [string, string][]]>([
    ["WWW-Authenticate, as browsers would prompt for it", [["WWW-Authenticate", "Basic"]], [["x-amzn-Remapped-WWW-Authenticate", "Basic"]]],
    ["Authorization, Server and Date keep their spelling after the prefix", [["authorization", "t"], ["Server", "fn"], ["Date", "d"]], [["x-amzn-Remapped-authorization", "t"], ["x-amzn-Remapped-Server", "fn"], ["x-amzn-Remapped-Date", "d"]]],
    ["Content-Length and Connection: the gateway frames its own answer", [["Content-Length", "999"], ["Connection", "close"]], [["x-amzn-Remapped-Content-Length", "999"], ["x-amzn-Remapped-Connection", "close"]]],
    ["anything else as it was, in order", [["Content-Type", "text/plain"], ["Set-Cookie", "a=1"], ["X-Server", "no"]], [["Content-Type", "text/plain"], ["Set-Cookie", "a=1"], ["X-Server", "no"]]],
  ])("%s", (_n, given, sent) => expect(remapRestResponseHeaders(given)).toEqual(sent));
});

describe("statusCodeOf (a proxy result's statusCode)", () => {
  it.each<[unknown, number | undefined]>([
    [200, 200],
    ["201", 201],
    [599, 599],
    [100, undefined],
    ["101", undefined],
    [600, undefined],
    [200.5, undefined],
    ["2e2", undefined],
  ])("%j -> %j", (given, status) => expect(statusCodeOf(given)).toBe(status));
});
