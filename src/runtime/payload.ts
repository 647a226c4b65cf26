// Checks an invocation payload the way Lambda's Invoke API would (JSON, at most 6 MB) and, when
// it is not JSON, says where.
import { UsageError } from "../cli/errors.js";
import { jsonProblem } from "../util/json.js";
import { MAX_REQUEST_BYTES } from "./invocations.js";

/**
 * Refuses a payload Lambda would refuse, before anything is built or started. `source` names
 * it in the message: a file path, "stdin" or "--payload".
 */
export function checkPayload(bytes: Buffer, source: string, isFile: boolean): void {
  if (bytes.length > MAX_REQUEST_BYTES) {
    throw new UsageError(`${source} is ${bytes.length} bytes; Lambda accepts at most ${MAX_REQUEST_BYTES} bytes (6 MB) per synchronous invocation`);
  }
  const problem = jsonProblem(bytes.toString("utf8"));
  if (!problem) return;
  const where = problem.line > 0 ? (isFile ? `${source}:${problem.line}:${problem.column}` : `${source} (line ${problem.line}, column ${problem.column})`) : source;
  throw new UsageError(`${where}: the payload is not valid JSON: ${problem.message}`);
}
