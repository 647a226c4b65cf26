// AWS calls are bounded: an endpoint that accepts connections and never answers ends lgw deploy
// with one line naming that endpoint, whichever way the endpoint was given.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeBundle, startLgw } from "./helpers/bin.js";

const FIXTURE = path.join(import.meta.dirname, "fixtures", "go-minimal");
let dir: string;
let server: net.Server;
let endpoint: string;
const sockets: net.Socket[] = [];

const ENV = {
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_REGION: "us-east-1",
  AWS_PROFILE: "",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  LGW_AWS_TIMEOUT: "1",
  AWS_MAX_ATTEMPTS: "2",
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "lgw-stall-"));
  cpSync(FIXTURE, dir, { recursive: true });
  // accepts, reads, never answers
  server = net.createServer((s) => {
    sockets.push(s);
    s.on("data", () => undefined);
    s.on("error", () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
  removeBundle();
});

describe("a stalled AWS endpoint", () => {
  for (const how of ["--endpoint-url", "AWS_ENDPOINT_URL"] as const) {
    it(`lgw deploy fails in bounded time with one line naming it (${how})`, async () => {
      const args = ["-C", dir, "deploy", ...(how === "--endpoint-url" ? ["--endpoint-url", endpoint] : [])];
      const p = await startLgw(args, { env: { ...ENV, ...(how === "AWS_ENDPOINT_URL" ? { AWS_ENDPOINT_URL: endpoint } : {}) } });
      const { code, ms } = await p.exited;
      const errors = p.stderr().split("\n").filter((l) => l.startsWith("error:"));
      expect(code, p.stderr()).toBe(1);
      expect(errors).toEqual([`error: no answer from ${endpoint} for 1 s during GetFunction on hello, 2 attempts: check that the endpoint is up, or raise LGW_AWS_TIMEOUT (seconds)`]);
      // two attempts of one second each, plus the build (cached after the first run) and startup
      expect(ms).toBeLessThan(60_000);
    });
  }
});
