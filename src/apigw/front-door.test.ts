import { describe, expect, it } from "vitest";
import { allowedHostProblem, clientErrorAnswer, forbiddenHostBody, hostAllowed, hostHeaderProblem, hostnameOf, hostPolicy, requestLimitProblem } from "./front-door.js";

describe("hostnameOf", () => {
  it.each([
    ["localhost:3000", "localhost"],
    ["LocalHost", "localhost"],
    ["localhost.:3000", "localhost"],
    ["[::1]:3000", "::1"],
    ["[::1]", "::1"],
    ["127.0.0.1:8080", "127.0.0.1"],
    ["evil.example", "evil.example"],
  ])("%s -> %s", (host, name) => expect(hostnameOf(host)).toBe(name));
});

describe("hostAllowed", () => {
  const machine = ["127.0.0.1", "192.168.1.5", "::1", "fe80::1"];
  const cases: [string, string, string[], string | undefined, boolean][] = [
    ["localhost", "127.0.0.1", [], "localhost:3000", true],
    ["127.0.0.1", "127.0.0.1", [], "127.0.0.1:3000", true],
    ["[::1]", "127.0.0.1", [], "[::1]:3000", true],
    ["no Host at all (HTTP/1.0)", "127.0.0.1", [], undefined, true],
    ["a rebound name", "127.0.0.1", [], "evil.example:3000", false],
    ["a name that only starts like localhost", "127.0.0.1", [], "localhost.evil.example", false],
    ["an empty Host", "127.0.0.1", [], "", false],
    ["the listening address", "192.168.1.5", [], "192.168.1.5:3000", true],
    ["another address of the machine, listening on one", "127.0.0.1", [], "192.168.1.5:3000", false],
    ["0.0.0.0: every address of the machine", "0.0.0.0", [], "192.168.1.5:3000", true],
    ["0.0.0.0: an IPv6 address of the machine", "::", [], "[fe80::1]:3000", true],
    ["0.0.0.0 keeps the check for names", "0.0.0.0", [], "evil.example", false],
    ["0.0.0.0 with '*'", "0.0.0.0", ["*"], "evil.example", true],
    ["--allowed-host, exact", "127.0.0.1", ["myapp.test"], "MyApp.test:3000", true],
    ["--allowed-host, exact, not a subdomain", "127.0.0.1", ["myapp.test"], "a.myapp.test", false],
    ["--allowed-host .domain: the domain", "127.0.0.1", [".example.com"], "example.com", true],
    ["--allowed-host .domain: a subdomain", "127.0.0.1", [".example.com"], "api.example.com", true],
    ["--allowed-host .domain: not a name ending alike", "127.0.0.1", [".example.com"], "badexample.com", false],
    ["--allowed-host, repeated", "127.0.0.1", ["a.test", "b.test"], "b.test", true],
    ["--allowed-host an IPv6 address", "127.0.0.1", ["fd00::2"], "[fd00::2]:3000", true],
    ["--host a name", "devbox.local", [], "devbox.local:3000", true],
  ];
  it.each(cases)("%s", (_name, listen, allowed, host, ok) => {
    expect(hostAllowed(hostPolicy(listen, allowed, machine), host)).toBe(ok);
  });

  it("the 403 body is one line of JSON naming the flag", () => {
    const body = forbiddenHostBody("evil.example:3000");
    expect(body).not.toContain("\n");
    expect(JSON.parse(body).message).toContain("--allowed-host evil.example");
  });
});

describe("allowedHostProblem", () => {
  it.each([["*"], ["myapp.test"], [".example.com"], ["10.0.0.2"], ["fd00::2"], ["[fd00::2]"], ["my_host"]])("%s is usable", (v) => expect(allowedHostProblem(v)).toBeUndefined());
  it.each([
    ["myapp.test:3000", "without its port (myapp.test)"],
    ["127.0.0.1:3000", "without its port (127.0.0.1)"],
    ["http://myapp.test", "give a host name"],
    ["", "give a host name"],
    ["a b", "give a host name"],
  ])("%j: %s", (v, problem) => expect(allowedHostProblem(v)).toContain(problem));
});

describe("requestLimitProblem (API Gateway's 10,240)", () => {
  const header = (n: number) => ["X-A", "a".repeat(n)];
  it.each([
    ["a URL of 10,240 characters", "/" + "a".repeat(10_239), [], undefined],
    ["a URL of 10,241", "/" + "a".repeat(10_240), [], "uriTooLong"],
    ["header values of 10,240 bytes in total", "/", [...header(5_000), ...header(5_240)], undefined],
    ["header values of 10,241 in total", "/", [...header(5_000), ...header(5_241)], "headersTooLarge"],
    ["names do not count", "/", ["X-" + "n".repeat(20_000), "v"], undefined],
  ] as [string, string, string[], string | undefined][])("%s", (_n, url, raw, problem) => expect(requestLimitProblem(url, raw)).toBe(problem));
});

describe("hostHeaderProblem (RFC 9112 3.2)", () => {
  it.each<[string, string[], string, "badRequest" | undefined]>([
    ["one Host", ["Host", "localhost:3000", "Accept", "*/*"], "1.1", undefined],
    ["one host, any case", ["hOsT", "localhost"], "1.1", undefined],
    ["two Host headers", ["Host", "localhost", "host", "evil.example"], "1.1", "badRequest"],
    ["none on HTTP/1.1", ["Accept", "*/*"], "1.1", "badRequest"],
    ["none on HTTP/1.0, which has no Host", ["Accept", "*/*"], "1.0", undefined],
    ["a header that only starts with host", ["Hostname", "x", "Host", "h"], "1.1", undefined],
  ])("%s", (_n, raw, version, problem) => expect(hostHeaderProblem(raw, version)).toBe(problem));
});

describe("clientErrorAnswer", () => {
  it.each([
    ["ECONNRESET", undefined, "close"],
    ["ERR_HTTP_REQUEST_TIMEOUT", undefined, "requestTimeout"],
    ["HPE_HEADER_OVERFLOW", Buffer.from("GET /" + "a".repeat(20_000)), "uriTooLong"],
    ["HPE_HEADER_OVERFLOW", Buffer.from("aaaa HTTP/1.1\r\nHost: x\r\n\r\n"), "uriTooLong"],
    ["HPE_HEADER_OVERFLOW", Buffer.from("GET / HTTP/1.1\r\nX: " + "a".repeat(70_000)), "headersTooLarge"],
    ["HPE_HEADER_OVERFLOW", Buffer.from("aaaaa\r\nHost: x\r\n\r\n"), "headersTooLarge"],
    ["HPE_HEADER_OVERFLOW", Buffer.from("aaaaaaaa"), "headersTooLarge"],
    ["HPE_HEADER_OVERFLOW", Buffer.from(`GET /${"a".repeat(10_300)} HTTP/1.1\r\nX: ${"a".repeat(70_000)}`), "uriTooLong"],
    ["HPE_INVALID_METHOD", Buffer.from("\x00\x01garbage"), "badRequest"],
    [undefined, undefined, "badRequest"],
  ] as [string | undefined, Buffer | undefined, string][])("%s", (code, raw, answer) => expect(clientErrorAnswer(code, raw)).toBe(answer));
});
