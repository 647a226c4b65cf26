// Response mapping expressions, apart from the rest of mapping/ so the lgw.json definition can
// use them without loading the template engine.

/**
 * A response mapping as API Gateway's PutIntegrationResponse takes it, around spaces: 'static',
 * integration.response.header.NAME, integration.response.body[.FIELD]. One pattern, so the
 * lgw.json definition (and its JSON Schema) says the same.
 */
export const MAPPING_EXPRESSION_RE = /^\s*(?:'[\s\S]*'|integration\.response\.header\.[!#$%&'*+\-.^_`|~0-9A-Za-z]+|integration\.response\.body(?:[.[].+)?)\s*$/;

/** Checks one mapping expression as API Gateway's PutIntegrationResponse does; the reason, or null. */
export function mappingExpressionError(expr: string): string | null {
  if (MAPPING_EXPRESSION_RE.test(expr)) return null;
  return `"${expr}" is not a response mapping: use 'static value', integration.response.body, integration.response.body.FIELD or integration.response.header.NAME`;
}
