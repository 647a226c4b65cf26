// Pure: which bodies API Gateway treats as binary.
// REST APIs decide with their binaryMediaTypes list: entries are media types where "*" is a
// wildcard ("*/*" for everything, "image/*" for every image type). A request body whose
// Content-Type matches is base64-encoded for the function; a response with isBase64Encoded is
// decoded when its Content-Type, or the request's first Accept type, matches.
// HTTP APIs (v2) have no such list: bodies that are not text reach the function base64-encoded.
import { isUtf8 } from "node:buffer";

/** "Text/HTML; charset=utf-8" -> "text/html" */
export function mediaTypeOf(contentType: string | undefined): string {
  if (!contentType) return "";
  return contentType.split(";")[0]!.trim().toLowerCase();
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .toLowerCase()
    .split("*")
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${escaped}$`);
}

/** Does this Content-Type (parameters ignored) match one of the binaryMediaTypes? */
export function matchesBinaryMediaType(contentType: string | undefined, binaryMediaTypes: string[]): boolean {
  const type = mediaTypeOf(contentType);
  if (!type || binaryMediaTypes.length === 0) return false;
  return binaryMediaTypes.some((pattern) => {
    const p = pattern.trim();
    return p !== "" && globToRegExp(mediaTypeOf(p)).test(type);
  });
}

/** API Gateway looks only at the first media type of Accept. */
export function firstAcceptType(accept: string | undefined): string | undefined {
  if (!accept) return undefined;
  const first = accept.split(",")[0]!.trim();
  return first || undefined;
}

/** REST API request: base64 when Content-Type matches binaryMediaTypes. */
export function isBinaryRequestV1(contentType: string | undefined, binaryMediaTypes: string[]): boolean {
  return matchesBinaryMediaType(contentType, binaryMediaTypes);
}

/** REST API response: decode isBase64Encoded bodies when Content-Type or first Accept matches. */
export function shouldDecodeResponseV1(
  responseContentType: string | undefined,
  accept: string | undefined,
  binaryMediaTypes: string[],
): boolean {
  return (
    matchesBinaryMediaType(responseContentType, binaryMediaTypes) ||
    matchesBinaryMediaType(firstAcceptType(accept), binaryMediaTypes)
  );
}

const TEXT_TYPES = [
  /^text\//,
  /^application\/(json|xml|javascript|ecmascript|x-javascript|graphql|yaml|x-yaml|x-ndjson|ld\+json)$/,
  /\+(json|xml)$/,
];

/** HTTP API request: anything that is not text (or has a matching binaryMediaType) is base64. */
export function isBinaryRequestV2(contentType: string | undefined, body: Buffer, binaryMediaTypes: string[]): boolean {
  if (body.length === 0) return false;
  if (matchesBinaryMediaType(contentType, binaryMediaTypes)) return true;
  const type = mediaTypeOf(contentType);
  if (type === "") return !isUtf8(body);
  return !TEXT_TYPES.some((re) => re.test(type));
}
