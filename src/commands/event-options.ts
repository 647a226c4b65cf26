import type { OptionSpec } from "../cli/command.js";

/**
 * The flags that describe an HTTP request for a sample API Gateway event. `lgw event` and
 * `lgw exec --event` take the same ones (and both build the event with src/apigw/sample.ts);
 * exec has no defaults so it can tell whether any were given.
 */
export function eventRequestOptions(opts: { note?: string; defaults?: { method: string; path: string } } = {}) {
  const say = (text: string) => (opts.note ? `${opts.note}: ${text}` : text);
  return [
    { flags: "--method <method>", description: say("HTTP method"), default: opts.defaults?.method },
    { flags: "--path <path>", description: say("request path"), default: opts.defaults?.path },
    { flags: "--resource <template>", description: say("resource template, e.g. /users/{id}") },
    { flags: "--query <k=v>", description: say("query parameter (repeatable)"), kind: "repeat" },
    { flags: "--header <k=v>", description: say("header, k=v or 'k: v' (repeatable)"), kind: "repeat" },
    { flags: "--body <text>", description: say("request body") },
    { flags: "--body-file <file>", description: say("request body from a file") },
    { flags: "--stage <stage>", description: say("stage name (default: dev for apigw-v1, $default for apigw-v2)") },
  ] as const satisfies readonly OptionSpec[];
}
