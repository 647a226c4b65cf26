// Where an invocation's payload comes from: a file, stdin, --payload, or an API Gateway event
// built from request flags. `lgw exec` and `lgw invoke` take the same options and share this.
import path from "node:path";
import { UsageError } from "../errors.js";
import type { ProjectConfig } from "../config/types.js";
import { readFileBounded, type BoundedBytes } from "../util/bounded-read.js";
import { MAX_INVOKE_PAYLOAD_BYTES } from "./invocations.js";
import { checkPayload } from "./payload.js";
import { EVENT_REQUEST_FLAGS, type EventRequestFlags } from "../apigw/event-flags.js";

export interface PayloadSource {
  cwd: string;
  /** the [payload] argument: a file, or "-" for stdin */
  payloadArg?: string;
  /** --payload */
  payloadInline?: string;
  /** stdin, at most `limit` + 1 bytes of it (more would be refused anyway) */
  readStdin: (limit: number, signal?: AbortSignal) => Promise<Buffer>;
  /** Ctrl-C or SIGTERM: a pending read stops and the command exits with the signal's code */
  signal?: AbortSignal;
  /** --event apigw-v1|apigw-v2, or undefined */
  event?: string;
  /** the other --method/--path/... flags, exactly as parsed */
  eventOptions?: EventRequestFlags;
  /** told when no payload was given and `{}` is sent */
  onDefault?: (message: string) => void;
}


/** The payload bytes, checked the way Lambda's Invoke API would check them. */
export async function readPayload(input: PayloadSource, config: () => ProjectConfig | undefined): Promise<Buffer> {
  const usedEventFlags = EVENT_REQUEST_FLAGS.filter((k) => input.eventOptions?.[k] !== undefined);
  const sources = [input.payloadArg !== undefined, input.payloadInline !== undefined, input.event !== undefined].filter(Boolean).length;
  if (sources > 1) throw new UsageError("give the payload one way: a file, - for stdin, --payload '<json>', or --event");
  if (usedEventFlags.length && (input.payloadArg !== undefined || input.payloadInline !== undefined)) {
    throw new UsageError(`--${usedEventFlags[0]} builds an API Gateway event; it cannot be combined with a payload`);
  }
  if (input.event !== undefined || usedEventFlags.length) {
    const project = config();
    const type = input.event ?? (project ? `apigw-${project.eventFormat}` : undefined);
    if (!type) throw new UsageError(`--${usedEventFlags[0]} needs --event apigw-v1 or --event apigw-v2`);
    const { buildSampleEvent, readBodyFile, sampleFlagsFromOptions, withProject } = await import("../apigw/sample.js");
    const flags = await readBodyFile({ ...sampleFlagsFromOptions(input.eventOptions ?? {}), cwd: input.cwd }, input.signal);
    const bytes = Buffer.from(JSON.stringify(buildSampleEvent(type, project ? withProject(flags, project) : flags)));
    checkPayload({ bytes, over: bytes.length > MAX_INVOKE_PAYLOAD_BYTES, size: bytes.length }, "the event built from the flags", false);
    return bytes;
  }
  let read: BoundedBytes;
  let source: string;
  if (input.payloadInline !== undefined) {
    const bytes = Buffer.from(input.payloadInline, "utf8");
    read = { bytes, over: bytes.length > MAX_INVOKE_PAYLOAD_BYTES, size: bytes.length };
    source = "--payload";
  } else if (input.payloadArg === "-") {
    const bytes = await input.readStdin(MAX_INVOKE_PAYLOAD_BYTES, input.signal);
    read = { bytes, over: bytes.length > MAX_INVOKE_PAYLOAD_BYTES };
    source = "stdin";
  } else if (input.payloadArg !== undefined) {
    source = input.payloadArg;
    read = await readFileBounded(path.resolve(input.cwd, input.payloadArg), `payload file ${input.payloadArg}`, MAX_INVOKE_PAYLOAD_BYTES, input.signal);
  } else {
    // said out loud: a forgotten file argument otherwise looks like the function ignoring it
    input.onDefault?.("no payload given: sending {} (pass a file, - for stdin, --payload or --event)");
    return Buffer.from("{}");
  }
  checkPayload(read, source, source !== "stdin" && source !== "--payload");
  return read.bytes;
}
