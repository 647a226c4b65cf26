// The request flags sample events are built from (no imports: `lgw exec` reads these names
// before it knows whether it builds an event at all).

/** The request flags of `lgw event`, `lgw exec --event` and `lgw invoke --event`, as parsed. */
export interface EventRequestFlags {
  method?: string;
  /** request path; may carry "?query" */
  path?: string;
  /** route template, e.g. /users/{id}: becomes `resource` and fills pathParameters */
  resource?: string;
  /** "k=v" each */
  query?: string[];
  /** "k=v" (or "k: v") each */
  header?: string[];
  body?: string;
  bodyFile?: string;
  stage?: string;
}

/** The names of those flags, checked against EventRequestFlags by the compiler. */
export const EVENT_REQUEST_FLAGS = ["method", "path", "resource", "query", "header", "body", "bodyFile", "stage"] as const satisfies readonly (keyof EventRequestFlags)[];
