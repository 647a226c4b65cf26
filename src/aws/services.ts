// Clients for the services only some commands need: IAM (the execution role `lgw deploy
// --create` makes and `lgw delete` removes) and CloudWatch Logs (`lgw logs`). Same options,
// region, retries, timeouts and endpoint rules as the Lambda client (clients.ts).
import type { IAMClient } from "@aws-sdk/client-iam";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { checkEndpoint, resolve, serviceEndpoint, withEndpointNote, type AwsClientOptions } from "./clients.js";

export type IamSdk = typeof import("@aws-sdk/client-iam");
export type LogsSdk = typeof import("@aws-sdk/client-cloudwatch-logs");

export interface IamClients {
  iam: IAMClient;
  region: string;
  endpoint?: string;
  sdk: { iam: IamSdk };
}

export interface LogsClients {
  logs: CloudWatchLogsClient;
  region: string;
  endpoint?: string;
  sdk: { logs: LogsSdk };
}

export async function createIamClients(opts: AwsClientOptions = {}): Promise<IamClients> {
  const endpoint = opts.endpointUrl ? checkEndpoint(opts.endpointUrl) : undefined;
  const [lambdaSdk, iamSdk] = await Promise.all([import("@aws-sdk/client-lambda"), import("@aws-sdk/client-iam")]);
  const { base, region, files } = await resolve(opts, endpoint, lambdaSdk);
  // IAM is global; the region only picks the partition's endpoint
  const iam = withEndpointNote(new iamSdk.IAMClient({ ...base, ...serviceEndpoint(opts, endpoint, "iam", files), region }));
  return { iam, region, endpoint, sdk: { iam: iamSdk } };
}

export async function createLogsClients(opts: AwsClientOptions = {}): Promise<LogsClients> {
  const endpoint = opts.endpointUrl ? checkEndpoint(opts.endpointUrl) : undefined;
  const [lambdaSdk, logsSdk] = await Promise.all([import("@aws-sdk/client-lambda"), import("@aws-sdk/client-cloudwatch-logs")]);
  const { base, region, files } = await resolve(opts, endpoint, lambdaSdk);
  const logs = withEndpointNote(new logsSdk.CloudWatchLogsClient({ ...base, ...serviceEndpoint(opts, endpoint, "cloudwatch_logs", files), region }));
  return { logs, region, endpoint, sdk: { logs: logsSdk } };
}
