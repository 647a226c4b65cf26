// A route object's REST integration as lgw works with it (schema/integration.ts defines the
// lgw.json settings): "lambda" (a Lambda custom integration with mapping templates), "mock" or
// "http" (HTTP_PROXY to "uri"); proxy routes have none. Template values are inline text or a
// path to a .vtl file; readTemplateFiles (templates.ts) replaces paths by the files' text when
// lgw.json is loaded.
import type { IntegrationResponse, PassthroughBehavior } from "../mapping/integration.js";
import type { INTEGRATION_TYPES } from "./limits.js";

export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export type RouteIntegration =
  | {
      type: "lambda" | "mock";
      /** content type -> template text (a .vtl path until readTemplateFiles has run) */
      requestTemplates: Record<string, string>;
      passthroughBehavior: PassthroughBehavior;
      /** selection pattern (or "default") -> integration response */
      responses: Record<string, IntegrationResponse>;
    }
  | { type: "http"; uri: string };

/** A template value naming a file rather than holding the template: one line ending in .vtl. */
export function isTemplatePath(value: string): boolean {
  return !value.includes("\n") && /\.vtl$/i.test(value.trim());
}
