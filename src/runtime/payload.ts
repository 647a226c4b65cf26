// Checks an invocation payload the way Lambda's Invoke API would (JSON, at most 6 MB) and, when
// it is not JSON, says where.
import { UsageError } from "../errors.js";
import type { BoundedBytes } from "../util/bounded-read.js";
import { jsonProblem } from "../util/json.js";
import { MAX_INVOKE_PAYLOAD_BYTES } from "./invocations.js";

/**
 * Refuses a payload Lambda would refuse, before anything is built or started. `source` names
 * it in the message: a file path, "stdin" or "--payload".
 */
export function checkPayload(read: BoundedBytes, source: string, isFile: boolean): void {
  if (read.over || read.bytes.length > MAX_INVOKE_PAYLOAD_BYTES) {
    // a stream is read only to one byte past the limit, so its size is not known
    const size = read.size !== undefined ? `is ${read.size} bytes` : `is over ${MAX_INVOKE_PAYLOAD_BYTES} bytes`;
    throw new UsageError(`${source} ${size}; Lambda accepts at most ${MAX_INVOKE_PAYLOAD_BYTES} bytes (6 MB) per synchronous invocation`);
  }
  const { bytes } = read;
  const problem = jsonProblem(bytes.toString("utf8"));
  if (!problem) return;
  const where = problem.line > 0 ? (isFile ? `${source}:${problem.line}:${problem.column}` : `${source} (line ${problem.line}, column ${problem.column})`) : source;
  throw new UsageError(`${where}: the payload is not valid JSON: ${problem.message}`);
}
