// The one answer to "which routes does this project have", for lgw serve, lgw api sync, lgw
// event and lgw exec --event alike: lgw.json's table, or, for a one-function project without
// one, everything to that function (ANY / and ANY /{proxy+}).
import { UsageError } from "../errors.js";
import type { ProjectConfig } from "../config/types.js";
import { defaultRoutes, parseRouteTable, type Route } from "./table.js";

export function projectRoutes(config: ProjectConfig): { routes: Route[]; implicit: boolean } {
  if (Object.keys(config.routes).length > 0) {
    const keys = Object.keys(config.routes);
    // MOCK and HTTP routes name no function
    const functionless = new Set(keys.filter((k) => config.routeOptions?.[k]?.integration && config.routes[k] === ""));
    const routes = parseRouteTable(config.routes, config.functions.map((f) => f.name), functionless).map((r, i) => {
      const options = config.routeOptions?.[keys[i]!];
      return options ? { ...r, ...options } : r;
    });
    return { routes, implicit: false };
  }
  if (config.functions.length === 1) return { routes: defaultRoutes(config.functions[0]!.name), implicit: true };
  throw new UsageError(
    `${config.file ?? "lgw.json"} has ${config.functions.length} functions and no "routes": say which function answers which path`,
    { hint: 'e.g. "routes": { "GET /users/{id}": "users", "ANY /{proxy+}": "web" }' },
  );
}
