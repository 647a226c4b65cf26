// Against a real socket (no client mock): how many requests a throttled call sends in all.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { UpdateFunctionCodeCommand } from "@aws-sdk/client-lambda";
import { createLambdaClients } from "./clients.js";
import { describeAwsError, withConflictRetry } from "./errors.js";

describe("retries", () => {
  it("leaves throttling to the SDK: a 429 is sent as many times as the SDK's attempts, not times 8", async () => {
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      req.resume();
      res.writeHead(429, { "content-type": "application/json", "x-amzn-errortype": "TooManyRequestsException" });
      res.end(JSON.stringify({ message: "Rate exceeded", Type: "User" }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_MAX_ATTEMPTS: "3", AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing" });
    delete process.env.AWS_PROFILE;
    try {
      const { port } = server.address() as AddressInfo;
      const aws = await createLambdaClients({ endpointUrl: `http://127.0.0.1:${port}`, region: "us-east-1" });
      const send = () => aws.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "hello", ZipFile: new Uint8Array([1]) }));
      const err = await withConflictRetry(send, { baseDelayMs: 1 }).catch((e: unknown) => e);
      aws.lambda.destroy();
      expect((err as Error).name).toBe("TooManyRequestsException");
      expect(requests).toBe(3);
      expect(describeAwsError(err, { action: "UpdateFunctionCode", functionName: "hello" }).message).toBe(
        "AWS throttled UpdateFunctionCode on hello after 3 attempts: try again later",
      );
    } finally {
      for (const k of ["AWS_MAX_ATTEMPTS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      server.close();
    }
  });
});
