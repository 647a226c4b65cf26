import { describe, expect, it } from "vitest";
import { endToEndHeaders } from "./request.js";

describe("endToEndHeaders (what of the request's headers reaches an event)", () => {
  it.each<[string, [string, string][], [string, string][]]>([
    ["node's client: Connection: keep-alive", [["Host", "h"], ["Connection", "keep-alive"], ["Accept", "*/*"]], [["Host", "h"], ["Accept", "*/*"]]],
    ["curl's large upload: Expect: 100-continue", [["Host", "h"], ["Expect", "100-continue"], ["Content-Length", "2000"]], [["Host", "h"], ["Content-Length", "2000"]]],
    ["a chunked body: Transfer-Encoding", [["Host", "h"], ["Transfer-Encoding", "chunked"]], [["Host", "h"]]],
    ["Upgrade, TE, Trailer, Keep-Alive, Proxy-Connection", [["upgrade", "h2c"], ["TE", "trailers"], ["Trailer", "X"], ["Keep-Alive", "timeout=5"], ["Proxy-Connection", "x"], ["X-Kept", "1"]], [["X-Kept", "1"]]],
    ["a header Connection names is the connection's too", [["Connection", "close, X-Hop"], ["X-Hop", "1"], ["X-End", "2"]], [["X-End", "2"]]],
    ["everything else, in order and case", [["X-A", "1"], ["authorization", "t"], ["Cookie", "c=1"]], [["X-A", "1"], ["authorization", "t"], ["Cookie", "c=1"]]],
  ])("%s", (_n, given, kept) => expect(endToEndHeaders(given)).toEqual(kept));
});
