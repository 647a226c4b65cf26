// Edge: `lgw serve --watch` re-reads the mapping templates of non-proxy routes when a .vtl file
// in the project changes, and swaps them into the routes being served (the next request uses
// them; no process restarts). A template that no longer loads keeps the old one serving.
import { loadConfig } from "../config/load.js";
import type { ProjectConfig } from "../config/types.js";
import { projectRoutes } from "../routes/project.js";
import type { Route } from "../routes/table.js";
import type { Logger } from "../ui/logger.js";
import { watchFiles, type Watcher } from "./watch.js";

/** Swaps each templated route's integration for the one lgw.json (and its .vtl files) now gives. */
export function refreshIntegrations(served: Route[], fresh: Route[]): string[] {
  const byKey = new Map(fresh.map((r) => [r.key, r]));
  const updated: string[] = [];
  for (const route of served) {
    const next = byKey.get(route.key)?.integration;
    if (!route.integration || route.integration.type === "http" || next?.type !== route.integration.type) continue;
    route.integration = next;
    updated.push(route.key);
  }
  return updated;
}

export async function watchTemplates(config: ProjectConfig, routes: Route[], log: Logger): Promise<Watcher | undefined> {
  if (!routes.some((r) => r.integration && r.integration.type !== "http")) return undefined;
  return watchFiles(
    [config.root],
    (files) => {
      try {
        const updated = refreshIntegrations(routes, projectRoutes(loadConfig(config.root)).routes);
        log.success(`${files.map((f) => f.slice(config.root.length + 1) || f).join(", ")} changed: reloaded the templates of ${updated.join(", ") || "no route"}`);
      } catch (err) {
        log.error(`${(err as Error).message}; the previous templates keep serving`);
      }
    },
    { filter: (f) => f.toLowerCase().endsWith(".vtl") },
  );
}
