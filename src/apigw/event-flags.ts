// The request flags sample events are built from (no imports: `lgw exec` reads these names
// before it knows whether it builds an event at all).

/** The request flags of `lgw event`, `lgw exec --event` and `lgw invoke --event`, as parsed. */
export interface EventRequestFlags {
  method?: string;
  path?: string;
  resource?: string;
  query?: string[];
  header?: string[];
  body?: string;
  bodyFile?: string;
  stage?: string;
}

/** The names of those flags, checked against EventRequestFlags by the compiler. */
export const EVENT_REQUEST_FLAGS = ["method", "path", "resource", "query", "header", "body", "bodyFile", "stage"] as const satisfies readonly (keyof EventRequestFlags)[];
