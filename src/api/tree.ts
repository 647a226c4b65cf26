// Pure: the resource tree of a REST API, addressed by path.
import { LgwError } from "../cli/errors.js";
import { formatPathPart, formatResourcePath, type PathPart } from "../routes/table.js";
import type { RemoteResource } from "./types.js";

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

export interface DuplicateResources {
  /** one resource per path: what lgw reads the API as */
  kept: RemoteResource[];
  /** the others, deepest first (the order they can be deleted in) */
  extra: RemoteResource[];
}

/**
 * API Gateway refuses a second child with the same name, but moto (and so two syncs at once
 * against it) does not: the same path twice. One copy of each path is kept: the one under the
 * kept parent whose subtree has the most methods with integrations (then the lower id); a
 * resource under a dropped copy is dropped with it, so a path only the dropped copy had counts
 * as missing and is made again under the kept one.
 */
export function splitDuplicates(resources: RemoteResource[]): DuplicateResources {
  const paths = new Map<string, RemoteResource[]>();
  for (const r of resources) paths.set(r.path, [...(paths.get(r.path) ?? []), r]);
  if ([...paths.values()].every((g) => g.length === 1)) return { kept: resources, extra: [] };
  const children = new Map<string, RemoteResource[]>();
  for (const r of resources) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const scores = new Map<string, number>();
  const score = (r: RemoteResource): number => {
    let s = scores.get(r.id);
    if (s === undefined) {
      s = Object.values(r.methods).filter((m) => m.integration?.type).length + (children.get(r.id) ?? []).reduce((n, c) => n + score(c), 0);
      scores.set(r.id, s);
    }
    return s;
  };
  const keptIds = new Set<string>();
  for (const [path, group] of [...paths].sort(([a], [b]) => depthOf(a) - depthOf(b))) {
    const candidates = path === "/" ? group : group.filter((r) => r.parentId !== undefined && keptIds.has(r.parentId));
    const best = candidates.sort((a, b) => score(b) - score(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (best) keptIds.add(best.id);
  }
  const kept = resources.filter((r) => keptIds.has(r.id));
  const extra = resources.filter((r) => !keptIds.has(r.id)).sort((a, b) => depthOf(b.path) - depthOf(a.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { kept, extra };
}

/** Statement ids a function's policy holds more than once (moto allows it; Lambda answers 409), with their counts. */
export function duplicateStatementIds(statements: { sid: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of statements) counts.set(s.sid, (counts.get(s.sid) ?? 0) + 1);
  return new Map([...counts].filter(([, n]) => n > 1));
}
