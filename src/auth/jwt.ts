// JWT verification as API Gateway's JWT authorizers (HTTP APIs) and Cognito authorizers (REST
// APIs) do it, with jose: the signature against a key set, then iss, aud (or client_id), exp, nbf,
// iat and the route's scopes. Pure apart from the key set, which may fetch (see jwks.ts).
//
// AWS's rules (developer guide, "Control access to HTTP APIs with JWT authorizers"):
// - only RSA-based algorithms are supported (so an ES256 token is refused, as on AWS);
// - kid must be in the header and name a key of the issuer's JWKS that verifies the signature;
// - iss must equal the authorizer's issuer;
// - aud must hold one of the audiences; only a token without aud (a Cognito access token) is
//   checked by client_id instead; with both, aud decides;
// - exp must be in the future, nbf and iat in the past;
// - scope (space-separated) or scp must hold at least one of the route's scopes.
// A failure is 401 with `www-authenticate: Bearer scope="" error="invalid_token" error_description="..."`
// (AWS documents "the token does not have a valid audience"); missing scopes are 403.
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";

export type KeySet = JWTVerifyGetKey;

export interface JwtRules {
  issuer: string;
  /** accepted audiences (aud, or client_id for tokens without aud); empty accepts any */
  audience: string[];
  /** the keys that may sign (createLocalJWKSet / createRemoteJWKSet, or jwks.ts) */
  keys: KeySet;
  /** the route's scopes: the token must hold at least one; empty or absent: no check */
  scopes?: string[];
  /** "now" for tests */
  now?: () => Date;
}

export type JwtFailure =
  | "missing"
  | "malformed"
  | "algorithm"
  | "kid"
  | "signature"
  | "expired"
  | "notYetValid"
  | "issuedInFuture"
  | "issuer"
  | "audience"
  | "scope";

export type JwtOutcome =
  | { ok: true; claims: JWTPayload; scopes: string[] }
  | { ok: false; failure: JwtFailure; status: 401 | 403; description: string };

const DESCRIPTIONS: Record<JwtFailure, string> = {
  missing: "the token is missing",
  malformed: "the token is malformed",
  algorithm: "the token's signing algorithm is not supported (API Gateway accepts RSA: RS256, RS384, RS512)",
  kid: "the token has no kid header naming its key",
  signature: "the token signature is invalid",
  expired: "the token has expired",
  notYetValid: "the token is not valid yet",
  issuedInFuture: "the token was issued in the future",
  issuer: "the token does not have a valid issuer",
  audience: "the token does not have a valid audience",
  scope: "the token does not have the required scope",
};

export function jwtFailure(failure: JwtFailure): JwtOutcome & { ok: false } {
  return { ok: false, failure, status: failure === "scope" ? 403 : 401, description: DESCRIPTIONS[failure] };
}

/** The header AWS sends with a 401 from a JWT authorizer. */
export function wwwAuthenticate(outcome: { failure: JwtFailure; description: string }): string {
  if (outcome.failure === "missing") return "Bearer";
  return `Bearer scope="" error="invalid_token" error_description="${outcome.description}"`;
}

/** "Bearer abc" or "abc" -> "abc" (API Gateway takes both); undefined when empty. */
export function bearerToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const m = /^bearer(?:\s+(.*)|$)/i.exec(v);
  const token = (m ? (m[1] ?? "") : v).trim();
  return token === "" ? undefined : token;
}

/** scope ("a b") or scp (["a","b"] or "a b") -> the token's scopes. */
export function tokenScopes(claims: JWTPayload): string[] {
  const from = (v: unknown): string[] =>
    typeof v === "string" ? v.split(/\s+/).filter(Boolean) : Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
  const scope = from(claims.scope);
  return scope.length ? scope : from(claims.scp);
}

/** Whether the claims pass the audience rule: aud when present, else client_id. */
export function audienceOk(claims: JWTPayload, audience: string[]): boolean {
  if (audience.length === 0) return true;
  if (claims.aud !== undefined) {
    const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return auds.some((a) => audience.includes(a));
  }
  return typeof claims.client_id === "string" && audience.includes(claims.client_id);
}

/** Time and claim checks on an already verified payload (also used on a cache hit). */
export function checkClaims(claims: JWTPayload, rules: Pick<JwtRules, "issuer" | "audience" | "scopes" | "now">): JwtOutcome {
  const now = Math.floor((rules.now?.() ?? new Date()).getTime() / 1000);
  if (claims.iss !== rules.issuer) return jwtFailure("issuer");
  if (!audienceOk(claims, rules.audience)) return jwtFailure("audience");
  if (typeof claims.exp !== "number" || claims.exp <= now) return jwtFailure("expired");
  if (typeof claims.nbf === "number" && claims.nbf > now) return jwtFailure("notYetValid");
  if (typeof claims.iat === "number" && claims.iat > now) return jwtFailure("issuedInFuture");
  const scopes = tokenScopes(claims);
  if (rules.scopes?.length && !rules.scopes.some((s) => scopes.includes(s))) return jwtFailure("scope");
  return { ok: true, claims, scopes };
}

function failureOf(err: unknown): JwtFailure {
  if (err instanceof errors.JWTExpired) return "expired";
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "nbf") return "notYetValid";
    if (err.claim === "iss") return "issuer";
    if (err.claim === "aud") return "audience";
    return "malformed";
  }
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return "signature";
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return "signature";
  return "malformed";
}

/** The algorithms API Gateway's JWT authorizers verify ("currently, only RSA-based algorithms"). */
export const JWT_ALGORITHMS = ["RS256", "RS384", "RS512"];

/** What the header alone refuses: not a JWS header, alg none or not RSA, no kid. */
function headerFailure(token: string): JwtFailure | undefined {
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return "malformed";
  }
  if (header.alg === "none") return "signature";
  if (typeof header.alg !== "string" || !JWT_ALGORITHMS.includes(header.alg)) return "algorithm";
  if (typeof header.kid !== "string" || header.kid === "") return "kid";
  return undefined;
}

/**
 * Verifies one token. Network problems fetching the issuer's keys are not the token's fault:
 * they throw (the caller answers 500 or reports it), everything about the token is an outcome.
 */
export async function verifyJwt(token: string | undefined, rules: JwtRules): Promise<JwtOutcome> {
  if (!token) return jwtFailure("missing");
  if (token.split(".").length !== 3) return jwtFailure("malformed");
  const refused = headerFailure(token);
  if (refused) return jwtFailure(refused);
  let claims: JWTPayload;
  try {
    // iss, aud and the times are checked below, the way AWS does; jose checks the signature
    // (and refuses alg "none": it never verifies an unsecured token against a key)
    const out = await jwtVerify(token, rules.keys, { currentDate: rules.now?.(), clockTolerance: 0, algorithms: JWT_ALGORITHMS });
    claims = out.payload;
  } catch (err) {
    if (isFetchProblem(err)) throw err;
    return jwtFailure(failureOf(err));
  }
  return checkClaims(claims, rules);
}

/** Not the token's fault: the keys could not be had (no JWKS file, the issuer unreachable). */
function isFetchProblem(err: unknown): boolean {
  return !(err instanceof errors.JOSEError) || err instanceof errors.JWKSTimeout || err.code === "ERR_JWKS_INVALID";
}

/**
 * API Gateway hands claims to the function as strings (aws-lambda-go: map[string]string):
 * numbers and booleans as their JSON text, an array as "[a b]" (bracketed, space-separated, as
 * observed on real HTTP APIs); an object the same Go-like way as "map[k:v]" (keys sorted).
 */
export function flattenClaim(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return `[${value.map(flattenClaim).join(" ")}]`;
  const obj = value as Record<string, unknown>;
  return `map[${Object.keys(obj)
    .sort()
    .map((k) => `${k}:${flattenClaim(obj[k])}`)
    .join(" ")}]`;
}

export function flattenClaims(claims: JWTPayload): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, flattenClaim(v)]));
}

/**
 * A verifier that remembers each token it verified (until the token's exp), so a client that
 * sends the same token again costs a map lookup and the claim checks, not a signature check.
 * Only successes are kept; the cache is bounded (oldest out first).
 */
export function cachedVerifier(base: Omit<JwtRules, "scopes">, maxEntries = 1000) {
  const verified = new Map<string, JWTPayload>();
  return async (token: string | undefined, scopes?: string[]): Promise<JwtOutcome> => {
    const rules = { ...base, scopes };
    if (token) {
      const hit = verified.get(token);
      if (hit) {
        const outcome = checkClaims(hit, rules);
        if (!outcome.ok && outcome.failure === "expired") verified.delete(token);
        return outcome;
      }
    }
    const outcome = await verifyJwt(token, { ...base });
    if (!outcome.ok) return outcome;
    if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
    verified.set(token!, outcome.claims);
    return checkClaims(outcome.claims, rules);
  };
}
