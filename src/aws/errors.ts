// AWS failures as one line that says what to do next, and the retry for "an update is in
// progress" conflicts that the SDK's own retry does not cover.
import { LgwError } from "../errors.js";
import { sleep } from "../util/sleep.js";

export interface AwsErrorContext {
  /** what lgw was doing, as the API calls it: "UpdateFunctionCode", "GetRestApi" */
  action: string;
  /** what it was doing it to: a function name, an ARN, "REST API abc123" */
  resource?: string;
  /** set when the resource is a Lambda function: a not-found then names `--create` */
  functionName?: string;
  /** the endpoint in use, for "cannot reach" messages */
  endpoint?: string;
}

interface AwsLikeError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  errors?: unknown[];
  address?: string;
  port?: number;
  hostname?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  /** set by the clients (src/aws/clients.ts): where the failed attempt was sent */
  $endpoint?: string;
}

const CREDENTIAL_ERRORS = new Set(["CredentialsProviderError", "TokenProviderError"]);
const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "UnauthorizedOperation",
]);
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired"]);
const THROTTLED = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
]);
const NOT_FOUND = new Set(["ResourceNotFoundException", "NotFoundException", "NoSuchEntity"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EPIPE"]);

/** The error code AWS sent (the SDK puts it in `name`), or a Node network code. */
export function awsErrorCode(err: unknown): string {
  const e = (err ?? {}) as AwsLikeError;
  return e.name && e.name !== "Error" ? e.name : (e.Code ?? e.code ?? e.name ?? "Error");
}

/** The socket-level failure under an error, when there is one (Node 20 wraps them in AggregateError). */
function networkFailure(err: AwsLikeError): AwsLikeError | undefined {
  // the inner socket errors carry the address; the wrapper may carry only the code
  for (const inner of err.errors ?? []) {
    const found = networkFailure((inner ?? {}) as AwsLikeError);
    if (found) return found;
  }
  if (err.code && NETWORK_CODES.has(err.code)) return err;
  return undefined;
}

/** The SDK's own timeouts (connect, socket inactivity, total), with the bound they hit. */
function timeoutFailure(err: AwsLikeError): { connect: boolean; seconds: number } | undefined {
  if (err.name !== "TimeoutError") return undefined;
  const ms = /(\d+) ms/.exec(err.message ?? "");
  const seconds = ms ? Math.round(Number(ms[1]) / 100) / 10 : NaN;
  return { connect: /establish a connection/i.test(err.message ?? ""), seconds };
}

function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n")[0]!.trim();
}

/** Turns any error from an AWS call into an LgwError with one actionable line. */
export function describeAwsError(err: unknown, ctx: AwsErrorContext): LgwError {
  if (err instanceof LgwError) return err;
  const e = (err ?? {}) as AwsLikeError;
  const target = ctx.resource ?? ctx.functionName;
  const f: Failure = { e, code: awsErrorCode(err), message: firstLine(e.message), ctx, target, on: target ? ` on ${target}` : "", opts: { cause: err } };
  return (
    credentialsProblem(f) ??
    refusal(f) ??
    transportProblem(f) ??
    new LgwError(`${ctx.action} failed: ${f.code}: ${f.message || "no message"}`, f.opts)
  );
}

/** An AWS failure with what every message is made of. */
interface Failure {
  e: AwsLikeError;
  code: string;
  /** the first line of the error's message */
  message: string;
  ctx: AwsErrorContext;
  target: string | undefined;
  /** " on <target>", or nothing */
  on: string;
  opts: { cause: unknown };
}

/** No credentials, expired ones, or ones the IAM policy does not allow. */
function credentialsProblem({ e, code, message, ctx, on, opts }: Failure): LgwError | undefined {
  if (CREDENTIAL_ERRORS.has(code) || /could not load credentials|credential is missing/i.test(message)) {
    const why = /could not load credentials from any providers/i.test(message) ? "" : ` (${message})`;
    return new LgwError(`no AWS credentials found${why}: set AWS_PROFILE or run \`aws configure\``, opts);
  }
  if (EXPIRED.has(code)) {
    return new LgwError(`AWS credentials have expired (${ctx.action}${on}): refresh them, e.g. \`aws sso login\``, opts);
  }
  if (ACCESS_DENIED.has(code) || (e.$metadata?.httpStatusCode === 403 && !THROTTLED.has(code))) {
    return new LgwError(`access denied: ${ctx.action}${on}; check the IAM policy of your credentials`, {
      ...opts,
      hint: message ? `AWS said: ${code}: ${message}` : undefined,
    });
  }
  return undefined;
}

/** AWS answered and refused: not found, throttled, a function still being updated. */
function refusal({ e, code, message, ctx, target, on, opts }: Failure): LgwError | undefined {
  if (NOT_FOUND.has(code) && ctx.functionName) {
    return new LgwError(`function ${ctx.functionName} not found: run \`lgw deploy ${ctx.functionName} --create\``, opts);
  }
  if (NOT_FOUND.has(code)) {
    return new LgwError(`${ctx.action} failed: ${target ?? "resource"} not found${message ? ` (${message})` : ""}`, opts);
  }
  if (THROTTLED.has(code) || e.$metadata?.httpStatusCode === 429) {
    const attempts = e.$metadata?.attempts;
    const after = attempts && attempts > 1 ? ` after ${attempts} attempts` : "";
    return new LgwError(`AWS throttled ${ctx.action}${on}${after}: try again later`, opts);
  }
  if (code === "ResourceConflictException" && ctx.functionName) {
    return new LgwError(`function ${ctx.functionName} is still being updated (${ctx.action}): try again in a minute`, opts);
  }
  return undefined;
}

/** No AWS answer: a timeout, a network failure, or a body that is not an AWS response. */
function transportProblem({ e, code, ctx, on, opts }: Failure): LgwError | undefined {
  const stall = timeoutFailure(e);
  if (stall) {
    const where = e.$endpoint ?? ctx.endpoint ?? "the AWS endpoint";
    const attempts = e.$metadata?.attempts && e.$metadata.attempts > 1 ? `, ${e.$metadata.attempts} attempts` : "";
    const what = stall.connect ? `could not connect to ${where} within ${stall.seconds} s` : `no answer from ${where} for ${stall.seconds} s`;
    return new LgwError(`${what} during ${ctx.action}${on}${attempts}: check that the endpoint is up, or raise LGW_AWS_TIMEOUT (seconds)`, opts);
  }
  const net = networkFailure(e);
  if (net) {
    const where = ctx.endpoint ?? e.$endpoint ?? (net.address ? `${net.address}${net.port ? `:${net.port}` : ""}` : (net.hostname ?? "the AWS endpoint"));
    const hint = ctx.endpoint ? "is the local AWS server (moto, LocalStack) running?" : "check your network, --region and --endpoint-url / AWS_ENDPOINT_URL";
    return new LgwError(`cannot reach ${where}: ${net.code} during ${ctx.action}`, { ...opts, hint });
  }
  const status = e.$metadata?.httpStatusCode;
  if (code === "SyntaxError" && status) {
    // the SDK could not parse the body: not an AWS answer (an emulator's HTML error page, a proxy)
    return new LgwError(`${ctx.action} failed: the endpoint answered HTTP ${status} with a body that is not an AWS response`, {
      ...opts,
      hint: ctx.endpoint
        ? `${ctx.endpoint} may not implement ${ctx.action} (moto and LocalStack lack some actions)`
        : "check --endpoint-url / AWS_ENDPOINT_URL and any proxy in between",
    });
  }
  return undefined;
}

export interface ConflictRetryOptions {
  /** where to say that lgw is waiting */
  log?: { step(message: string): void };
  /** total attempts, the first included (default 8) */
  attempts?: number;
  /** first wait; doubles each time, capped at 10 s (default 1000) */
  baseDelayMs?: number;
  /** names the operation in the waiting message */
  what?: string;
  signal?: AbortSignal;
  /** retry these errors too (e.g. a just-created role that Lambda cannot assume yet) */
  retryIf?: (err: unknown) => boolean;
}

// Throttling is not here: the SDK's adaptive retry strategy (clients.ts) already retries it,
// and retrying its last failure again multiplied the requests (6 x 8 = 48).
const RETRIED = new Set(["ResourceConflictException"]);

/**
 * Runs fn, retrying while Lambda says another update is still in progress
 * (ResourceConflictException), which the SDK does not retry.
 */
export async function withConflictRetry<T>(fn: () => Promise<T>, opts: ConflictRetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, opts.attempts ?? 8);
  const base = opts.baseDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = awsErrorCode(err);
      const extra = !RETRIED.has(code) && (opts.retryIf?.(err) ?? false);
      if ((!RETRIED.has(code) && !extra) || attempt >= attempts || opts.signal?.aborted) throw err;
      const delay = Math.min(base * 2 ** (attempt - 1), 10_000);
      const why = code === "ResourceConflictException" ? "an update is in progress" : code;
      opts.log?.step(`${opts.what ? `${opts.what}: ` : ""}${why}, retrying in ${formatDelay(delay)} (attempt ${attempt + 1}/${attempts})`);
      await sleep(delay, opts.signal);
      if (opts.signal?.aborted) throw err;
    }
  }
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)}s` : `${ms}ms`;
}

