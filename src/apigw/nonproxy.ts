// Pure: a REST API method with a non-proxy integration (Lambda custom integration or MOCK), as
// API Gateway runs it: the request template shapes what the function receives, the integration
// response is chosen by selection pattern, and its header mappings and template shape the answer.
import {
  mapResponseHeaders,
  mockStatusOf,
  responseTemplateOf,
  selectIntegrationResponse,
  selectRequestTemplate,
  type IntegrationResponse,
  type PassthroughBehavior,
} from "../mapping/integration.js";
import type { TemplateParams } from "../mapping/input.js";
import { renderTemplate, TemplateError, type TemplateInput } from "../mapping/render.js";
import type { ProxyResponse } from "./responses.js";

export interface NonProxyIntegration {
  type: "lambda" | "mock";
  /** content type -> template text (files already read) */
  requestTemplates: Record<string, string>;
  passthroughBehavior: PassthroughBehavior;
  /** selection pattern (or "default") -> integration response */
  responses: Record<string, IntegrationResponse>;
}

/** What the function did, for a non-proxy integration. */
export type NonProxyOutcome =
  | { kind: "result"; payload: Buffer }
  /** the Lambda error object ({errorMessage, errorType, ...}) the Invoke API returns */
  | { kind: "functionError"; error: { errorMessage: string; errorType: string; [k: string]: unknown } };

/** The parts of a v1 event a mapping template reads. */
export interface V1EventView {
  body: string | null;
  isBase64Encoded: boolean;
  headers: Record<string, string> | null;
  queryStringParameters: Record<string, string> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: Record<string, unknown>;
}

export type RequestStep =
  | { ok: true; payload: Buffer }
  | { ok: false; response: ProxyResponse; reason: string };

function paramsOf(event: V1EventView): TemplateParams {
  return { path: event.pathParameters ?? {}, querystring: event.queryStringParameters ?? {}, header: event.headers ?? {} };
}

/** The method request body as a template reads it (a base64 body decoded). */
export function bodyOf(event: V1EventView): string {
  if (event.body === null) return "";
  return event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
}

/** What a template sees for a v1 event: its parameters, context and stage variables, and `body`. */
export function templateInput(event: V1EventView, body: string): TemplateInput {
  return { body, params: paramsOf(event), context: event.requestContext, stageVariables: event.stageVariables ?? {} };
}

function headerOf(event: V1EventView, name: string): string | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(event.headers ?? {}).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : event.headers![key];
}

export function json(statusCode: number, body: string, extra: [string, string][] = []): ProxyResponse {
  return { statusCode, headers: [["Content-Type", "application/json"], ...extra], body: Buffer.from(body) };
}

export const UNSUPPORTED_MEDIA_TYPE = () =>
  json(415, '{"message": "Unsupported Media Type"}', [["x-amzn-ErrorType", "UnsupportedMediaTypeException"]]);
export const TEMPLATE_FAILED = () => json(500, '{"message": "Internal server error"}', [["x-amzn-ErrorType", "InternalServerErrorException"]]);

/** The integration request: the payload the function (or the MOCK) receives, or the gateway's refusal. */
export function integrationRequest(integ: NonProxyIntegration, event: V1EventView): RequestStep {
  const body = bodyOf(event);
  const choice = selectRequestTemplate(headerOf(event, "content-type"), integ.requestTemplates, integ.passthroughBehavior);
  if (choice.kind === "unsupported") return { ok: false, response: UNSUPPORTED_MEDIA_TYPE(), reason: "no request template for the content type" };
  if (choice.kind === "passthrough") return { ok: true, payload: Buffer.from(body === "" && integ.type === "lambda" ? "{}" : body) };
  try {
    return { ok: true, payload: Buffer.from(renderTemplate(choice.template, templateInput(event, body))) };
  } catch (err) {
    if (err instanceof TemplateError) return { ok: false, response: TEMPLATE_FAILED(), reason: err.message };
    throw err;
  }
}

export interface ResponseStep {
  response: ProxyResponse;
  /** the selection pattern that chose the integration response */
  pattern: string;
  /** set when a response template failed: the answer is then AWS's 500 */
  reason?: string;
}

/** The integration response of a Lambda custom integration, from the function's outcome. */
export function lambdaResponse(integ: NonProxyIntegration, outcome: NonProxyOutcome, event: V1EventView): ResponseStep {
  const body = outcome.kind === "result" ? outcome.payload.toString("utf8") : JSON.stringify(outcome.error);
  const selector = outcome.kind === "functionError" ? outcome.error.errorMessage : undefined;
  return shapeResponse(integ, selector, body, event);
}

/** A MOCK integration: the rendered request template's statusCode selects the response. */
export function mockResponse(integ: NonProxyIntegration, requestPayload: Buffer, event: V1EventView): ResponseStep {
  const status = mockStatusOf(requestPayload.toString("utf8"));
  return shapeResponse(integ, String(status), "", event);
}

function shapeResponse(integ: NonProxyIntegration, selector: string | undefined, body: string, event: V1EventView): ResponseStep {
  const { pattern, response } = selectIntegrationResponse(integ.responses, selector);
  const headers = mapResponseHeaders(response.headers, { body, headers: {} });
  const template = responseTemplateOf(response.templates);
  let out = body;
  let contentType = "application/json";
  if (template) {
    contentType = template.contentType;
    try {
      out = renderTemplate(template.template, { ...templateInput(event, body), body });
    } catch (err) {
      if (err instanceof TemplateError) return { response: TEMPLATE_FAILED(), pattern, reason: err.message };
      throw err;
    }
  }
  const pairs: [string, string][] = [["Content-Type", contentType]];
  for (const [name, value] of Object.entries(headers)) {
    const at = pairs.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
    if (at === -1) pairs.push([name, value]);
    else pairs[at] = [name, value];
  }
  return { response: { statusCode: response.statusCode, headers: pairs, body: Buffer.from(out) }, pattern };
}
