// Sample events for `lgw event` and `lgw exec --event ...`, built by the same toV1Event /
// toV2Event that `lgw serve` uses, so a saved sample and a served request never disagree.
import { randomUUID } from "node:crypto";
import { resolve as resolvePath } from "node:path";
import { UsageError } from "../errors.js";
import type { ProjectConfig } from "../config/types.js";
import { resolveSetting } from "../config/settings.js";
import { MAX_INVOKE_PAYLOAD_BYTES } from "../runtime/invocations.js";
import { readFileBounded } from "../util/bounded-read.js";
import { projectRoutes } from "../routes/project.js";
import { parseRouteKey, parseResourcePath, type Route, type RouteMatch } from "../routes/table.js";
import { matchRoute } from "../routes/match.js";
import { DEFAULT_ACCOUNT_ID, DEFAULT_API_ID, firstHeader, type HttpRequestInfo } from "./request.js";
import { methodArnOf, requestEvent, tokenEvent } from "./rest/authorizer.js";
import type { EventRequestFlags } from "./event-flags.js";
import { toV1Event } from "./v1.js";
import { toV2Event } from "./v2.js";

export type SampleEventType = "apigw-v1" | "apigw-v2" | "apigw-authorizer-token" | "apigw-authorizer-request";
export const SAMPLE_EVENT_TYPES: SampleEventType[] = ["apigw-v1", "apigw-v2", "apigw-authorizer-token", "apigw-authorizer-request"];

/** The request flags (path may carry "?query"; stage defaults to dev for v1, $default for v2) and what the project adds. */
export interface SampleEventFlags extends EventRequestFlags {
  /** the bytes of --body-file, read (bounded) by readBodyFile before the event is built */
  bodyFileBytes?: Buffer;
  stageVariables?: Record<string, string>;
  binaryMediaTypes?: string[];
  apiId?: string;
  /** the region in an authorizer event's methodArn (default us-east-1) */
  region?: string;
  /** the Host a served request would carry */
  host?: string;
  /** directory a relative --body-file is read from (default: the process's) */
  cwd?: string;
  /**
   * the project's route table (as lgw serve routes): without --resource the request is matched
   * against it, so the sample carries the same resource and pathParameters a served request would
   */
  routes?: Route[];
}

function splitPair(flag: string, raw: string, seps: string[]): [string, string] {
  const at = Math.min(...seps.map((s) => raw.indexOf(s)).filter((i) => i > 0));
  if (!Number.isFinite(at)) throw new UsageError(`--${flag} "${raw}" must look like key=value`);
  return [raw.slice(0, at).trim(), raw.slice(at + 1).trimStart()];
}

/** Reads the shared event flags (--method, --path, ...) off a command's parsed options. */
export function sampleFlagsFromOptions(opts: EventRequestFlags): SampleEventFlags {
  const { method, path, resource, query, header, body, bodyFile, stage } = opts;
  return { method, path, resource, query, header, body, bodyFile, stage };
}

export function isSampleEventType(t: string): t is SampleEventType {
  return (SAMPLE_EVENT_TYPES as string[]).includes(t);
}

/**
 * What a project adds to a sample event, exactly as lgw serve would: stage variables, binary
 * media types, the API id and the route table (which decides resource and pathParameters when
 * --resource is not given). `lgw event` and `lgw exec --event` both go through here.
 */
export function withProject(flags: SampleEventFlags, config: ProjectConfig): SampleEventFlags {
  return {
    ...flags,
    stageVariables: config.api.stageVariables,
    binaryMediaTypes: config.api.binaryMediaTypes,
    apiId: config.api.id,
    region: config.region,
    routes: routesIfAny(config),
  };
}

/** A sample event can be built without a route table (several functions, none routed). */
function routesIfAny(config: ProjectConfig): Route[] | undefined {
  try {
    return projectRoutes(config).routes;
  } catch (err) {
    if (err instanceof UsageError) return undefined;
    throw err;
  }
}

/**
 * Reads --body-file the way payloads are read (bounded, regular files and named pipes only,
 * interruptible), so building the event itself stays pure. A body over Lambda's 6 MB could
 * never reach the function (API Gateway answers 413), so it is refused here.
 */
export async function readBodyFile(flags: SampleEventFlags, signal?: AbortSignal): Promise<SampleEventFlags> {
  if (flags.bodyFile === undefined) return flags;
  if (flags.body !== undefined) throw new UsageError("use --body or --body-file, not both");
  const shown = `--body-file ${flags.bodyFile}`;
  const read = await readFileBounded(resolvePath(flags.cwd ?? process.cwd(), flags.bodyFile), shown, MAX_INVOKE_PAYLOAD_BYTES, signal);
  if (read.over) throw new UsageError(`${shown} is ${read.size ?? `over ${MAX_INVOKE_PAYLOAD_BYTES}`} bytes; Lambda accepts at most ${MAX_INVOKE_PAYLOAD_BYTES} bytes (6 MB) per synchronous invocation`);
  return { ...flags, bodyFileBytes: read.bytes };
}

export function buildSampleEvent(type: string, flags: SampleEventFlags = {}): Record<string, unknown> {
  if (!isSampleEventType(type)) throw new UsageError(`unknown event type "${type}" (use ${SAMPLE_EVENT_TYPES.join(" or ")})`);
  const req = sampleRequest(flags);
  const match = sampleMatch(flags, req.method, req.path);
  const v2 = type === "apigw-v2";
  const opts = {
    stage: resolveSetting("stage", { flag: flags.stage, default: v2 ? "$default" : "dev" }).value,
    stageVariables: flags.stageVariables ?? {},
    binaryMediaTypes: flags.binaryMediaTypes ?? [],
    requestId: randomUUID(),
    apiId: flags.apiId ?? DEFAULT_API_ID,
    accountId: DEFAULT_ACCOUNT_ID,
  };
  if (type === "apigw-authorizer-token" || type === "apigw-authorizer-request") {
    // what a REST API's TOKEN or REQUEST authorizer gets for this request (rest/authorizer.ts, as lgw serve sends it)
    const arn = methodArnOf(req, { ...opts, region: flags.region ?? "us-east-1" });
    if (type === "apigw-authorizer-request") return requestEvent(req, match, opts, arn);
    return tokenEvent(firstHeader(req.headers, "authorization") ?? "Bearer <token>", arn);
  }
  return v2 ? toV2Event(req, match, opts) : toV1Event(req, match, opts);
}

/** The request the flags describe, as lgw serve would have read it off the socket. */
function sampleRequest(flags: SampleEventFlags): HttpRequestInfo {
  const method = (flags.method ?? "GET").toUpperCase();
  if (!/^[A-Z]+$/.test(method) || method === "ANY") throw new UsageError(`--method "${flags.method}" is not an HTTP method`);
  const { path, rawQuery } = samplePathAndQuery(flags);
  const headers: [string, string][] = (flags.header ?? []).map((h) => splitPair("header", h, ["=", ":"]));
  const body = sampleBody(flags);
  const host = firstHeader(headers, "host") ?? flags.host ?? "127.0.0.1:3000";
  if (!firstHeader(headers, "host")) headers.unshift(["Host", host]);
  if (body.length && !firstHeader(headers, "content-length")) headers.push(["Content-Length", String(body.length)]);
  return { method, path, rawQuery, headers, body, sourceIp: "127.0.0.1", protocol: "HTTP/1.1", host, receivedAt: new Date() };
}

/** --path (which may carry "?query") and the --query pairs, encoded, after it. */
function samplePathAndQuery(flags: SampleEventFlags): { path: string; rawQuery: string } {
  const rawPathFlag = flags.path ?? "/";
  if (!rawPathFlag.startsWith("/")) throw new UsageError(`--path "${rawPathFlag}" must start with "/"`);
  const q = rawPathFlag.indexOf("?");
  const path = q === -1 ? rawPathFlag : rawPathFlag.slice(0, q);
  const queryParts = q === -1 || rawPathFlag.slice(q + 1) === "" ? [] : [rawPathFlag.slice(q + 1)];
  for (const pair of flags.query ?? []) {
    const [k, v] = splitPair("query", pair, ["="]);
    queryParts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  }
  return { path, rawQuery: queryParts.join("&") };
}

/** --body, or the bytes readBodyFile read for --body-file. */
function sampleBody(flags: SampleEventFlags): Buffer {
  if (flags.body !== undefined && flags.bodyFile !== undefined) throw new UsageError("use --body or --body-file, not both");
  if (flags.bodyFile !== undefined) {
    // a bug, not the user's: the caller skipped readBodyFile
    if (!flags.bodyFileBytes) throw new Error("buildSampleEvent: --body-file was not read (call readBodyFile first)");
    return flags.bodyFileBytes;
  }
  return flags.body !== undefined ? Buffer.from(flags.body, "utf8") : Buffer.alloc(0);
}

/** The route the request matches: the project's, the --resource template, or the path itself as a literal resource. */
function sampleMatch(flags: SampleEventFlags, method: string, path: string): RouteMatch {
  const routed = flags.resource === undefined && flags.routes ? matchRoute(flags.routes, method, path) : undefined;
  if (routed) return routed;
  const route = flags.resource !== undefined ? templateRoute(method, flags.resource) : literalRoute(method, path);
  const match = matchRoute([route], method, path);
  if (!match) throw new UsageError(`--path "${path}" does not match --resource "${route.path}"`);
  return match;
}

function templateRoute(method: string, resource: string): Route {
  const parsed = parseRouteKey(`${method} ${resource}`);
  return { key: `${parsed.method} ${parsed.path}`, method: parsed.method, path: parsed.path, parts: parsed.parts, functionName: "sample" };
}

function literalRoute(method: string, path: string): Route {
  const p = path.length > 1 ? path.replace(/\/$/, "") : path;
  let parts;
  try {
    parts = parseResourcePath(p);
  } catch {
    throw new UsageError(`--path "${path}" is not a plain resource path; give the route template with --resource (e.g. --resource "/{proxy+}")`);
  }
  return { key: `${method} ${p}`, method: method as Route["method"], path: p, parts, functionName: "sample" };
}
