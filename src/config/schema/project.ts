// The one definition of lgw.json. The loader (../parse.ts) validates with it, the TypeScript
// types of the file come from it, and schema/lgw.schema.json is generated from it
// (json-schema.ts). A new setting is a new key here; a rule across fields is a `ruled` rule
// beside them; rules across the file that no JSON Schema can hold (which function a route
// names) are in references.ts.
import * as Type from "@sinclair/typebox";
import type { Static } from "@sinclair/typebox";
import { api } from "./api.js";
import { authorizers } from "./authorizers.js";
import { nonEmpty, oneOf, ruled, settings } from "./common.js";
import { architecture, eventFormat, functions } from "./function.js";
import { routes } from "./routes.js";

const shape = settings(
  {
    $schema: Type.Optional(Type.String({ errorMessage: "must be a string" })),
    architecture: Type.Optional(architecture("Default architecture for every function:")),
    region: Type.Optional(nonEmpty({ description: "AWS region. --region, AWS_REGION and AWS_DEFAULT_REGION override it, and for the AWS commands the profile's region too." })),
    eventFormat: Type.Optional(eventFormat("API Gateway event format: v1 (REST API proxy) or v2 (HTTP API); default v1.")),
    functions,
    routes: Type.Optional(routes),
    authorizers: Type.Optional(authorizers),
    api: Type.Optional(api),
  },
  "must be an object",
);

/** An HTTP API project: api.type "http", or eventFormat v2 without an api.type. */
const httpApi = Type.Union([
  Type.Object({ api: Type.Object({ type: Type.Literal("http") }) }),
  Type.Object({ eventFormat: Type.Literal("v2"), api: Type.Optional(Type.Object({ type: Type.Optional(Type.Never()) })) }),
]);
const NON_PROXY = ["lambda", "mock", "http"] as const;

export const lgwJson = ruled(shape, [
  {
    when: httpApi,
    then: Type.Object({ routes: Type.Optional(Type.Record(Type.String(), Type.Not(Type.Object({ integration: oneOf(NON_PROXY) })))) }),
    problem: (json) => {
      const [key, route] = Object.entries(json.routes ?? {}).find(([, r]) => typeof r === "object" && NON_PROXY.includes(r.integration as never))!;
      const type = typeof route === "object" ? route.integration : "";
      return `routes["${key}"].integration "${type}" needs a REST API: set "api": {"type": "rest"} (HTTP APIs take proxy routes only)`;
    },
  },
  {
    when: httpApi,
    then: Type.Object({ api: Type.Optional(Type.Object({ cors: Type.Optional(Type.Object({ paths: Type.Optional(Type.Never()) })) })) }),
    problem: () => "api.cors.paths is for REST APIs: an HTTP API's CORS configuration covers every route (remove it)",
  },
]);

/** lgw.json as a user writes it (and as the loader has checked it). */
export type LgwJson = Static<typeof shape>;
