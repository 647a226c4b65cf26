// REST API access control (issue 9), as additions to the definition: authorizers of type token,
// request and cognito (joining authorizers.ts's union); the route keys authorizationScopes,
// apiKeyRequired, requestModel, requestValidator and requiredParameters; api.models,
// api.usagePlans, api.apiKeySource and api.gatewayResponses. Model values that are paths (*.json)
// are read at load (../rest-access.ts).
import * as Type from "@sinclair/typebox";
import type { Static } from "@sinclair/typebox";
import { IDENTITY_SOURCE_RE as REST_SOURCE_RE } from "../../apigw/rest/authorizer.js";
import { GATEWAY_RESPONSE_TYPES } from "../../apigw/rest/gateway-responses.js";
import { PARAMETER_RE } from "../../apigw/rest/validate.js";
import { AUTHORIZER_NAME_RE, AUTHORIZER_TTL_S, STATUS_CODE } from "../limits.js";
import { namedMap, nonEmpty, oneOf, ruled, settings, stringMap, trueOrFalse, wholeNumber } from "./common.js";

const HEADER_SOURCE = 'must be one header such as "method.request.header.Authorization"';
const headerSource = Type.String({ pattern: "^method\\.request\\.header\\.[A-Za-z0-9_-]+$", errorMessage: HEADER_SOURCE, default: "method.request.header.Authorization" });
const ttl = wholeNumber(AUTHORIZER_TTL_S, { unit: "of seconds ", default: 300 });
const authorizerFunction = nonEmpty({ errorMessage: "must name a function of lgw.json" });

export const tokenAuthorizer = settings({
  type: Type.Literal("token"),
  function: authorizerFunction,
  identitySource: Type.Optional(headerSource),
  validationExpression: Type.Optional(nonEmpty({ errorMessage: 'must be a regular expression such as "^Bearer [-0-9a-zA-Z._]+$"' })),
  ttl: Type.Optional({ ...ttl, errorMessage: "must be a whole number of seconds from 0 to 3600 (0: no cache)" }),
});

const SOURCES = 'must list sources such as ["method.request.header.X-Tenant", "method.request.querystring.key"] (header, querystring, path, stageVariables, context)';
const source = REST_SOURCE_RE.source.slice(1, -1);
/** A list, or the comma-separated string API Gateway itself takes. */
const requestSources = Type.Union(
  [Type.Array(Type.String({ pattern: REST_SOURCE_RE.source, errorMessage: SOURCES }), { errorMessage: SOURCES }), Type.String({ pattern: `^\\s*${source}\\s*(,\\s*${source}\\s*)*$`, errorMessage: SOURCES })],
  { errorMessage: SOURCES },
);

export const requestAuthorizer = ruled(
  settings({
    type: Type.Literal("request"),
    function: authorizerFunction,
    identitySource: Type.Optional(requestSources),
    ttl: Type.Optional({ ...ttl, errorMessage: "must be a whole number of seconds from 0 to 3600 (0: no cache)" }),
  }),
  [
    {
      // ttl is 300 unless it says 0
      when: Type.Object({ ttl: Type.Optional(Type.Integer({ exclusiveMinimum: 0 })) }),
      then: Type.Object({ identitySource: Type.Union([Type.String(), Type.Array(Type.Unknown(), { minItems: 1 })]) }),
      problem: () => "identitySource is needed when ttl is above 0: the cache is keyed by it (or set ttl to 0)",
    },
  ],
);

const POOL_ARN = "^arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\\d{12}:userpool\\/[\\w-]+_[0-9A-Za-z]+$";
const POOL_ARNS = 'must list user pool ARNs such as "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123"';

export const cognitoAuthorizer = settings({
  type: Type.Literal("cognito"),
  userPoolArns: Type.Array(Type.String({ pattern: POOL_ARN, errorMessage: POOL_ARNS }), { minItems: 1, errorMessage: POOL_ARNS }),
  identitySource: Type.Optional(headerSource),
  jwks: Type.Optional(nonEmpty({ errorMessage: 'must be a path (relative to lgw.json) or URL of a JWKS, e.g. "./.lgw/jwks.json"' })),
  ttl: Type.Optional({ ...ttl, errorMessage: "must be a whole number of seconds from 0 to 3600 (0: no cache)" }),
});

export type TokenAuthorizerSettings = Static<typeof tokenAuthorizer>;
export type RequestAuthorizerSettings = Static<typeof requestAuthorizer>;
export type CognitoAuthorizerSettings = Static<typeof cognitoAuthorizer>;

const MODEL = 'must be a model name of api.models, or {"content/type": "Model"}';
const PARAMETERS = 'must list parameters such as ["querystring.name", "header.X-Id", "path.id"]';

/** The REST access keys of a route object. */
export const routeAccess = {
  authorizationScopes: Type.Optional(Type.Array(Type.String({ minLength: 1, errorMessage: "must be a list of scopes" }), { errorMessage: "must be a list of scopes" })),
  apiKeyRequired: Type.Optional(trueOrFalse()),
  requestModel: Type.Optional(
    Type.Union([Type.String({ minLength: 1, errorMessage: MODEL }), Type.Record(Type.String(), Type.String({ minLength: 1, errorMessage: MODEL }), { errorMessage: MODEL })], { errorMessage: MODEL }),
  ),
  requestValidator: Type.Optional(oneOf(["body", "params", "all"])),
  requiredParameters: Type.Optional(Type.Array(Type.String({ pattern: PARAMETER_RE.source, errorMessage: PARAMETERS }), { errorMessage: PARAMETERS })),
};

const THROTTLE = 'must be {"rateLimit": requests per second, "burstLimit": a whole number}';
const QUOTA = 'must be {"limit": a whole number, "period": "DAY" | "WEEK" | "MONTH"}';
const KEYS = 'must list API key names such as ["partner"] (values never go in lgw.json)';
const usagePlan = settings(
  {
    throttle: Type.Optional(
      settings({ rateLimit: Type.Number({ minimum: 0, errorMessage: THROTTLE }), burstLimit: Type.Integer({ minimum: 0, errorMessage: THROTTLE }) }, THROTTLE),
    ),
    quota: Type.Optional(settings({ limit: Type.Integer({ minimum: 0, errorMessage: QUOTA }), period: oneOf(["DAY", "WEEK", "MONTH"], { errorMessage: QUOTA }) }, QUOTA)),
    keys: Type.Array(Type.String({ pattern: AUTHORIZER_NAME_RE.source, errorMessage: KEYS }), { errorMessage: KEYS }),
  },
  'must be an object such as {"throttle": {"rateLimit": 10, "burstLimit": 20}, "keys": ["partner"]}',
);

const MODEL_VALUE = "must be a JSON Schema object or the path of a .json file";
const gatewayResponse = settings(
  {
    statusCode: Type.Optional(Type.Integer({ minimum: STATUS_CODE.min, maximum: STATUS_CODE.max, errorMessage: "must be an HTTP status from 100 to 599" })),
    headers: Type.Optional({ ...stringMap(), errorMessage: "must be an object of header -> value" }),
    body: Type.Optional(Type.String({ errorMessage: "must be a string (the body as sent)" })),
  },
  "must be an object with statusCode, headers and body",
);

/** The REST access keys of api. */
export const apiAccess = {
  models: Type.Optional(
    namedMap(
      /^[A-Za-z0-9]+$/,
      () => "has an invalid name: API Gateway model names are letters and digits",
      Type.Union([Type.Object({}, { errorMessage: MODEL_VALUE }), Type.String({ pattern: "\\.[jJ][sS][oO][nN]$", errorMessage: MODEL_VALUE })], { errorMessage: MODEL_VALUE }),
      "must be an object of model name -> JSON Schema (draft 4) or the path of a .json file",
    ),
  ),
  usagePlans: Type.Optional(namedMap(AUTHORIZER_NAME_RE, () => "has an invalid name: use letters, digits, - and _", usagePlan, "must be an object of plan name -> plan")),
  apiKeySource: Type.Optional(oneOf(["HEADER", "AUTHORIZER"], { default: "HEADER" })),
  gatewayResponses: Type.Optional(
    namedMap(
      new RegExp(`^(${GATEWAY_RESPONSE_TYPES.join("|")})$`),
      () => `is not a gateway response type (known: ${GATEWAY_RESPONSE_TYPES.join(", ")})`,
      gatewayResponse,
      'must be an object such as {"DEFAULT_4XX": {"headers": {"Access-Control-Allow-Origin": "\'*\'"}}}',
    ),
  ),
};
