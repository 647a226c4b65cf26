// Pure: what lgw serve checks before a request reaches routing. The Host check keeps web pages
// from reaching the server through DNS rebinding (a page's own name made to resolve to
// 127.0.0.1 still sends that name as Host); API Gateway's request limits; and how a request
// node could not parse is answered (JSON and a closed connection, never a bare 400).
import { isIP } from "node:net";
import type { GatewayErrorKind } from "./responses.js";

/** API Gateway's limits: header values 10,240 bytes in total, a URL of 10,240 characters. */
export const MAX_HEADER_VALUE_BYTES = 10_240;
export const MAX_URL_LENGTH = 10_240;

export interface HostPolicy {
  /** `--allowed-host '*'`: no check */
  any: boolean;
  /** names and addresses taken as they are, lower case, IPv6 without brackets */
  exact: Set<string>;
  /** `.example.com`: example.com and every name under it */
  suffixes: string[];
}

const LOCAL_NAMES = ["localhost", "127.0.0.1", "::1"];
const WILDCARD_BINDS = new Set(["0.0.0.0", "::", "[::]"]);

/** The hostname of a Host header, lower case, without port, brackets or a final dot. */
export function hostnameOf(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith("[")) {
    const end = name.indexOf("]");
    name = end === -1 ? name.slice(1) : name.slice(1, end);
  } else if (name.indexOf(":") === name.lastIndexOf(":")) {
    // one colon: name:port (a bare IPv6 address has several)
    name = name.replace(/:\d*$/, "");
  }
  return name.replace(/\.$/, "");
}

/** Checks one `--allowed-host` value; returns its problem, or undefined when it is usable. */
export function allowedHostProblem(value: string): string | undefined {
  if (value === "*") return undefined;
  const name = value.startsWith(".") ? value.slice(1) : value;
  if (isIP(name.replace(/^\[(.*)\]$/, "$1"))) return undefined;
  if (/^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/i.test(name)) return undefined;
  if (/:\d+$/.test(value)) return `--allowed-host ${value}: give the name without its port (${value.replace(/:\d+$/, "")})`;
  return `--allowed-host ${JSON.stringify(value)}: give a host name such as myapp.test, .example.com for a domain and its subdomains, or '*' for any`;
}

/** An address or name as given on the command line (an IPv6 address bare or in brackets). */
const nameOf = (a: string) => (isIP(a) === 6 ? a.toLowerCase() : hostnameOf(a));

/**
 * Who may be named in Host: localhost, 127.0.0.1, [::1], the address lgw listens on (all of this
 * machine's addresses when it listens on 0.0.0.0 or ::), and the --allowed-host names.
 */
export function hostPolicy(listenHost: string, allowed: string[], machineAddresses: string[]): HostPolicy {
  const exact = new Set(LOCAL_NAMES);
  const suffixes: string[] = [];
  for (const a of WILDCARD_BINDS.has(listenHost) ? machineAddresses : [listenHost]) exact.add(nameOf(a));
  for (const a of allowed) {
    if (a.startsWith(".")) suffixes.push(nameOf(a.slice(1)));
    else if (a !== "*") exact.add(nameOf(a));
  }
  return { any: allowed.includes("*"), exact, suffixes };
}

/** Whether a request naming `host` may be served; a request with no Host (HTTP/1.0) may. */
export function hostAllowed(policy: HostPolicy, host: string | undefined): boolean {
  if (policy.any || host === undefined) return true;
  const name = hostnameOf(host);
  if (policy.exact.has(name)) return true;
  return policy.suffixes.some((s) => name === s || name.endsWith(`.${s}`));
}

/** The one-line JSON body of the 403 for a refused Host. */
export function forbiddenHostBody(host: string): string {
  const name = hostnameOf(host);
  return JSON.stringify({
    message: `Forbidden: Host ${JSON.stringify(host)} is not an address of this lgw serve (a guard against DNS rebinding); start it with --allowed-host ${name || "NAME"} to accept that name`,
  });
}

/** API Gateway's request limits on a request node has parsed: 414 for the URL, 431 for headers. */
export function requestLimitProblem(url: string, rawHeaders: string[]): "uriTooLong" | "headersTooLarge" | undefined {
  if (url.length > MAX_URL_LENGTH) return "uriTooLong";
  let total = 0;
  // node keeps header text as latin1: one character per byte
  for (let i = 1; i < rawHeaders.length; i += 2) total += rawHeaders[i]!.length;
  return total > MAX_HEADER_VALUE_BYTES ? "headersTooLarge" : undefined;
}

/**
 * A request whose Host header cannot be read one way: none at all on HTTP/1.1, or more than one
 * (RFC 9112 3.2: both are a 400). With two, the Host check and the event would each see another.
 */
export function hostHeaderProblem(rawHeaders: string[], httpVersion: string): "badRequest" | undefined {
  let hosts = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.length === 4 && rawHeaders[i]!.toLowerCase() === "host") hosts++;
  return hosts > 1 || (hosts === 0 && httpVersion !== "1.0") ? "badRequest" : undefined;
}

/**
 * How to answer what node's parser refused (its 'clientError'): a JSON error then close, or just
 * close when the client is gone. A header section over node's own limit is 414 when it is the
 * request line that overflowed.
 */
export function clientErrorAnswer(code: string | undefined, rawPacket?: Buffer): GatewayErrorKind | "close" {
  switch (code) {
    case "ECONNRESET":
    case "EPIPE":
      return "close";
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return "requestTimeout";
    case "HPE_HEADER_OVERFLOW": {
      // rawPacket is only the chunk node was parsing: the request line is what it holds when the
      // first line in it ends in " HTTP/1.x", or when it starts one and never ends it
      const text = rawPacket?.toString("latin1") ?? "";
      const lineEnd = text.indexOf("\r\n");
      const first = lineEnd === -1 ? text : text.slice(0, lineEnd);
      const starts = /^[A-Z]+ \S/.test(first);
      const ends = lineEnd !== -1 && / HTTP\/\d\.\d$/.test(first);
      // a whole request line in the chunk overflowed only if it is itself too long
      const longLine = starts && ends ? first.length > MAX_URL_LENGTH : starts || ends;
      return longLine ? "uriTooLong" : "headersTooLarge";
    }
    default:
      return "badRequest";
  }
}
