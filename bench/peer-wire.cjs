// The Runtime API's side of HTTP/1.1 as the bench peers (bench/relay.mjs, bench/exec-floor.cjs)
// read it: just enough for aws-lambda-go's GET /next and its chunked POST with trailers. Not
// lgw's reader (src/runtime/wire.ts): the peers stand for the least a Node gateway must do.
// CommonJS, so the exec floor loads it as fast as node loads anything.
"use strict";

/** One request from the bytes buffered so far: [head, body, bytes used], or undefined for more. */
function takeRequest(buf) {
  const headEnd = buf.indexOf("\r\n\r\n");
  if (headEnd === -1) return undefined;
  const head = buf.toString("latin1", 0, headEnd);
  let at = headEnd + 4;
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) {
    const n = Number(length[1]);
    return buf.length < at + n ? undefined : [head, buf.subarray(at, at + n), at + n];
  }
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) return [head, Buffer.alloc(0), at];
  // aws-lambda-go posts results chunked, with (empty) trailers
  const parts = [];
  for (;;) {
    const lineEnd = buf.indexOf("\r\n", at);
    if (lineEnd === -1) return undefined;
    const size = parseInt(buf.toString("latin1", at, lineEnd), 16);
    at = lineEnd + 2;
    if (size === 0) {
      const end = buf.indexOf("\r\n\r\n", at - 2);
      return end === -1 ? undefined : [head, Buffer.concat(parts), end + 4];
    }
    if (buf.length < at + size + 2) return undefined;
    parts.push(buf.subarray(at, at + size));
    at += size + 2;
  }
}

module.exports = { takeRequest };
