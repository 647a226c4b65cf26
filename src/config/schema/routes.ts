// routes: the one route table of lgw serve and lgw api sync. "METHOD /path" (or "$default" for
// an HTTP API) -> a function name, or {"function", "authorizer", "scopes"} plus a REST
// integration (integration.ts) and REST access keys (rest.ts). Which function and which authorizer a route names is checked
// against the rest of the file in references.ts.
import * as Type from "@sinclair/typebox";
import type { Static, TSchema } from "@sinclair/typebox";
import { ROUTE_KEY_RE, routeKeyProblem } from "../../routes/table.js";
import { namedMap, nonEmpty, oneOf, ruled, settings, stringList, type Rule } from "./common.js";
import { integration, passthroughBehavior, responses, templates, uri, type ResponsesSettings } from "./integration.js";
import { routeAccess } from "./rest.js";

const VALUE = 'must name a function: "users" or {"function": "users", "authorizer": "cognito"}';

const routeShape = settings(
  {
    function: Type.Optional(nonEmpty({ errorMessage: "must name a function", description: 'the function that answers this route (none for "mock" and "http")' })),
    authorizer: Type.Optional(nonEmpty({ errorMessage: "must name an authorizer of authorizers", description: "an authorizer of `authorizers`" })),
    scopes: Type.Optional(stringList({ description: "JWT authorizers: the token needs one of these scopes (scope or scp)" })),
    integration: Type.Optional(integration),
    requestTemplates: Type.Optional(templates),
    passthroughBehavior: Type.Optional(passthroughBehavior),
    responses: Type.Optional(responses),
    uri: Type.Optional(uri),
    ...routeAccess,
  },
  VALUE,
);
type RouteShape = Static<typeof routeShape>;

/** A route whose integration is one of `types` (absent counts as "proxy" when listed). */
const integrationIs = (types: string[]): TSchema =>
  Type.Object({ integration: types.includes("proxy") ? Type.Optional(oneOf(types)) : oneOf(types) });
const without = (key: string): TSchema => Type.Object({ [key]: Type.Optional(Type.Never()) });
const kind = (r: RouteShape) => r.integration ?? "proxy";

const rules: Rule<RouteShape>[] = [
  ...["requestTemplates", "passthroughBehavior", "responses"].map((key) => ({
    when: integrationIs(["proxy", "http"]),
    then: without(key),
    problem: (r: RouteShape) => `${key} applies only to "integration": "lambda" or "mock" (this route is "${kind(r)}")`,
  })),
  { when: integrationIs(["proxy", "lambda", "mock"]), then: without("uri"), problem: (r) => `uri applies only to "integration": "http" (this route is "${kind(r)}")` },
  { when: integrationIs(["proxy"]), then: Type.Object({ function: Type.String() }), problem: () => "function must name a function" },
  { when: integrationIs(["lambda"]), then: Type.Object({ function: Type.String() }), problem: () => 'function must name the function a "lambda" integration invokes' },
  { when: integrationIs(["mock", "http"]), then: without("function"), problem: (r) => `function is not used by "integration": "${kind(r)}" (remove it)` },
  { when: integrationIs(["http"]), then: Type.Object({ uri: Type.String() }), problem: () => `uri ${uri.errorMessage}` },
];

export const routeSettings = ruled(routeShape, rules);

const routeValue = Type.Union([Type.String({ minLength: 1, errorMessage: VALUE }), routeSettings], { errorMessage: VALUE });

export const routes = namedMap(ROUTE_KEY_RE, routeKeyProblem, routeValue, 'must be an object of "METHOD /path": function', {
  description:
    'Route table shared by `lgw serve` and `lgw api sync`: "METHOD /path" (or "$default" for an HTTP API) -> a function name, or {"function", "authorizer", "scopes", "integration", ...}.',
});

export type RouteSettings = Omit<RouteShape, "responses"> & { responses?: ResponsesSettings };
