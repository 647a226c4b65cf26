// api: the API Gateway API in front of the functions, REST or HTTP API.
import * as Type from "@sinclair/typebox";
import type { Static } from "@sinclair/typebox";
import { API_TIMEOUT_S, API_TYPES, MEDIA_TYPE_RE } from "../limits.js";
import { nonEmpty, oneOf, settings, stringMap, wholeNumber } from "./common.js";
import { cors } from "./cors.js";
import { apiAccess } from "./rest.js";

const MEDIA_TYPES = 'must be a list of media types such as "image/png" or "*/*"';

export const api = settings({
  type: Type.Optional(oneOf(API_TYPES, { description: "http (API Gateway v2) or rest; default http when eventFormat is v2, else rest" })),
  id: Type.Optional(nonEmpty({ description: "The API's id (written by `lgw api create`)." })),
  name: Type.Optional(nonEmpty()),
  binaryMediaTypes: Type.Optional(Type.Array(Type.String({ pattern: MEDIA_TYPE_RE.source, errorMessage: MEDIA_TYPES }), { errorMessage: MEDIA_TYPES })),
  stageVariables: Type.Optional(stringMap()),
  timeout: Type.Optional(wholeNumber(API_TIMEOUT_S, { description: "Integration timeout of `lgw serve` in seconds (default 29 for REST, 30 for HTTP APIs)." })),
  cors: Type.Optional(cors),
  ...apiAccess,
});

export type ApiSettings = Static<typeof api>;
