// Pure: matching a request to the route table as API Gateway does (literal beats {param} beats
// {proxy+}, explicit methods beat ANY), over a tree built once per table.
import type { HttpMethod, Route, RouteMatch } from "./table.js";


interface Node {
  literals: Map<string, Node>;
  param?: { name: string; node: Node };
  greedy?: { name: string; node: Node };
  methods: Map<HttpMethod, Route>;
}

const newNode = (): Node => ({ literals: new Map(), methods: new Map() });
const trees = new WeakMap<Route[], Node>();

function treeOf(routes: Route[]): Node {
  let root = trees.get(routes);
  if (root) return root;
  root = newNode();
  for (const route of routes) {
    if (route.defaultRoute) continue;
    let node = root;
    for (const part of route.parts) {
      if (part.kind === "literal") {
        let next = node.literals.get(part.value);
        if (!next) node.literals.set(part.value, (next = newNode()));
        node = next;
      } else {
        const slot = part.kind === "param" ? "param" : "greedy";
        node[slot] ??= { name: part.name, node: newNode() };
        node = node[slot]!.node;
      }
    }
    if (!node.methods.has(route.method)) node.methods.set(route.method, route);
  }
  trees.set(routes, root);
  return root;
}

/** decodeURIComponent that leaves malformed escapes as they are instead of throwing. */
export function safeDecode(s: string): string {
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

function routeFor(node: Node, method: string): Route | undefined {
  return node.methods.get(method as HttpMethod) ?? node.methods.get("ANY");
}

export interface MatchOptions {
  /** "rest" (default): REST API rules on a raw path; "http": HTTP API rules on a decoded path */
  style?: "rest" | "http";
}

/**
 * Finds the route for a request. `path` is the request path without the query string: raw
 * (percent-encoded) for "rest", already decoded for "http".
 */
export function matchRoute(routes: Route[], method: string, path: string, opts: MatchOptions = {}): RouteMatch | undefined {
  const upper = method.toUpperCase();
  const rest = opts.style !== "http";
  let tail = path.startsWith("/") ? path.slice(1) : path;
  const trailingSlash = tail.endsWith("/") && tail !== "";
  if (trailingSlash && rest) tail = tail.slice(0, -1);
  const raw = tail === "" ? [] : tail.split("/");
  // for "http" a trailing slash leaves a last empty segment that no literal or {param} matches
  const segments = rest ? raw.map(safeDecode) : raw;
  const params: [string, string][] = [];

  const walk = (node: Node, i: number): Route | undefined => {
    if (i === segments.length) return routeFor(node, upper);
    const seg = segments[i]!;
    const lit = node.literals.get(seg);
    if (lit) {
      const found = walk(lit, i + 1);
      if (found) return found;
    }
    if (node.param && seg !== "") {
      params.push([node.param.name, raw[i]!]);
      const found = walk(node.param.node, i + 1);
      if (found) return found;
      params.pop();
    }
    if (node.greedy && raw.slice(i).some((r) => r !== "")) {
      const found = routeFor(node.greedy.node, upper);
      if (found) {
        // REST drops the trailing slash from proxy (path keeps it); HTTP APIs keep it
        params.push([node.greedy.name, raw.slice(i).join("/")]);
        return found;
      }
    }
    return undefined;
  };

  const route = walk(treeOf(routes), 0);
  if (!route) {
    // an HTTP API's $default route takes whatever no other route matched
    const fallback = routes.find((r) => r.defaultRoute);
    return fallback ? { route: fallback, pathParameters: null } : undefined;
  }
  return { route, pathParameters: params.length ? Object.fromEntries(params) : null };
}
