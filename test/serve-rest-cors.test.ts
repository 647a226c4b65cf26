// lgw serve answers a REST API's api.cors preflights as the deployed MOCK OPTIONS methods do
// (what `lgw api cors PATH` records and `lgw api sync` makes), over a real socket. Only MOCK
// routes here, so no function is built or started.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServe, type ServeHandle } from "../src/local/serve.js";
import { Logger } from "../src/ui/logger.js";

const dir = mkdtempSync(path.join(tmpdir(), "lgw-serve-cors-"));
let serve: ServeHandle;

beforeAll(async () => {
  writeFileSync(
    path.join(dir, "lgw.json"),
    JSON.stringify({
      functions: { web: { entry: "." } },
      routes: {
        "GET /status": { integration: "mock", responses: { default: { statusCode: 200, templates: { "application/json": '{"ok": true}' } } } },
        "GET /other": { integration: "mock" },
      },
      // as `lgw api cors /status --origin https://app.example` writes it
      api: { cors: { allowOrigins: ["https://app.example"], paths: ["/status"] } },
    }),
  );
  const out = new PassThrough().resume();
  serve = await startServe({ cwd: dir, port: 0, host: "127.0.0.1", log: new Logger({ stdout: out, stderr: out, color: false }) });
});

afterAll(async () => {
  await serve?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("lgw serve: REST api.cors preflights", () => {
  it("OPTIONS on a preflight path answers 200 with the Access-Control-Allow-* headers and no body", async () => {
    const r = await fetch(serve.url + "/status", { method: "OPTIONS", headers: { Origin: "https://app.example", "Access-Control-Request-Method": "GET" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(r.headers.get("access-control-allow-methods")).toBe("GET,OPTIONS");
    expect(r.headers.get("access-control-allow-headers")).toBe("Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token");
    expect(await r.text()).toBe("");
  });

  it("other methods answer as their routes do, without CORS headers (a REST API adds none)", async () => {
    const r = await fetch(serve.url + "/status", { headers: { Origin: "https://app.example" } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a path api.cors.paths does not list has no preflight: 403 as on AWS", async () => {
    const r = await fetch(serve.url + "/other", { method: "OPTIONS" });
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ message: "Missing Authentication Token" });
  });

  it("lists the preflight among the routes it serves", () => {
    expect(serve.routes.map((r) => [r.key, r.integration?.type])).toEqual([
      ["GET /status", "mock"],
      ["GET /other", "mock"],
      ["OPTIONS /status", "mock"],
    ]);
  });
});
