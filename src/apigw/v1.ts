// Pure: REST API (payload 1.0) Lambda proxy integration, CONTRACTS.md section 2.
// toV1Event builds the event API Gateway sends; fromV1Result turns what the function returned
// into the HTTP response, or into the 502 a malformed proxy response gets.
import type { RouteMatch } from "../routes/table.js";
import { isBinaryRequestV1, shouldDecodeResponseV1 } from "./binary.js";
import {
  domainOf,
  domainPrefixOf,
  firstHeader,
  formatRequestTime,
  groupPairs,
  parseQuery,
  resourceIdOf,
  restPath,
  shortIdOf,
  type EventOptions,
  type HttpRequestInfo,
} from "./request.js";
import { describeJson, isPlainObject, malformed, parseResult, statusCodeOf, type ProxyResponse, type ResultOutcome } from "./responses.js";

/**
 * Headers the gateway adds in front of the function: X-Forwarded-For/-Port/-Proto, as API
 * Gateway sets them for every proxied request.
 */
export function forwardedHeaders(req: HttpRequestInfo): [string, string][] {
  const out = [...req.headers];
  const has = (n: string) => firstHeader(out, n) !== undefined;
  const xff = out.findIndex(([k]) => k.toLowerCase() === "x-forwarded-for");
  if (xff === -1) out.push(["X-Forwarded-For", req.sourceIp]);
  else out[xff] = [out[xff]![0], `${out[xff]![1]}, ${req.sourceIp}`];
  if (!has("x-forwarded-port")) {
    const port = /:(\d+)$/.exec(req.host)?.[1] ?? "80";
    out.push(["X-Forwarded-Port", port]);
  }
  if (!has("x-forwarded-proto")) out.push(["X-Forwarded-Proto", "http"]);
  return out;
}

/**
 * REST APIs pass no Content-Length to the function and add X-Amzn-Trace-Id (the root the Runtime
 * API reports as Lambda-Runtime-Trace-Id).
 */
function restHeaders(req: HttpRequestInfo, traceId: string | undefined): [string, string][] {
  const out = forwardedHeaders(req).filter(([k]) => k.toLowerCase() !== "content-length");
  if (traceId) {
    const at = out.findIndex(([k]) => k.toLowerCase() === "x-amzn-trace-id");
    if (at === -1) out.push(["X-Amzn-Trace-Id", traceId]);
    else out[at] = [out[at]![0], traceId];
  }
  return out;
}

export function toV1Event(req: HttpRequestInfo, match: RouteMatch, opts: EventOptions): Record<string, unknown> {
  const headerPairs = restHeaders(req, opts.traceId);
  const headers = groupPairs(headerPairs, true);
  const query = groupPairs(parseQuery(req.rawQuery, { semicolons: true }), false);
  const binary = req.body.length > 0 && isBinaryRequestV1(firstHeader(headerPairs, "content-type"), opts.binaryMediaTypes);
  const resource = match.route.path;
  const domainName = domainOf(req.host);
  // path and pathParameters as sent (percent-encoded); only a leading "//" is collapsed
  const path = restPath(req.path);
  return {
    resource,
    path,
    httpMethod: req.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: match.pathParameters,
    stageVariables: Object.keys(opts.stageVariables).length ? { ...opts.stageVariables } : null,
    requestContext: {
      accountId: opts.accountId,
      apiId: opts.apiId,
      // requestContext.authorizer is set by the server only when the route has an authorizer
      deploymentId: resourceIdOf(`deployment ${opts.apiId} ${opts.stage}`),
      domainName,
      domainPrefix: domainPrefixOf(domainName),
      extendedRequestId: shortIdOf(opts.requestId),
      httpMethod: req.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: req.sourceIp,
        user: null,
        userAgent: firstHeader(req.headers, "user-agent") ?? null,
        userArn: null,
      },
      path: `/${opts.stage}${path}`,
      protocol: req.protocol,
      requestId: opts.requestId,
      requestTime: formatRequestTime(req.receivedAt),
      requestTimeEpoch: req.receivedAt.getTime(),
      resourceId: resourceIdOf(resource),
      resourcePath: resource,
      stage: opts.stage,
    },
    body: req.body.length === 0 ? null : req.body.toString(binary ? "base64" : "utf8"),
    isBase64Encoded: binary,
  };
}

const RESULT_KEYS = new Set(["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"]);

/** A header value API Gateway accepts (it stringifies numbers and booleans). */
function headerText(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

export interface V1ResultOptions {
  binaryMediaTypes: string[];
  /** the request's Accept header */
  accept?: string;
}

/**
 * A proxy result's headers as pairs: headers whose name has no multi-value entry, the
 * multiValueHeaders, then the headers whose name has one, unless that same value is among them
 * (AWS: "API Gateway merges them into a single list. If the same key-value pair is specified in
 * both, only the values from multiValueHeaders will appear"); Content-Type application/json
 * when neither gave one. Or what is wrong with them.
 */
function resultHeaders(headers: unknown, multiValueHeaders: unknown): [string, string][] | string {
  const pairs: [string, string][] = [];
  const multi = new Map<string, string[]>();
  for (const [name, values] of Object.entries(multiValueHeaders ?? {})) {
    if (values === null) continue;
    if (!Array.isArray(values)) return `multiValueHeaders.${name} must be an array, got ${describeJson(values)}`;
    const seen = multi.get(name.toLowerCase()) ?? [];
    multi.set(name.toLowerCase(), seen);
    for (const v of values) {
      const t = headerText(v);
      if (t === undefined) return `multiValueHeaders.${name} holds ${describeJson(v)}, not a string`;
      pairs.push([name, t]);
      seen.push(t);
    }
  }
  const single: [string, string][] = [];
  const merged: [string, string][] = [];
  for (const [name, v] of Object.entries(headers ?? {})) {
    if (v === null) continue;
    const t = headerText(v);
    if (t === undefined) return `headers.${name} must be a string, got ${describeJson(v)}`;
    const shared = multi.get(name.toLowerCase());
    if (!shared) single.push([name, t]);
    else if (!shared.includes(t)) merged.push([name, t]);
  }
  const all = [...single, ...pairs, ...merged];
  if (!all.some(([k]) => k.toLowerCase() === "content-type")) all.push(["Content-Type", "application/json"]);
  return all;
}

export function fromV1Result(result: Buffer | string, opts: V1ResultOptions): ResultOutcome {
  const parsed = parseResult(result, "v1");
  if (!("value" in parsed)) return parsed;
  const { value } = parsed;
  if (!isPlainObject(value)) return malformed("v1", `the result is ${describeJson(value)}, not an object with statusCode`);
  for (const key of Object.keys(value)) {
    if (!RESULT_KEYS.has(key)) return malformed("v1", `the result has an unknown key "${key}" (allowed: ${[...RESULT_KEYS].join(", ")})`);
  }
  if (Object.keys(value).length === 0) return malformed("v1", "the result is {}: give it at least a statusCode");
  const { headers, multiValueHeaders, body, isBase64Encoded } = value;
  // AWS answers 200 for a result without statusCode and reads "201" as 201
  const statusCode = "statusCode" in value ? statusCodeOf(value.statusCode) : 200;
  if (statusCode === undefined) {
    return malformed("v1", `statusCode must be an integer from 200 to 599 (a number or a string of digits), got ${JSON.stringify(value.statusCode)}`);
  }
  if (headers != null && !isPlainObject(headers)) return malformed("v1", `headers must be an object, got ${describeJson(headers)}`);
  if (multiValueHeaders != null && !isPlainObject(multiValueHeaders)) {
    return malformed("v1", `multiValueHeaders must be an object of arrays, got ${describeJson(multiValueHeaders)}`);
  }
  if (body != null && typeof body !== "string") return malformed("v1", `body must be a string, got ${describeJson(body)}`);
  if (isBase64Encoded != null && typeof isBase64Encoded !== "boolean") {
    return malformed("v1", `isBase64Encoded must be true or false, got ${JSON.stringify(isBase64Encoded)}`);
  }

  const all = resultHeaders(headers, multiValueHeaders);
  if (typeof all === "string") return malformed("v1", all);
  const contentType = all.find(([k]) => k.toLowerCase() === "content-type")?.[1];
  const decode = isBase64Encoded === true && shouldDecodeResponseV1(contentType, opts.accept, opts.binaryMediaTypes);
  const bodyText = typeof body === "string" ? body : "";
  const response: ProxyResponse = {
    statusCode,
    headers: all,
    body: decode ? Buffer.from(bodyText, "base64") : Buffer.from(bodyText, "utf8"),
  };
  return { ok: true, response };
}
