// The floor for any Node gateway in front of the Runtime API, a peer of bench/serve.mjs: what a
// request costs when a Node process does nothing but move it. Clients get node:http; the same
// bootstraps as lgw serve (as many as lgw's default --concurrency) get a Runtime API read and
// written by hand; every request is answered with one fixed event and the result's body passed
// through. No routing, event building, result checks, timeouts, logging or limits: each of those
// is lgw's cost above this floor. Prints its URL on stdout once it listens.
//
//   node bench/relay.mjs BOOTSTRAP EVENT_FILE [PROCESSES]
//
// Its bootstraps die with it: killed at exit, and (SIGKILL) aws-lambda-go exits when /next fails.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { availableParallelism } from "node:os";
import wire from "./peer-wire.cjs";

const { takeRequest } = wire;

const [bootstrap, eventFile, processes = String(availableParallelism())] = process.argv.slice(2);
const event = readFileSync(eventFile);
const ARN = "arn:aws:lambda:us-east-1:000000000000:function:relay";
/** client responses waiting for a runtime, and runtime connections parked on GET /next */
const waiting = [];
const parked = [];
let seq = 0;

function deliver(conn) {
  const res = waiting.shift();
  const id = `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;
  conn.res = res;
  const head =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" +
    `Lambda-Runtime-Aws-Request-Id: ${id}\r\nLambda-Runtime-Deadline-Ms: ${Date.now() + 30_000}\r\n` +
    `Lambda-Runtime-Invoked-Function-Arn: ${ARN}\r\nLambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000\r\n` +
    `Content-Length: ${event.length}\r\n\r\n`;
  conn.socket.cork();
  conn.socket.write(head, "latin1");
  conn.socket.write(event);
  conn.socket.uncork();
}

function onRuntimeRequest(conn, head, body) {
  if (head.startsWith("GET ")) {
    if (waiting.length > 0) deliver(conn);
    else parked.push(conn);
    return;
  }
  conn.socket.write('HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{"status":"OK"}\n');
  const res = conn.res;
  conn.res = undefined;
  let result = {};
  try {
    result = JSON.parse(body.toString());
  } catch {
    // an error post, say: answered as an empty 502
  }
  const out = typeof result.body === "string" ? result.body : "";
  res.writeHead(Number(result.statusCode) || 502, ["Content-Type", "application/json", "Content-Length", String(Buffer.byteLength(out))]);
  res.end(out);
}

const runtimeApi = net.createServer({ noDelay: true }, (socket) => {
  const conn = { socket, res: undefined };
  let buf = Buffer.alloc(0);
  socket.on("data", (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (let r = takeRequest(buf); r; r = takeRequest(buf)) {
      buf = buf.subarray(r[2]);
      onRuntimeRequest(conn, r[0], r[1]);
    }
  });
  socket.on("error", () => undefined);
});

const children = [];
const killAll = () => children.forEach((c) => c.kill("SIGKILL"));
process.on("exit", killAll);
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));

runtimeApi.listen(0, "127.0.0.1", () => {
  const env = { PATH: process.env.PATH, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${runtimeApi.address().port}`, AWS_LAMBDA_FUNCTION_NAME: "relay", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "128", AWS_REGION: "us-east-1" };
  for (let i = 0; i < Number(processes); i++) {
    const child = spawn(bootstrap, [], { stdio: "ignore", env });
    child.on("exit", (code, signal) => {
      if (!signal) console.error(`relay: a bootstrap exited (${code})`);
    });
    children.push(child);
  }
  const server = http.createServer((req, res) => {
    req.resume();
    waiting.push(res);
    const conn = parked.shift();
    if (conn) deliver(conn);
  });
  server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`));
});
