import type { OptionSpec } from "../cli/command.js";

/** Options every command that talks to AWS accepts. */
export const AWS_OPTIONS = [
  { flags: "--profile <name>", description: "AWS profile (default: AWS_PROFILE or default)" },
  { flags: "--region <region>", description: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's, then lgw.json's)" },
  { flags: "--endpoint-url <url>", description: "custom endpoint (LocalStack, moto); AWS_ENDPOINT_URL* honoured too" },
] as const satisfies readonly OptionSpec[];
