// What moto cannot show: conflicts, AccessDenied, throttling, missing credentials.
import { describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import {
  LambdaClient,
  LambdaServiceException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException,
  UpdateFunctionCodeCommand,
} from "@aws-sdk/client-lambda";
import { describeAwsError, withConflictRetry } from "./errors.js";
import { LgwError } from "../errors.js";

const meta = { $metadata: { httpStatusCode: 400 } };

function serviceError(name: string, message: string, status = 400, attempts?: number): LambdaServiceException {
  return new LambdaServiceException({ name, message, $fault: "client", $metadata: { httpStatusCode: status, attempts } });
}

function credentialsError(message: string): Error {
  const e = new Error(message);
  e.name = "CredentialsProviderError";
  return e;
}

function connRefused(): Error {
  const inner = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED", address: "127.0.0.1", port: 4566 });
  return Object.assign(new AggregateError([inner], ""), { code: "ECONNREFUSED", $metadata: { attempts: 6 } });
}

describe("describeAwsError", () => {
  const cases: { name: string; err: unknown; ctx: Parameters<typeof describeAwsError>[1]; want: string }[] = [
    {
      name: "no credentials",
      err: credentialsError("Could not load credentials from any providers"),
      ctx: { action: "GetFunction", functionName: "hello" },
      want: "no AWS credentials found: set AWS_PROFILE or run `aws configure`",
    },
    {
      name: "a body the SDK cannot parse (an emulator's HTML 500 for an action it lacks)",
      err: Object.assign(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response`), {
        $metadata: { httpStatusCode: 500, attempts: 1 },
      }),
      ctx: { action: "UpdateMethod", resource: "GET /hello", endpoint: "http://127.0.0.1:5000" },
      want: "UpdateMethod failed: the endpoint answered HTTP 500 with a body that is not an AWS response",
    },
    {
      name: "a profile that does not exist",
      err: credentialsError("Profile nope could not be found or parsed in shared credentials file."),
      ctx: { action: "GetFunction" },
      want: "no AWS credentials found (Profile nope could not be found or parsed in shared credentials file.): set AWS_PROFILE or run `aws configure`",
    },
    {
      name: "AccessDeniedException names action and resource",
      err: serviceError("AccessDeniedException", "User: arn:aws:iam::1:user/x is not authorized", 403),
      ctx: { action: "UpdateFunctionCode", resource: "function hello" },
      want: "access denied: UpdateFunctionCode on function hello; check the IAM policy of your credentials",
    },
    {
      name: "bad keys",
      err: serviceError("UnrecognizedClientException", "The security token included in the request is invalid.", 403),
      ctx: { action: "GetFunction", functionName: "hello" },
      want: "access denied: GetFunction on hello; check the IAM policy of your credentials",
    },
    {
      name: "a missing function names --create",
      err: new ResourceNotFoundException({ message: "Function not found: arn:aws:lambda:us-east-1:1:function:hello", ...meta }),
      ctx: { action: "GetFunction", functionName: "hello" },
      want: "function hello not found: run `lgw deploy hello --create`",
    },
    {
      name: "another missing resource",
      err: serviceError("NotFoundException", "Invalid REST API identifier specified", 404),
      ctx: { action: "GetRestApi", resource: "REST API abc123" },
      want: "GetRestApi failed: REST API abc123 not found (Invalid REST API identifier specified)",
    },
    {
      name: "throttled after the SDK's retries",
      err: new TooManyRequestsException({ message: "Rate exceeded", $metadata: { httpStatusCode: 429, attempts: 6 } }),
      ctx: { action: "UpdateFunctionCode", functionName: "hello" },
      want: "AWS throttled UpdateFunctionCode on hello after 6 attempts: try again later",
    },
    {
      name: "ThrottlingException from API Gateway",
      err: serviceError("ThrottlingException", "Rate exceeded", 400),
      ctx: { action: "PutMethod" },
      want: "AWS throttled PutMethod: try again later",
    },
    {
      name: "a conflict that outlived the retries",
      err: new ResourceConflictException({ message: "The operation cannot be performed at this time.", ...meta }),
      ctx: { action: "UpdateFunctionConfiguration", functionName: "hello" },
      want: "function hello is still being updated (UpdateFunctionConfiguration): try again in a minute",
    },
    {
      name: "connection refused, endpoint known",
      err: connRefused(),
      ctx: { action: "GetFunction", endpoint: "http://localhost:4566" },
      want: "cannot reach http://localhost:4566: ECONNREFUSED during GetFunction",
    },
    {
      name: "connection refused, address from the socket error",
      err: connRefused(),
      ctx: { action: "GetFunction" },
      want: "cannot reach 127.0.0.1:4566: ECONNREFUSED during GetFunction",
    },
    {
      name: "a stalled socket names the endpoint the attempt went to",
      err: Object.assign(new Error("@smithy/node-http-handler - the request socket timed out after 20000 ms of inactivity (configured by client requestHandler)."), {
        name: "TimeoutError",
        $endpoint: "https://lambda.eu-west-1.amazonaws.com",
        $metadata: { attempts: 6 },
      }),
      ctx: { action: "GetFunction", functionName: "hello" },
      want: "no answer from https://lambda.eu-west-1.amazonaws.com for 20 s during GetFunction on hello, 6 attempts: check that the endpoint is up, or raise LGW_AWS_TIMEOUT (seconds)",
    },
    {
      name: "a connect timeout says it never connected",
      err: Object.assign(new Error("@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 4000 ms."), {
        name: "TimeoutError",
      }),
      ctx: { action: "GetRestApi", endpoint: "http://10.255.255.1:4566" },
      want: "could not connect to http://10.255.255.1:4566 within 4 s during GetRestApi: check that the endpoint is up, or raise LGW_AWS_TIMEOUT (seconds)",
    },
    {
      name: "anything else keeps AWS's code and message",
      err: serviceError("InvalidParameterValueException", "Unzipped size must be smaller than 262144000 bytes\nmore", 400),
      ctx: { action: "UpdateFunctionCode", functionName: "hello" },
      want: "UpdateFunctionCode failed: InvalidParameterValueException: Unzipped size must be smaller than 262144000 bytes",
    },
  ];
  it("an unparsable body names the endpoint that may lack the action", () => {
    const err = Object.assign(new SyntaxError("Unexpected token '<'"), { $metadata: { httpStatusCode: 500 } });
    expect(describeAwsError(err, { action: "UpdateMethod", endpoint: "http://127.0.0.1:5000" }).hint).toBe(
      "http://127.0.0.1:5000 may not implement UpdateMethod (moto and LocalStack lack some actions)",
    );
  });

  for (const c of cases) {
    it(c.name, () => {
      const e = describeAwsError(c.err, c.ctx);
      expect(e).toBeInstanceOf(LgwError);
      expect(e.exitCode).toBe(1);
      expect(e.message).toBe(c.want);
    });
  }

  it("passes an LgwError through unchanged", () => {
    const original = new LgwError("already clear");
    expect(describeAwsError(original, { action: "x" })).toBe(original);
  });
});

describe("withConflictRetry", () => {
  const lambda = mockClient(LambdaClient);
  const update = () => new LambdaClient({ region: "us-east-1" }).send(new UpdateFunctionCodeCommand({ FunctionName: "hello", ZipFile: new Uint8Array([1]) }));

  it("retries ResourceConflictException until the update goes through, saying so", async () => {
    lambda.reset();
    const conflict = new ResourceConflictException({ message: "An update is in progress for resource: hello", ...meta });
    lambda.on(UpdateFunctionCodeCommand).rejectsOnce(conflict).rejectsOnce(conflict).resolves({ CodeSha256: "abc" });
    const steps: string[] = [];
    const out = await withConflictRetry(update, { baseDelayMs: 1, log: { step: (m) => steps.push(m) }, what: "hello" });
    expect(out.CodeSha256).toBe("abc");
    expect(lambda.commandCalls(UpdateFunctionCodeCommand)).toHaveLength(3);
    expect(steps).toEqual([
      "hello: an update is in progress, retrying in 1ms (attempt 2/8)",
      "hello: an update is in progress, retrying in 2ms (attempt 3/8)",
    ]);
  });

  it("gives up after the given attempts with the last error", async () => {
    lambda.reset();
    lambda.on(UpdateFunctionCodeCommand).rejects(new ResourceConflictException({ message: "An update is in progress", ...meta }));
    const err = await withConflictRetry(update, { baseDelayMs: 1, attempts: 3 }).catch((e: unknown) => e);
    expect((err as Error).name).toBe("ResourceConflictException");
    expect(lambda.commandCalls(UpdateFunctionCodeCommand)).toHaveLength(3);
  });

  it("does not retry other errors", async () => {
    lambda.reset();
    lambda.on(UpdateFunctionCodeCommand).rejects(serviceError("AccessDeniedException", "no", 403));
    const err = await withConflictRetry(update, { baseDelayMs: 1 }).catch((e: unknown) => e);
    expect((err as Error).name).toBe("AccessDeniedException");
    expect(lambda.commandCalls(UpdateFunctionCodeCommand)).toHaveLength(1);
    expect(describeAwsError(err, { action: "UpdateFunctionCode", resource: "function hello" }).message).toBe(
      "access denied: UpdateFunctionCode on function hello; check the IAM policy of your credentials",
    );
  });

  it("stops waiting when aborted", async () => {
    lambda.reset();
    lambda.on(UpdateFunctionCodeCommand).rejects(new ResourceConflictException({ message: "in progress", ...meta }));
    const controller = new AbortController();
    const pending = withConflictRetry(update, { baseDelayMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const err = await pending.catch((e: unknown) => e);
    expect((err as Error).name).toBe("ResourceConflictException");
    expect(lambda.commandCalls(UpdateFunctionCodeCommand)).toHaveLength(1);
  });
});
