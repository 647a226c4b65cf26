// Starts a private moto server (Lambda, API Gateway, IAM in one process) for a test file.
// test/global-setup.ts installs it into <repo>/.venv on a fresh machine.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const MOTO_SERVER = path.join(REPO_ROOT, ".venv", "bin", "moto_server");
export const MOTO_ACCOUNT = "123456789012";
export const MOTO_REGION = "us-east-1";
export const TEST_ROLE = "lgw-test-role";
export const MOTO_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

export interface Moto {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  /** arn:aws:iam::123456789012:role/lgw-test-role */
  roleArn: string;
  /** clears every resource, then recreates the test role */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** The flags that point lgw at moto. */
export function motoArgs(endpoint: string): string[] {
  return ["--endpoint-url", endpoint];
}

/**
 * The environment a test gives lgw (set it on process.env: runLgw runs in-process); the
 * endpoint itself goes on the command line (motoArgs) so AWS_ENDPOINT_URL stays testable.
 */
export function motoEnv(_endpoint?: string): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: MOTO_REGION,
  };
}

/** Sets motoEnv() on process.env and drops settings that would redirect or confuse the SDK. */
export function useMotoEnv(): void {
  for (const key of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL_API_GATEWAY", "AWS_DEFAULT_REGION"]) {
    delete process.env[key];
  }
  Object.assign(process.env, motoEnv());
  // the SDK's notice about its own future Node support is noise in test output
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto_server exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto_server did not answer on ${endpoint} within 30 s:\n${output()}`);
}

async function post(endpoint: string, route: string, body?: unknown): Promise<void> {
  const res = await fetch(`${endpoint}${route}`, {
    method: "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`moto ${route}: HTTP ${res.status} ${await res.text()}`);
}

async function createRole(endpoint: string): Promise<string> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { IAMClient, CreateRoleCommand } = await import("@aws-sdk/client-iam");
  const iam = new IAMClient({ endpoint, region: MOTO_REGION, credentials: MOTO_CREDENTIALS });
  try {
    const out = await iam.send(
      new CreateRoleCommand({
        RoleName: TEST_ROLE,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      }),
    );
    return out.Role!.Arn!;
  } finally {
    iam.destroy();
  }
}

async function configure(endpoint: string): Promise<string> {
  // Invoke would otherwise need Docker
  await post(endpoint, "/moto-api/config", { lambda: { use_docker: false } });
  return createRole(endpoint);
}

export interface MotoOptions {
  /** load AWS's managed IAM policies (AWSLambdaBasicExecutionRole, ...): slower, so opt-in */
  managedPolicies?: boolean;
}

export async function startMoto(opts: MotoOptions = {}): Promise<Moto> {
  if (!existsSync(MOTO_SERVER)) {
    throw new Error(`${MOTO_SERVER} is missing: run the tests through vitest (test/global-setup.ts installs it)`);
  }
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // its own process group, so stop() also ends anything it forked
  const child = spawn(MOTO_SERVER, ["-H", "127.0.0.1", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PYTHONUNBUFFERED: "1", ...(opts.managedPolicies ? { MOTO_IAM_LOAD_MANAGED_POLICIES: "true" } : {}) },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const kill = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", kill);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    process.off("exit", kill);
    if (child.exitCode === null && child.signalCode === null) {
      kill();
      await exited;
    }
  };
  try {
    await waitUntilUp(endpoint, child, () => output);
    const roleArn = await configure(endpoint);
    return {
      endpoint,
      roleArn,
      stop,
      async reset() {
        await post(endpoint, "/moto-api/reset");
        await configure(endpoint);
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** request body size */
  bytes: number;
}

export interface RecordingProxy {
  endpoint: string;
  /** every request since the last clear(), in order */
  requests: RecordedRequest[];
  clear(): void;
  /** requests other than GET/HEAD: what changed something in AWS */
  writes(): RecordedRequest[];
  stop(): Promise<void>;
}

/**
 * A pass-through proxy in front of moto that records each request. moto keeps LastModified and
 * has no RevisionId, so "nothing was uploaded" can only be seen on the wire.
 */
export async function recordingProxy(target: string, opts: { delayMs?: (r: RecordedRequest) => number } = {}): Promise<RecordingProxy> {
  const http = await import("node:http");
  const upstream = new URL(target);
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const recorded = { method: req.method ?? "GET", path: req.url ?? "/", bytes: body.length };
      requests.push(recorded);
      // a delay holds moto's answer back (the change is made at once): a slow AWS, or a cut-off reply
      const delay = opts.delayMs?.(recorded) ?? 0;
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          const answer = () => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          };
          if (delay > 0) setTimeout(answer, delay);
          else answer();
        },
      );
      out.on("error", (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    clear: () => void requests.splice(0),
    writes: () => requests.filter((r) => r.method !== "GET" && r.method !== "HEAD"),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A zip holding a one-line `bootstrap` (0755): moto stores functions without running them. */
export async function bootstrapZip(): Promise<Buffer> {
  const { default: archiver } = await import("archiver");
  return new Promise((resolve, reject) => {
    const zip = archiver("zip");
    const chunks: Buffer[] = [];
    zip.on("data", (c: Buffer) => chunks.push(c));
    zip.on("end", () => resolve(Buffer.concat(chunks)));
    zip.on("error", reject);
    zip.append("#!/bin/sh\n", { name: "bootstrap", mode: 0o755 });
    void zip.finalize();
  });
}
