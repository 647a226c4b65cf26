// A route object's REST integration settings: "integration": "proxy" (default), "lambda" (a
// Lambda custom integration with mapping templates), "mock" or "http" (HTTP_PROXY to "uri"),
// with requestTemplates, passthroughBehavior and responses (selection pattern -> statusCode,
// headers, templates). Template values are inline text or the path of a .vtl file, which
// ../templates.ts reads when lgw.json is loaded. Which keys go with which integration are the
// rules of routes.ts.
import * as Type from "@sinclair/typebox";
import type { Static } from "@sinclair/typebox";
import { mappingExpressionError, MAPPING_EXPRESSION_RE } from "../../mapping/expression.js";
import { HEADER_NAME_RE, INTEGRATION_TYPES, MEDIA_TYPE_RE, PASSTHROUGH_BEHAVIORS, STATUS_CODE } from "../limits.js";
import { namedMap, oneOf, settings, withProblem } from "./common.js";

const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(", ");

export const integration = oneOf(INTEGRATION_TYPES, {
  errorMessage: `must be one of ${quoted(INTEGRATION_TYPES)}`,
  description: 'REST APIs: "proxy" (Lambda proxy, the default), "lambda" (custom integration with mapping templates), "mock", or "http" (HTTP_PROXY to uri)',
});

export const passthroughBehavior = oneOf(PASSTHROUGH_BEHAVIORS, { errorMessage: `must be one of ${quoted(PASSTHROUGH_BEHAVIORS)}`, default: "WHEN_NO_MATCH" });

export const uri = Type.String({
  pattern: "^https?://[^\\s/]+",
  errorMessage: 'must be the http(s) URL to forward to, e.g. "https://example.com/{proxy}"',
});

/** content type -> template (inline text, or the path of a .vtl file) */
export const templates = namedMap(
  MEDIA_TYPE_RE,
  () => 'must be keyed by a content type such as "application/json"',
  Type.String({ errorMessage: "must be a template (inline text) or the path of a .vtl file" }),
  'must be an object of content type -> template, e.g. {"application/json": "templates/req.vtl"}',
);

const mapping = withProblem(
  Type.String({ pattern: MAPPING_EXPRESSION_RE.source, errorMessage: "must be a mapping expression such as 'static' or integration.response.body.location" }),
  (v) => (typeof v === "string" ? `is ${mappingExpressionError(v)}` : "must be a mapping expression such as 'static' or integration.response.body.location"),
);

const statusCode = Type.Integer({
  minimum: STATUS_CODE.min,
  maximum: STATUS_CODE.max,
  errorMessage: `must be an HTTP status code from ${STATUS_CODE.min} to ${STATUS_CODE.max}`,
});

const responseShape = {
  headers: Type.Optional(
    namedMap(HEADER_NAME_RE, () => "is not a header name", mapping, 'must be an object of header -> mapping, e.g. {"Location": "integration.response.body.location"}'),
  ),
  templates: Type.Optional(templates),
};
const NOT_A_RESPONSE = 'must be an object such as {"statusCode": 404}';
/** The default response answers 200 unless it says otherwise; a selection pattern's names its code. */
const defaultResponse = settings({ statusCode: Type.Optional({ ...statusCode, default: 200 }), ...responseShape }, NOT_A_RESPONSE);
const patternResponse = settings({ statusCode, ...responseShape }, NOT_A_RESPONSE);

export const responses = Type.Object(
  { default: Type.Optional(defaultResponse) },
  {
    additionalProperties: patternResponse,
    errorMessage: 'must be an object of selection pattern -> response, e.g. {"default": {"statusCode": 200}}',
    description: "selection pattern (a regular expression over a Lambda error's errorMessage or an integration's status code), or default -> response",
  },
);

export type ResponseSettings = Static<typeof patternResponse>;
/** Static<> cannot see additionalProperties: every key holds a response. */
export type ResponsesSettings = Record<string, Partial<ResponseSettings> & Omit<ResponseSettings, "statusCode">>;
