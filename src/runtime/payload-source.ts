// Where an invocation's payload comes from: a file, stdin, --payload, or an API Gateway event
// built from request flags. `lgw exec` and `lgw invoke` take the same options and share this.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../cli/errors.js";
import type { ProjectConfig } from "../config/types.js";
import { checkPayload } from "./payload.js";

export interface PayloadSource {
  cwd: string;
  /** the [payload] argument: a file, or "-" for stdin */
  payloadArg?: string;
  /** --payload */
  payloadInline?: string;
  readStdin: () => Promise<Buffer>;
  /** --event apigw-v1|apigw-v2, or undefined */
  event?: string;
  /** the other --method/--path/... flags, exactly as parsed */
  eventOptions?: Record<string, unknown>;
  /** told when no payload was given and `{}` is sent */
  onDefault?: (message: string) => void;
}

const EVENT_FLAGS = ["method", "path", "resource", "query", "header", "body", "bodyFile", "stage"];

/** The payload bytes, checked the way Lambda's Invoke API would check them. */
export async function readPayload(input: PayloadSource, config: () => ProjectConfig | undefined): Promise<Buffer> {
  const usedEventFlags = EVENT_FLAGS.filter((k) => input.eventOptions?.[k] !== undefined);
  const sources = [input.payloadArg !== undefined, input.payloadInline !== undefined, input.event !== undefined].filter(Boolean).length;
  if (sources > 1) throw new UsageError("give the payload one way: a file, - for stdin, --payload '<json>', or --event");
  if (usedEventFlags.length && (input.payloadArg !== undefined || input.payloadInline !== undefined)) {
    throw new UsageError(`--${usedEventFlags[0]} builds an API Gateway event; it cannot be combined with a payload`);
  }
  if (input.event !== undefined || usedEventFlags.length) {
    const project = config();
    const type = input.event ?? (project ? `apigw-${project.eventFormat}` : undefined);
    if (!type) throw new UsageError(`--${usedEventFlags[0]} needs --event apigw-v1 or --event apigw-v2`);
    const { buildSampleEvent, sampleFlagsFromOptions, withProject } = await import("../apigw/sample.js");
    const flags = sampleFlagsFromOptions(input.eventOptions ?? {});
    return Buffer.from(JSON.stringify(buildSampleEvent(type, project ? withProject(flags, project) : flags)));
  }
  let bytes: Buffer;
  let source: string;
  if (input.payloadInline !== undefined) {
    bytes = Buffer.from(input.payloadInline, "utf8");
    source = "--payload";
  } else if (input.payloadArg === "-") {
    bytes = await input.readStdin();
    source = "stdin";
  } else if (input.payloadArg !== undefined) {
    source = input.payloadArg;
    const file = path.resolve(input.cwd, input.payloadArg);
    if (!existsSync(file)) throw new UsageError(`payload file ${input.payloadArg} does not exist`);
    if (statSync(file).isDirectory()) throw new UsageError(`payload file ${input.payloadArg} is a directory`);
    bytes = readFileSync(file);
  } else {
    // said out loud: a forgotten file argument otherwise looks like the function ignoring it
    input.onDefault?.("no payload given: sending {} (pass a file, - for stdin, --payload or --event)");
    return Buffer.from("{}");
  }
  checkPayload(bytes, source, source !== "stdin" && source !== "--payload");
  return bytes;
}
