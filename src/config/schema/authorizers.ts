// authorizers.NAME: the authorizers routes can name, a union by "type". HTTP APIs: jwt and lambda
// (here); REST APIs: token, request and cognito (rest.ts).
import * as Type from "@sinclair/typebox";
import type { Static } from "@sinclair/typebox";
import { AUTHORIZER_NAME_RE, AUTHORIZER_TTL_S, IDENTITY_SOURCE_RE, ISSUER_URL_RE, JWT_IDENTITY_SOURCE_RE } from "../limits.js";
import { cognitoAuthorizer, requestAuthorizer, tokenAuthorizer } from "./rest.js";
import { DISCRIMINATOR, namedMap, nonEmpty, oneOf, ruled, settings, stringList, trueOrFalse, wholeNumber, withProblem } from "./common.js";

export const DEFAULT_IDENTITY_SOURCE = "$request.header.Authorization";

export const jwtAuthorizer = settings({
  type: Type.Literal("jwt"),
  issuer: Type.String({ pattern: ISSUER_URL_RE.source, errorMessage: "must be the issuer's URL, e.g. https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123" }),
  audience: stringList({ nonEmpty: true }),
  identitySource: Type.Optional(
    // AWS (CreateAuthorizer): "currently only header-based and query parameter-based selections are supported"
    Type.String({
      pattern: JWT_IDENTITY_SOURCE_RE.source,
      errorMessage: 'must be one header or query parameter, such as "$request.header.Authorization" or "$request.querystring.token"',
      default: DEFAULT_IDENTITY_SOURCE,
    }),
  ),
  jwks: Type.Optional(
    nonEmpty({
      errorMessage: 'must be a path (relative to lgw.json) or URL of a JWKS, e.g. "./.lgw/jwks.json"',
      description: "local only: a path (relative to lgw.json) or URL of a JWKS that lgw serve uses instead of the issuer's discovery document",
    }),
  ),
});

const identitySource = withProblem(Type.String({ pattern: IDENTITY_SOURCE_RE.source, errorMessage: "must be a list of strings" }), (v) =>
  typeof v === "string" ? `has "${v}": use $request.header.NAME, $request.querystring.NAME, $context.NAME or $stageVariables.NAME` : "must be a list of strings",
);

const lambdaShape = settings({
  type: Type.Literal("lambda"),
  function: nonEmpty({ errorMessage: "must name a function of lgw.json" }),
  payloadFormat: Type.Optional(oneOf(["2.0", "1.0"], { default: "2.0" })),
  simpleResponses: Type.Optional(trueOrFalse({ description: "default true with payloadFormat 2.0" })),
  identitySource: Type.Optional(Type.Array(identitySource, { errorMessage: "must be a list of strings", default: [DEFAULT_IDENTITY_SOURCE] })),
  ttl: Type.Optional(wholeNumber(AUTHORIZER_TTL_S, { unit: "of seconds ", default: 0 })),
});

export const lambdaAuthorizer = ruled(lambdaShape, [
  {
    when: Type.Object({ payloadFormat: Type.Literal("1.0") }),
    then: Type.Object({ simpleResponses: Type.Optional(Type.Literal(false)) }),
    problem: () => 'simpleResponses needs payloadFormat "2.0" (API Gateway allows simple responses only there)',
  },
  {
    when: Type.Object({ ttl: Type.Integer({ exclusiveMinimum: 0 }) }),
    then: Type.Object({ identitySource: Type.Optional(Type.Array(Type.Unknown(), { minItems: 1 })) }),
    problem: () => "ttl needs identitySource: the cache is keyed by it",
  },
]);

export type JwtAuthorizerSettings = Static<typeof jwtAuthorizer>;
export type LambdaAuthorizerSettings = Static<typeof lambdaAuthorizer>;

const authorizer = Object.assign(
  Type.Union([jwtAuthorizer, lambdaAuthorizer, tokenAuthorizer, requestAuthorizer, cognitoAuthorizer], {
    errorMessage: 'must be "jwt" or "lambda" (HTTP APIs), or "token", "request" or "cognito" (REST APIs)',
  }),
  { [DISCRIMINATOR]: "type" },
);

export const authorizers = namedMap(AUTHORIZER_NAME_RE, () => "has an invalid name: use letters, digits, - and _", authorizer, 'must be an object of authorizers, e.g. {"cognito": {"type": "jwt", ...}}', {
  description: "Authorizers routes can name. HTTP APIs: jwt and lambda; REST APIs: token, request and cognito.",
});

export type AuthorizerSettings = Static<typeof authorizer>;
