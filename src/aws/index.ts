// The AWS edge: every @aws-sdk/* import in src/ goes through this folder.
export { createAwsClients, awsOptionsFrom, type AwsClients, type AwsClientOptions, type LambdaSdk, type ApiGatewaySdk } from "./clients.js";
export { describeAwsError, withConflictRetry, awsErrorCode, type AwsErrorContext, type ConflictRetryOptions } from "./errors.js";
