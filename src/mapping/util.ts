// Pure: API Gateway's $util functions for mapping templates, with the Java semantics AWS runs
// them with (commons-lang escapeJavaScript, java.net.URLEncoder/URLDecoder, UTF-8 base64).
import { safeDecode } from "../routes/match.js";

/**
 * StringEscapeUtils.escapeJavaScript (commons-lang 2), which API Gateway uses: quotes, backslash
 * and "/" get a backslash, control characters their short or \u00XX form, and every character
 * above 0x7f its \uXXXX form (upper-case hex). Single quotes become \' as AWS documents.
 */
export function escapeJavaScript(value: unknown): string {
  const s = stringOf(value);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    const c = s[i]!;
    if (ch > 0x7f) out += "\\u" + ch.toString(16).toUpperCase().padStart(4, "0");
    else if (ch < 32) out += SHORT_ESCAPES[ch] ?? "\\u" + ch.toString(16).toUpperCase().padStart(4, "0");
    else if (c === "'" || c === '"' || c === "\\" || c === "/") out += "\\" + c;
    else out += c;
  }
  return out;
}

const SHORT_ESCAPES: Record<number, string> = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r" };

/** java.net.URLEncoder.encode(s, "UTF-8"): application/x-www-form-urlencoded, space as "+". */
export function urlEncode(value: unknown): string {
  return encodeURIComponent(stringOf(value))
    .replace(/[!'()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, "+");
}

/** java.net.URLDecoder.decode(s, "UTF-8"): "+" is a space; a bad escape is left as it stands. */
export function urlDecode(value: unknown): string {
  return safeDecode(stringOf(value).replace(/\+/g, " "));
}

export function base64Encode(value: unknown): string {
  return Buffer.from(stringOf(value), "utf8").toString("base64");
}

export function base64Decode(value: unknown): string {
  return Buffer.from(stringOf(value), "base64").toString("utf8");
}

/** $util.parseJson: stringified JSON to an object VTL can walk; bad JSON gives null. */
export function parseJson(value: unknown): unknown {
  try {
    return JSON.parse(stringOf(value));
  } catch {
    return null;
  }
}

/** How a value prints in a template: Java's toString for what JSON can hold. */
export function stringOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function makeUtil() {
  return { escapeJavaScript, urlEncode, urlDecode, base64Encode, base64Decode, parseJson };
}
