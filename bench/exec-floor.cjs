// The floor of `lgw exec`, a peer of bench/exec.mjs: what one local invocation costs when a Node
// process does nothing else. It reads the event, listens on 127.0.0.1, spawns the bootstrap with a
// minimal environment, answers its GET /next with the event, prints the body the runtime posts
// back, and exits (killing the bootstrap). No project, config, build cache check, watchdog,
// timeouts, START/END/REPORT lines or result checks: each of those is lgw's cost above this floor.
// CommonJS and only node's own modules, so it loads as fast as node can load anything.
//
//   node bench/exec-floor.cjs BOOTSTRAP EVENT_FILE
"use strict";
const net = require("node:net");
const { spawn } = require("node:child_process");
const { readFileSync } = require("node:fs");
const { takeRequest } = require("./peer-wire.cjs");

const [bootstrap, eventFile] = process.argv.slice(2);
const event = readFileSync(eventFile);
let child;

const server = net.createServer({ noDelay: true }, (socket) => {
  let buf = Buffer.alloc(0);
  let delivered = false;
  let answered = false;
  socket.on("data", (chunk) => {
    if (answered) return;
    buf = Buffer.concat([buf, chunk]);
    const request = takeRequest(buf);
    if (!request) return;
    buf = buf.subarray(request[2]);
    if (!delivered) {
      // GET /next
      delivered = true;
      socket.write(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: 00000000-0000-4000-8000-000000000001\r\n" +
          `Lambda-Runtime-Deadline-Ms: ${Date.now() + 30_000}\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:000000000000:function:floor\r\n` +
          `Content-Length: ${event.length}\r\n\r\n`,
      );
      socket.write(event);
      return;
    }
    // the POST of the result
    const body = request[1];
    answered = true;
    process.stdout.write(body);
    process.stdout.write("\n");
    socket.end("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n");
    child.kill("SIGKILL");
    process.exitCode = 0;
    server.close();
  });
  socket.on("error", () => undefined);
});

server.listen(0, "127.0.0.1", () => {
  const env = { PATH: process.env.PATH, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${server.address().port}`, AWS_LAMBDA_FUNCTION_NAME: "floor", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "128", AWS_REGION: "us-east-1" };
  child = spawn(bootstrap, [], { stdio: ["ignore", "ignore", "inherit"], env });
  child.on("exit", (code, signal) => {
    if (signal !== "SIGKILL") {
      console.error(`exec-floor: the bootstrap exited (${code ?? signal}) before it answered`);
      process.exit(1);
    }
  });
});
