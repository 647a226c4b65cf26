// Lambda's and Go's naming rules, checked before anything is written or sent.

/** Lambda: 1-64 characters of letters, digits, hyphens and underscores. */
export const FUNCTION_NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;

export function functionNameProblem(name: string): string | undefined {
  if (name.length === 0) return "a function name cannot be empty";
  if (name.length > 64) return `function name "${name}" is ${name.length} characters long; Lambda allows at most 64`;
  if (!FUNCTION_NAME_RE.test(name)) return `function name "${name}" may only hold letters, digits, "-" and "_"`;
  return undefined;
}

/**
 * A Go module path as `go mod init` accepts it: slash-separated elements of letters, digits and
 * "-._~", none empty, none starting or ending with a dot, the first without a dot-less-only
 * restriction (example.com/x and plain "hello" are both fine).
 */
export function modulePathProblem(path: string): string | undefined {
  if (path.length === 0) return "a module path cannot be empty";
  if (path.startsWith("/") || path.endsWith("/")) return `module path "${path}" must not start or end with "/"`;
  for (const elem of path.split("/")) {
    if (elem.length === 0) return `module path "${path}" has an empty element`;
    if (!/^[A-Za-z0-9._~-]+$/.test(elem)) return `module path "${path}" has an invalid element "${elem}" (letters, digits and -._~ only)`;
    if (elem.startsWith(".") || elem.endsWith(".")) return `module path "${path}" has element "${elem}" starting or ending with "."`;
  }
  const first = path.split("/")[0]!;
  if (first.startsWith("-")) return `module path "${path}" must not start with "-"`;
  return undefined;
}
