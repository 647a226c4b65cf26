// Pure: the resource tree of a REST API, addressed by path.
import { LgwError } from "../errors.js";
import { formatPathPart, formatResourcePath, type PathPart } from "../routes/table.js";
import type { RemoteResource } from "../aws/rest-types.js";

export interface MissingResource {
  path: string;
  parentPath: string;
  pathPart: string;
}

export function indexByPath(resources: RemoteResource[]): Map<string, RemoteResource> {
  return new Map(resources.map((r) => [r.path, r]));
}

export function parentPathOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function depthOf(path: string): number {
  return path === "/" ? 0 : path.split("/").length - 1;
}

/** The resources `mkdir -p` would create for this path, parents first. */
export function missingResources(existing: ReadonlySet<string> | ReadonlyMap<string, unknown>, parts: PathPart[]): MissingResource[] {
  const out: MissingResource[] = [];
  for (let i = 1; i <= parts.length; i++) {
    const path = formatResourcePath(parts.slice(0, i));
    if (!existing.has(path)) out.push({ path, parentPath: formatResourcePath(parts.slice(0, i - 1)), pathPart: formatPathPart(parts[i - 1]!) });
  }
  return out;
}

const isVariable = (pathPart: string) => pathPart.startsWith("{");

/**
 * API Gateway allows one variable child per resource: creating /users/{id} next to an existing
 * /users/{userId} fails. Finds that case first, so the message can say what to do.
 */
export function variableSiblingConflict(paths: Iterable<string>, wanted: MissingResource): string | undefined {
  if (!isVariable(wanted.pathPart)) return undefined;
  for (const path of paths) {
    if (path === "/" || path === wanted.path) continue;
    if (parentPathOf(path) === wanted.parentPath && isVariable(path.slice(path.lastIndexOf("/") + 1))) return path;
  }
  return undefined;
}

export function siblingConflictError(existing: string, wanted: string, hint: string): LgwError {
  return new LgwError(`${existing} already exists where ${wanted} is wanted: API Gateway allows only one variable part per level`, { hint });
}
