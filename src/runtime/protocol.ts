// Runtime API wire details, pure: which route a request is, the headers /next sends, the ids
// Lambda generates, and how a runtime's error body reads.
import type { Invocation } from "./invocations.js";

export const API_PREFIX = "/2018-06-01/runtime/";
export const DEFAULT_ACCOUNT_ID = "123456789012";

export type Route =
  | { kind: "next" }
  | { kind: "response"; id: string }
  | { kind: "error"; id: string }
  | { kind: "init-error" }
  | { kind: "wrong-method"; allowed: "GET" | "POST" }
  | { kind: "not-found" };

function decode(id: string): string | undefined {
  try {
    return decodeURIComponent(id);
  } catch {
    return undefined;
  }
}

/** Which Runtime API call a request is; string work only, it runs on every request. */
export function parseRoute(method: string | undefined, rawUrl: string | undefined): Route {
  const url = rawUrl ?? "";
  const q = url.indexOf("?");
  const p = q === -1 ? url : url.slice(0, q);
  if (!p.startsWith(API_PREFIX)) return { kind: "not-found" };
  const rest = p.slice(API_PREFIX.length);
  const post = (route: Route): Route => (method === "POST" ? route : { kind: "wrong-method", allowed: "POST" });
  if (rest === "invocation/next") return method === "GET" ? { kind: "next" } : { kind: "wrong-method", allowed: "GET" };
  if (rest === "init/error") return post({ kind: "init-error" });
  if (rest.startsWith("invocation/")) {
    const parts = rest.slice("invocation/".length).split("/");
    if (parts.length === 2 && parts[0] !== "") {
      const id = decode(parts[0]!);
      if (id === undefined) return { kind: "not-found" };
      if (parts[1] === "response") return post({ kind: "response", id });
      if (parts[1] === "error") return post({ kind: "error", id });
    }
  }
  return { kind: "not-found" };
}

export function functionArn(region: string, functionName: string, account = DEFAULT_ACCOUNT_ID): string {
  return `arn:aws:lambda:${region}:${account}:function:${functionName}`;
}

/** X-Ray's format: Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16 hex>;Sampled=0. */
export function traceId(nowMs: number, hex40: string): string {
  const epoch = Math.floor(nowMs / 1000).toString(16).padStart(8, "0");
  return `Root=1-${epoch}-${hex40.slice(0, 24)};Parent=${hex40.slice(24, 40)};Sampled=0`;
}

/**
 * Headers of a /next reply but its Content-Length (the writer adds that), the optional ones only
 * when they have a value, as a flat [name, value, ...] list: no header object per event.
 */
export function nextHeaders(inv: Invocation): string[] {
  const headers = [
    "Content-Type",
    "application/json",
    "Lambda-Runtime-Aws-Request-Id",
    inv.id,
    "Lambda-Runtime-Deadline-Ms",
    String(inv.deadlineMs ?? 0),
    "Lambda-Runtime-Invoked-Function-Arn",
    inv.functionArn,
    "Lambda-Runtime-Trace-Id",
    inv.traceId,
  ];
  if (inv.clientContext) headers.push("Lambda-Runtime-Client-Context", inv.clientContext);
  if (inv.cognitoIdentity) headers.push("Lambda-Runtime-Cognito-Identity", inv.cognitoIdentity);
  return headers;
}

export interface FunctionErrorBody {
  errorType: string;
  errorMessage: string;
  stackTrace?: unknown;
}

/**
 * What a runtime posted to /error or /init/error. Runtimes are free in what they send; Lambda
 * falls back to the Lambda-Runtime-Function-Error-Type header when the body says nothing.
 */
export function parseErrorBody(body: Buffer, errorTypeHeader: string | undefined, fallbackType: string): FunctionErrorBody {
  const text = body.toString("utf8");
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const obj = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  const errorType = typeof obj?.errorType === "string" && obj.errorType ? obj.errorType : errorTypeHeader || fallbackType;
  const errorMessage = typeof obj?.errorMessage === "string" ? obj.errorMessage : obj ? "" : text;
  const result: FunctionErrorBody = { errorType, errorMessage };
  if (obj?.stackTrace !== undefined && obj.stackTrace !== null) result.stackTrace = obj.stackTrace;
  return result;
}
