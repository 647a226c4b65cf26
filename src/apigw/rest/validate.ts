// REST API request validation (developer guide, "Request validation for REST APIs"): required
// parameters first, then the body against the method's model for its content type, with
// JSON Schema draft 4 as API Gateway uses (ajv with ajv-draft-04, loaded only when a route has
// a model). Answers are the gateway's: 400 "Missing required request parameters: [a, b]" and
// 400 "Invalid request body".
import type { HttpRequestInfo } from "../request.js";
import { parseQuery } from "../request.js";
import type { RestRouteAccess } from "./types.js";

export type Validation = { ok: true } | { ok: false; kind: "parameters" | "body"; message: string; detail: string };

export const PARAMETER_RE = /^(querystring|header|path)\.[^\s.][^\s]*$/;

/** The names (as the message lists them) of required parameters the request lacks, in order. */
export function missingParameters(required: string[], req: HttpRequestInfo, pathParameters: Record<string, string>): string[] {
  const query = parseQuery(req.rawQuery);
  return required
    .filter((p) => {
      const dot = p.indexOf(".");
      const where = p.slice(0, dot);
      const name = p.slice(dot + 1);
      if (where === "header") return !req.headers.some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v !== "");
      if (where === "querystring") return !query.some(([k, v]) => k === name && v !== "");
      return !pathParameters[name];
    })
    .map((p) => p.slice(p.indexOf(".") + 1));
}

/** The model for the request's content type (media type only, lower case), else "$default". */
export function modelFor(models: Record<string, string> | undefined, contentType: string | undefined): string | undefined {
  if (!models) return undefined;
  const media = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const exact = Object.entries(models).find(([k]) => k.toLowerCase() === media);
  return exact?.[1] ?? models.$default;
}

type Validator = (data: unknown) => { valid: boolean; errors: string };

/** Compiles draft-04 models once per name. */
export async function compileModels(models: Record<string, unknown>): Promise<Map<string, Validator>> {
  if (Object.keys(models).length === 0) return new Map();
  // a CommonJS module: under NodeNext its class is the namespace's default.default
  const mod = await import("ajv-draft-04");
  const Ajv = mod.default.default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const out = new Map<string, Validator>();
  for (const [name, schema] of Object.entries(models)) {
    const fn = ajv.compile(schema as object);
    out.set(name, (data) => {
      const valid = fn(data) as boolean;
      return { valid, errors: valid ? "" : ajv.errorsText(fn.errors, { dataVar: "body" }) };
    });
  }
  return out;
}

/** Validates one request the way the route's validator says (body, params or all). */
export function validateRequest(
  access: RestRouteAccess,
  req: HttpRequestInfo,
  pathParameters: Record<string, string>,
  validators: Map<string, Validator>,
): Validation {
  const mode = access.requestValidator;
  if (!mode) return { ok: true };
  if ((mode === "params" || mode === "all") && access.requiredParameters?.length) {
    const missing = missingParameters(access.requiredParameters, req, pathParameters);
    if (missing.length) return { ok: false, kind: "parameters", message: `Missing required request parameters: [${missing.join(", ")}]`, detail: missing.join(", ") };
  }
  if (mode === "body" || mode === "all") {
    const contentType = req.headers.find(([k]) => k.toLowerCase() === "content-type")?.[1];
    const model = modelFor(access.requestModels, contentType);
    const validate = model ? validators.get(model) : undefined;
    if (validate) {
      let data: unknown;
      try {
        data = JSON.parse(req.body.toString("utf8"));
      } catch {
        return { ok: false, kind: "body", message: "Invalid request body", detail: "the body is not JSON" };
      }
      const r = validate(data);
      if (!r.valid) return { ok: false, kind: "body", message: "Invalid request body", detail: r.errors };
    }
  }
  return { ok: true };
}
