// The AWS edge: every @aws-sdk/* import in src/ goes through this folder.
export { createAwsClients, createLambdaClients, awsOptionsFrom, type AwsClients, type LambdaClients, type AwsClientOptions, type LambdaSdk, type ApiGatewaySdk } from "./clients.js";
export { describeAwsError, withConflictRetry, awsErrorCode, type AwsErrorContext, type ConflictRetryOptions } from "./errors.js";
export { createIamClients, createLogsClients, type IamClients, type LogsClients, type IamSdk, type LogsSdk } from "./services.js";
