// Pure: the names and ARNs that tie a REST API method to a Lambda function (CONTRACTS.md §4).
import { createHash } from "node:crypto";
import { LgwError } from "../errors.js";
import type { PathPart } from "../routes/table.js";

export interface LambdaArn {
  partition: string;
  region: string;
  account: string;
  functionName: string;
}

/** arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] -> its fields. */
export function parseFunctionArn(arn: string): LambdaArn {
  const m = /^arn:([a-z-]+):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)(?::[^:]+)?$/.exec(arn);
  if (!m) throw new LgwError(`unexpected Lambda function ARN "${arn}"`);
  return { partition: m[1]!, region: m[2]!, account: m[3]!, functionName: m[4]! };
}

/** The URI API Gateway invokes a function through (Lambda proxy integration). */
export function integrationUri(region: string, functionArn: string): string {
  const { partition } = parseFunctionArn(functionArn);
  return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/**
 * The function an integration URI points at, or undefined when the URI is not a Lambda one.
 * Accepts qualified ARNs and stage-variable names such as `function:${stageVariables.fn}`.
 */
export function functionNameFromUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  const m = /:lambda:path\/[^/]+\/functions\/(arn:[^/]+)\/invocations$/.exec(uri);
  if (!m) return undefined;
  const fields = m[1]!.split(":");
  return fields[5] === "function" ? fields[6] : undefined;
}

/** "/users/{id}/{proxy+}" parts -> "users/*\/*": variables become wildcards, no leading slash. */
export function sourceArnPath(parts: PathPart[]): string {
  return parts.map((p) => (p.kind === "literal" ? p.value : "*")).join("/");
}

export interface SourceArnInput {
  partition?: string;
  region: string;
  account: string;
  apiId: string;
  /** HTTP method; ANY becomes "*" */
  method: string;
  parts: PathPart[];
}

/** Who may invoke the function: exactly this API, any stage, this method and resource. */
export function executeApiSourceArn(i: SourceArnInput): string {
  const method = i.method === "ANY" ? "*" : i.method;
  return `arn:${i.partition ?? "aws"}:execute-api:${i.region}:${i.account}:${i.apiId}/*/${method}/${sourceArnPath(i.parts)}`;
}

/**
 * The permission's statement id: readable, and stable for one API + method + path, so running a
 * command again finds its own statement instead of adding another. The hash keeps paths that
 * sanitise alike ("/a/b" and "/a_b") apart; Lambda allows [A-Za-z0-9_-]{1,100}.
 */
export function statementId(apiId: string, method: string, path: string): string {
  const hash = createHash("sha256").update(`${apiId} ${method} ${path}`).digest("hex").slice(0, 8);
  const readable = `lgw-${apiId}-${method}-${path.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "")}`.replace(/-+$/, "");
  return `${readable.slice(0, 100 - hash.length - 1)}-${hash}`;
}

/** https://ID.execute-api.REGION.amazonaws.com/STAGE/ */
export function invokeUrl(apiId: string, region: string, stage: string): string {
  const domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `https://${apiId}.execute-api.${region}.${domain}/${stage}/`;
}
