// api.cors: an HTTP API's CorsConfiguration (lgw serve answers preflight as the gateway does); for
// a REST API, the OPTIONS (MOCK) preflight `lgw api sync` makes on `paths` (absent: every routed
// path; `lgw api cors PATH` writes it).
import * as Type from "@sinclair/typebox";
import type { Static } from "@sinclair/typebox";
import { RESOURCE_PATH_RE, resourcePathProblem } from "../../routes/table.js";
import { CORS_MAX_AGE_S } from "../limits.js";
import { ruled, settings, stringList, trueOrFalse, wholeNumber, withProblem } from "./common.js";

const PATHS = "must be a list of strings";
const paths = Type.Array(
  withProblem(Type.String({ pattern: RESOURCE_PATH_RE.source, errorMessage: PATHS }), (v) => (typeof v === "string" ? `has ${resourcePathProblem(v)}` : PATHS)),
  { errorMessage: PATHS, description: "REST APIs: the resource paths given a preflight (default: every routed path)" },
);

const corsShape = settings(
  {
    allowOrigins: Type.Optional(stringList()),
    allowMethods: Type.Optional(stringList()),
    allowHeaders: Type.Optional(stringList()),
    exposeHeaders: Type.Optional(stringList()),
    maxAge: Type.Optional(wholeNumber(CORS_MAX_AGE_S, { unit: "of seconds " })),
    allowCredentials: Type.Optional(trueOrFalse()),
    paths: Type.Optional(paths),
  },
  'must be an object such as {"allowOrigins": ["https://example.com"]}',
  { description: "an HTTP API's CorsConfiguration (lgw serve answers preflight as the gateway does); for a REST API, its OPTIONS preflights" },
);

export const cors = ruled(corsShape, [
  {
    when: Type.Object({ allowCredentials: Type.Literal(true) }),
    then: Type.Object({ allowOrigins: Type.Optional(Type.Not(Type.Array(Type.Unknown(), { contains: Type.Literal("*") }))) }),
    problem: () => 'allowCredentials cannot be true with allowOrigins "*" (API Gateway refuses it): list the origins',
  },
]);

export type CorsSettings = Static<typeof corsShape>;
