// Pure: HTTP API payload format 2.0, CONTRACTS.md section 3.
// Notes on what HTTP APIs do (from live captures): rawPath and requestContext.http.path arrive
// URL-decoded (cut at a decoded "?") and, for a named stage, start with "/<stage>";
// rawQueryString stays as sent; bodiless requests carry content-length: 0.
import type { RouteMatch } from "../routes/table.js";
import { isBinaryRequestV2 } from "./binary.js";
import {
  domainOf,
  domainPrefixOf,
  firstHeader,
  formatRequestTime,
  httpApiPath,
  parseQuery,
  shortIdOf,
  type EventOptions,
  type HttpRequestInfo,
} from "./request.js";
import { describeJson, isPlainObject, malformed, parseResult, statusCodeOf, type ResultOutcome } from "./responses.js";
import { forwardedHeaders } from "./v1.js";

function splitCookies(values: string[]): string[] {
  return values.flatMap((v) => v.split(";").map((c) => c.trim()).filter(Boolean));
}

/** Values of one key joined with ","; a Map first, so "constructor" or "__proto__" is only a key. */
function joined(pairs: [string, string][], lower: boolean): Record<string, string> {
  const out = new Map<string, string>();
  for (const [k0, v] of pairs) {
    const k = lower ? k0.toLowerCase() : k0;
    const had = out.get(k);
    out.set(k, had === undefined ? v : `${had},${v}`);
  }
  return Object.fromEntries(out);
}

/** The headers an HTTP API passes: X-Forwarded-*, x-amzn-trace-id, content-length: 0 when bodiless. */
function httpApiHeaders(req: HttpRequestInfo, traceId: string | undefined): [string, string][] {
  const all = forwardedHeaders(req).filter(([k]) => {
    const lower = k.toLowerCase();
    return !(lower === "x-amzn-trace-id" && traceId) && !(lower === "content-length" && req.body.length === 0);
  });
  if (req.body.length === 0) all.push(["content-length", "0"]);
  if (traceId) all.push(["x-amzn-trace-id", traceId]);
  return all;
}

export function toV2Event(req: HttpRequestInfo, match: RouteMatch, opts: EventOptions): Record<string, unknown> {
  const all = httpApiHeaders(req, opts.traceId);
  const cookies = splitCookies(all.filter(([k]) => k.toLowerCase() === "cookie").map(([, v]) => v));
  const headers = joined(all.filter(([k]) => k.toLowerCase() !== "cookie"), true);
  const query = parseQuery(req.rawQuery);
  const routeKey = match.route.implicit ? "$default" : match.route.key;
  const stagePrefix = opts.stage === "$default" ? "" : `/${opts.stage}`;
  const decoded = httpApiPath(req.path);
  // the server answers 400 for a malformed escape before routing; a sample event keeps it as sent
  const path = stagePrefix + ("path" in decoded ? decoded.path : req.path);
  const binary = isBinaryRequestV2(firstHeader(all, "content-type"), req.body, opts.binaryMediaTypes);
  const domainName = domainOf(req.host);
  const requestId = shortIdOf(opts.requestId);

  const event: Record<string, unknown> = { version: "2.0", routeKey, rawPath: path, rawQueryString: req.rawQuery };
  if (cookies.length) event.cookies = cookies;
  event.headers = headers;
  if (query.length) event.queryStringParameters = joined(query, false);
  if (match.pathParameters && !match.route.implicit) event.pathParameters = { ...match.pathParameters };
  if (Object.keys(opts.stageVariables).length) event.stageVariables = { ...opts.stageVariables };
  event.requestContext = {
    accountId: opts.accountId,
    apiId: opts.apiId,
    domainName,
    domainPrefix: domainPrefixOf(domainName),
    http: {
      method: req.method,
      path,
      protocol: req.protocol,
      sourceIp: req.sourceIp,
      userAgent: firstHeader(req.headers, "user-agent") ?? "",
    },
    requestId,
    routeKey,
    stage: opts.stage,
    time: formatRequestTime(req.receivedAt),
    timeEpoch: req.receivedAt.getTime(),
  };
  if (req.body.length) event.body = req.body.toString(binary ? "base64" : "utf8");
  event.isBase64Encoded = binary;
  return event;
}

/**
 * HTTP API response handling: an object with statusCode is read as a response; any other JSON
 * (an object without statusCode, a number, an array) becomes 200 application/json with the JSON
 * text as body; a JSON string becomes the body itself. isBase64Encoded bodies are always decoded.
 */
export function fromV2Result(result: Buffer | string): ResultOutcome {
  const parsed = parseResult(result, "v2");
  if (!("value" in parsed)) return parsed;
  const { value, text } = parsed;
  const inferred = (body: string): ResultOutcome => ({
    ok: true,
    response: { statusCode: 200, headers: [["content-type", "application/json"]], body: Buffer.from(body) },
  });
  if (typeof value === "string") return inferred(value);
  // what a runtime posts for a failed invocation is a Lambda error, not a body to infer from
  if (isPlainObject(value) && !("statusCode" in value) && typeof value.errorMessage === "string") {
    return malformed("v2", `the function returned an error: ${String(value.errorType ?? "Error")}: ${value.errorMessage}`);
  }
  if (!isPlainObject(value) || !("statusCode" in value)) return inferred(text.trim());

  const { headers, cookies, body, isBase64Encoded } = value;
  const statusCode = statusCodeOf(value.statusCode);
  if (statusCode === undefined) {
    return malformed("v2", `statusCode must be an integer from 200 to 599 (a number or a string of digits), got ${JSON.stringify(value.statusCode)}`);
  }
  if (headers != null && !isPlainObject(headers)) return malformed("v2", `headers must be an object, got ${describeJson(headers)}`);
  if (cookies != null && !(Array.isArray(cookies) && cookies.every((c) => typeof c === "string"))) {
    return malformed("v2", `cookies must be an array of strings, got ${describeJson(cookies)}`);
  }
  if (body != null && typeof body !== "string") return malformed("v2", `body must be a string, got ${describeJson(body)}`);
  if (isBase64Encoded != null && typeof isBase64Encoded !== "boolean") {
    return malformed("v2", `isBase64Encoded must be true or false, got ${JSON.stringify(isBase64Encoded)}`);
  }
  const pairs: [string, string][] = [];
  for (const [name, v] of Object.entries(headers ?? {})) {
    if (v === null) continue;
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      return malformed("v2", `headers.${name} must be a string, got ${describeJson(v)}`);
    }
    pairs.push([name, String(v)]);
  }
  for (const c of (cookies as string[] | null | undefined) ?? []) pairs.push(["set-cookie", c]);
  const bodyText = typeof body === "string" ? body : "";
  return {
    ok: true,
    response: {
      statusCode,
      headers: pairs,
      body: isBase64Encoded === true ? Buffer.from(bodyText, "base64") : Buffer.from(bodyText, "utf8"),
    },
  };
}
