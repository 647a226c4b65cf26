// Pure: the neutral shape of one HTTP request (what server.ts reads off the socket and what
// `lgw event` builds from flags), plus the small parsers both event formats share.
import { safeDecode } from "../routes/match.js";

export interface HttpRequestInfo {
  method: string;
  /** raw path as sent, without the query string */
  path: string;
  /** raw query string without "?" ("" when none) */
  rawQuery: string;
  /** header pairs in the order and case they were sent (node's req.rawHeaders) */
  headers: [string, string][];
  body: Buffer;
  sourceIp: string;
  /** "HTTP/1.1" */
  protocol: string;
  /** Host header value (host[:port]) */
  host: string;
  receivedAt: Date;
}

/** Options every event builder takes: what API Gateway knows about the API and the request. */
export interface EventOptions {
  stage: string;
  stageVariables: Record<string, string>;
  binaryMediaTypes: string[];
  requestId: string;
  apiId: string;
  accountId: string;
  /** "Root=1-<8 hex>-<24 hex>": the X-Amzn-Trace-Id the event carries, the Runtime API's trace root */
  traceId?: string;
}

export const DEFAULT_ACCOUNT_ID = "123456789012";
export const DEFAULT_API_ID = "local";

/** Headers about the client's connection to the gateway, which API Gateway never hands a function. */
export const CONNECTION_HEADERS: ReadonlySet<string> = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "expect"]);

/**
 * The request's headers without those of its connection (RFC 9110 7.6.1): Connection, what it
 * names, Keep-Alive, Transfer-Encoding, Upgrade, Expect and the like. Node's HTTP client, for
 * one, sends Connection: keep-alive on every request; no event from API Gateway carries it.
 */
export function endToEndHeaders(headers: [string, string][]): [string, string][] {
  const named = new Set<string>();
  for (const [k, v] of headers) if (k.toLowerCase() === "connection") for (const n of v.split(",")) named.add(n.trim().toLowerCase());
  return headers.filter(([k]) => {
    const lower = k.toLowerCase();
    return !CONNECTION_HEADERS.has(lower) && !named.has(lower);
  });
}

/** All values of a header, case-insensitively, in the order sent. */
export function headerValues(headers: [string, string][], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
}

export function firstHeader(headers: [string, string][], name: string): string | undefined {
  return headerValues(headers, name)[0];
}

/** An identity source's header value: every value of the header joined with ",", or undefined. */
export function joinedHeader(headers: [string, string][], name: string): string | undefined {
  const values = headerValues(headers, name);
  return values.length ? values.join(",") : undefined;
}

/** Every value of a query parameter, in order. */
export function queryValues(rawQuery: string, name: string): string[] {
  return parseQuery(rawQuery).filter(([k]) => k === name).map(([, v]) => v);
}

/** Form-style decoding as API Gateway does for query strings: "+" is a space, then %XX. */
function decodeQueryPart(s: string): string {
  return safeDecode(s.replace(/\+/g, " "));
}

/**
 * "a=1&a=2&b" -> [["a","1"],["a","2"],["b",""]] (decoded, order kept, empty pieces dropped).
 * `semicolons`: ";" separates parameters as "&" does, as REST APIs read query strings.
 */
export function parseQuery(rawQuery: string, opts: { semicolons?: boolean } = {}): [string, string][] {
  if (!rawQuery) return [];
  const out: [string, string][] = [];
  for (const piece of rawQuery.split(opts.semicolons ? /[&;]/ : "&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const key = eq === -1 ? piece : piece.slice(0, eq);
    const value = eq === -1 ? "" : piece.slice(eq + 1);
    out.push([decodeQueryPart(key), decodeQueryPart(value)]);
  }
  return out;
}

/** A REST API's view of the request path: as sent, with a leading "//" collapsed to "/". */
export function restPath(rawPath: string): string {
  return rawPath.replace(/^\/{2,}/, "/");
}

/**
 * An HTTP API's view of the request path: percent-decoded (routing and rawPath use it), cut at a
 * decoded "?" as a real "?" would cut it. A malformed escape (or one that is not UTF-8) is a
 * 400 before routing.
 */
export function httpApiPath(rawPath: string): { path: string } | { error: string } {
  if (!rawPath.includes("%")) return { path: rawPath };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { error: `the path ${JSON.stringify(rawPath.slice(0, 200))} holds a malformed percent escape` };
  }
  const q = decoded.indexOf("?");
  return { path: q === -1 ? decoded : decoded.slice(0, q) };
}

const TRACE_ROOT = /^Root=(1-[0-9a-f]{8}-[0-9a-f]{24})(;|$)/;

/**
 * The request's X-Ray trace root: the client's own X-Amzn-Trace-Id root when it sent a valid one,
 * else a new one from the time and 24 random hex digits.
 */
export function traceRootOf(headers: [string, string][], nowMs: number, hex24: string): string {
  const sent = TRACE_ROOT.exec(firstHeader(headers, "x-amzn-trace-id") ?? "");
  if (sent) return `Root=${sent[1]}`;
  return `Root=1-${Math.floor(nowMs / 1000).toString(16).padStart(8, "0")}-${hex24.slice(0, 24)}`;
}

/**
 * Pairs grouped by key, in the order keys were first sent. `fold` makes keys case-insensitive
 * (headers), keeping the case the key was first sent with.
 */
export function pairGroups(pairs: [string, string][], fold: boolean): { name: string; values: string[] }[] {
  // a Map, not an object: a key such as "constructor" or "__proto__" is data, never a member
  const groups = new Map<string, { name: string; values: string[] }>();
  for (const [k, v] of pairs) {
    const id = fold ? k.toLowerCase() : k;
    const group = groups.get(id);
    if (group) group.values.push(v);
    else groups.set(id, { name: k, values: [v] });
  }
  return [...groups.values()];
}

/**
 * Groups pairs by key (pairGroups). Returns the single-value map (last value wins) and the
 * multi-value map (every value in order), both null when empty, as REST API events carry them.
 */
export function groupPairs(
  pairs: [string, string][],
  fold: boolean,
): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  if (pairs.length === 0) return { single: null, multi: null };
  const groups = pairGroups(pairs, fold);
  // fromEntries defines own properties, so "__proto__" is a key like any other
  return {
    single: Object.fromEntries(groups.map((g) => [g.name, g.values[g.values.length - 1]!])),
    multi: Object.fromEntries(groups.map((g) => [g.name, g.values])),
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "04/Mar/2020:19:15:17 +0000", the format of requestTime (v1) and time (v2). */
export function formatRequestTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return (
    `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
  );
}

/** Host header without the port: what API Gateway calls domainName. */
export function domainOf(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1) || host;
  const colon = host.lastIndexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

/** First label of the domain name. */
export function domainPrefixOf(domain: string): string {
  return domain.split(".")[0] ?? domain;
}

/** A stable 6-character id for a resource path, like API Gateway's resourceId. */
export function resourceIdOf(resourcePath: string): string {
  let h = 2166136261;
  for (let i = 0; i < resourcePath.length; i++) h = Math.imul(h ^ resourcePath.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36).padStart(6, "0").slice(-6);
}

/** API Gateway's short request ids ("LV7fzho-PHcEJPw=") derived from a UUID, so they stay unique. */
export function shortIdOf(uuid: string): string {
  // 11 bytes -> 15 base64 characters and one "="
  const hex = uuid.replace(/-/g, "").slice(0, 22).padEnd(22, "0");
  return Buffer.from(hex, "hex").toString("base64").replace(/\//g, "-");
}
