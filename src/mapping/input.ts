// Pure: the $input variable of API Gateway mapping templates (body, json, path, params), over one
// request (or integration response) body and the method request's parameters.
import { JSONPath } from "jsonpath-plus";
import { javaValue } from "./java.js";

export interface TemplateParams {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

export const NO_PARAMS: TemplateParams = { path: {}, querystring: {}, header: {} };

/**
 * The parsed body as a JSONPath root. An empty body reads as {} (AWS maps an empty payload to an
 * empty object); a body that is not JSON has no root, so json()/path() of it give nothing.
 */
function rootOf(body: string): { ok: true; value: unknown } | { ok: false } {
  if (body.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** Evaluates a JSONPath the way Jayway's definite paths answer: one value, or undefined. */
export function evaluatePath(root: unknown, path: string): unknown {
  const expr = String(path ?? "$").trim() || "$";
  if (expr === "$") return root;
  const found = JSONPath({ path: expr, json: root as object, wrap: true, eval: false }) as unknown[];
  if (!Array.isArray(found) || found.length === 0) return undefined;
  return isDefinite(expr) ? found[0] : found;
}

/** A path with no wildcard, filter, slice, union or deep scan selects at most one value. */
function isDefinite(expr: string): boolean {
  return !/\*|\.\.|\?\(|:|,/.test(expr);
}

export function makeInput(body: string, params: TemplateParams) {
  const root = rootOf(body);
  const lookup = (name: string): string => {
    const n = String(name);
    // own keys only: "toString" is a parameter's name, not something every object has
    if (Object.hasOwn(params.path, n)) return params.path[n]!;
    if (Object.hasOwn(params.querystring, n)) return params.querystring[n]!;
    if (Object.hasOwn(params.header, n)) return params.header[n]!;
    const lower = n.toLowerCase();
    const header = Object.keys(params.header).find((k) => k.toLowerCase() === lower);
    return header === undefined ? "" : params.header[header]!;
  };
  return {
    body,
    /** JSON text of what the path selects ("" when it selects nothing). */
    json(path: string): string {
      if (!root.ok) return "";
      const value = evaluatePath(root.value, path);
      return value === undefined ? "" : JSON.stringify(value);
    },
    /** What the path selects, as values VTL can walk and print the way AWS's Java objects print. */
    path(path: string): unknown {
      if (!root.ok) return path === "$" || String(path).trim() === "$" ? body : undefined;
      return javaValue(evaluatePath(root.value, path));
    },
    /** params() is every parameter by location; params(name) searches path, query string, then headers. */
    params(name?: string): unknown {
      if (name === undefined) return javaValue({ path: params.path, querystring: params.querystring, header: params.header });
      return lookup(name);
    },
  };
}
