import { describe, expect, it } from "vitest";
import {
  attachCommand,
  attachInstructions,
  DEFAULT_DEBUG_PORT,
  dlvArgs,
  dlvFailure,
  isDelveLogLine,
  listeningPort,
  parseDebugOption,
  vscodeConfiguration,
  vscodeLaunchJson,
} from "./debug.js";

describe("parseDebugOption (--debug [port])", () => {
  it.each([
    // [commander's value, positional payload, takes a payload, result]
    [true, undefined, true, { port: DEFAULT_DEBUG_PORT, payloadArg: undefined }],
    [true, "ev.json", true, { port: DEFAULT_DEBUG_PORT, payloadArg: "ev.json" }],
    ["4000", "ev.json", true, { port: 4000, payloadArg: "ev.json" }],
    ["0", undefined, false, { port: 0, payloadArg: undefined }],
    ["65535", undefined, false, { port: 65535, payloadArg: undefined }],
    // commander took the payload for the port: it is the payload again, on the default port
    ["events/get.json", undefined, true, { port: DEFAULT_DEBUG_PORT, payloadArg: "events/get.json" }],
    ["-", undefined, true, { port: DEFAULT_DEBUG_PORT, payloadArg: "-" }],
  ] as const)("%j with payload %j (exec: %j) -> %j", (value, positional, takesPayload, expected) => {
    expect(parseDebugOption(value, positional, takesPayload)).toEqual(expected);
  });

  it.each([
    ["65536", undefined, true],
    ["123456", undefined, true],
    ["abc", "ev.json", true],
    ["abc", undefined, false],
    ["-1", undefined, false],
    ["20.5", undefined, false],
  ])("%j (payload %j, exec %j) is refused in one line naming the option", (value, positional, takesPayload) => {
    const r = parseDebugOption(value, positional, takesPayload);
    expect(r).toHaveProperty("problem");
    expect((r as { problem: string }).problem).toMatch(new RegExp(`^--debug ${value.replace(".", "\\.")}: give a port from 0 to 65535`));
  });
});

describe("the Delve command line", () => {
  it("runs the bootstrap headless on loopback, API v2, multi-client, halted until a client continues it", () => {
    expect(dlvArgs("/p/.lgw/build/hello/x86_64-debug/bootstrap", 2345)).toEqual([
      "exec",
      "--headless",
      "--api-version=2",
      "--listen=127.0.0.1:2345",
      "--accept-multiclient",
      "/p/.lgw/build/hello/x86_64-debug/bootstrap",
    ]);
    expect(dlvArgs("/b", 2345)).not.toContain("--continue");
  });

  it.each([
    ["API server listening at: 127.0.0.1:2345", 2345],
    ["API server listening at: 127.0.0.1:40123\r", 40123],
    ["API server listening at: [::1]:9000", 9000],
    ["hello from the function: API server listening at: 1.2.3.4:5", undefined],
    ["", undefined],
  ])("listeningPort(%j) = %j", (line, port) => {
    expect(listeningPort(line)).toBe(port);
  });

  it.each([
    ["2026-12-03T09:33:38Z error layer=debugger could not read", true],
    ["2026-12-03T09:33:38+01:00 warning layer=rpc Listening for remote connections", true],
    ['{"level":"error","msg":"the function logs JSON"}', false],
    ["2026/12/03 09:33:38 plain log.Printf output", false],
  ])("isDelveLogLine(%j) = %j", (line, expected) => {
    expect(isDelveLogLine(line)).toBe(expected);
  });

  it.each([
    [["Error: couldn't start listener: listen tcp 127.0.0.1:2345: bind: address already in use"], /^port 2345 on 127\.0\.0\.1 is in use .*--debug <port>$/],
    [["could not launch process: not an executable file"], /^dlv could not start the bootstrap: could not launch process: not an executable file$/],
    [["could not launch process: could not open debug info - debugging symbols not found", ""], /debugging symbols not found$/],
    [[], /it exited without saying why$/],
  ])("dlvFailure(%j) is one line", (lines, expected) => {
    const { message } = dlvFailure(lines, 2345);
    expect(message).toMatch(expected);
    expect(message).not.toContain("\n");
  });
});

describe("attach instructions", () => {
  it("the VS Code configuration attaches to the remote (headless) Delve on loopback", () => {
    expect(vscodeConfiguration({ functionName: "hello", port: 2345 })).toEqual({
      name: "lgw: attach to hello",
      type: "go",
      request: "attach",
      mode: "remote",
      host: "127.0.0.1",
      port: 2345,
    });
    const json = JSON.parse(vscodeLaunchJson([{ functionName: "a", port: 2345 }, { functionName: "b", port: 2346 }]));
    expect(json.version).toBe("0.2.0");
    expect(json.configurations.map((c: { port: number }) => c.port)).toEqual([2345, 2346]);
  });

  it("names the dlv connect command and embeds a launch.json that parses", () => {
    expect(attachCommand(2345)).toBe("dlv connect 127.0.0.1:2345");
    const text = attachInstructions([{ functionName: "hello", port: 2345 }], "exec");
    expect(text).toContain("  dlv connect 127.0.0.1:2345\n");
    expect(text).toMatch(/waits, halted before main, until a debugger attaches/);
    const json = text.slice(text.indexOf("{"));
    expect(JSON.parse(json).configurations[0]).toMatchObject({ mode: "remote", port: 2345 });
  });

  it("with several functions, each line says which function listens where", () => {
    const text = attachInstructions([{ functionName: "users", port: 2345 }, { functionName: "auth", port: 2346 }], "serve");
    expect(text).toContain("  users: dlv connect 127.0.0.1:2345\n  auth: dlv connect 127.0.0.1:2346\n");
    expect(text).toMatch(/requests queue until then/);
  });
});
