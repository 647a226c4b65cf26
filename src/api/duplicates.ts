// Pure: what two runs at once (against moto, which does not refuse them as API Gateway and
// Lambda do) leave behind: the same resource path twice, the same statement id twice. sync
// reports them, and with --prune removes the extra copies.
import type { SyncInput, SyncStep } from "./plan.js";
import { depthOf } from "./tree.js";
import type { PolicyStatement, RemoteResource } from "../aws/rest-types.js";

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
    const best = candidates.sort((a, b) => score(b) - score(a) || byCodeUnit(a.id, b.id))[0];
    if (best) keptIds.add(best.id);
  }
  const kept = resources.filter((r) => keptIds.has(r.id));
  const extra = resources.filter((r) => !keptIds.has(r.id)).sort((a, b) => depthOf(b.path) - depthOf(a.path) || byCodeUnit(a.path, b.path));
  return { kept, extra };
}

/** Statement ids a function's policy holds more than once (moto allows it; Lambda answers 409), with their counts. */
export function duplicateStatementIds(statements: { sid: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of statements) counts.set(s.sid, (counts.get(s.sid) ?? 0) + 1);
  return new Map([...counts].filter(([, n]) => n > 1));
}

/**
 * Paths and statement ids that exist twice. Without --prune they are reported (notes) and the
 * plan works on one copy of each path; with it, the extra copies are deleted first and the
 * statements of a duplicated id are all removed, so the route's own is added back whole.
 */
export function planDuplicates(input: SyncInput, steps: SyncStep[], notes: string[]): { resources: RemoteResource[]; permissions: Record<string, PolicyStatement[]> } {
  const { kept, extra } = splitDuplicates(input.resources);
  const keptId = new Map(kept.map((r) => [r.path, r.id]));
  const extraPaths = [...new Set(extra.map((r) => r.path))].sort(byCodeUnit);
  if (input.prune) for (const r of extra) steps.push({ action: "delete-duplicate-resource", path: r.path, id: r.id });
  else if (extraPaths.length) {
    const shown = extraPaths.slice(0, 5).map((p) => `${p}${keptId.has(p) ? ` (kept: ${keptId.get(p)})` : ""}`);
    notes.push(`the API has ${extra.length} duplicate resource${extra.length === 1 ? "" : "s"} at ${shown.join(", ")}${extraPaths.length > 5 ? ", ..." : ""} (another run at the same time? \`lgw api sync --prune\` deletes them)`);
  }
  const statements = dedupeStatements(input.permissions, input.prune);
  for (const r of statements.removals) steps.push({ action: "remove-duplicate-permission", ...r });
  notes.push(...statements.notes);
  return { resources: kept, permissions: statements.permissions };
}

export interface StatementDedupe {
  /** the policies as the plan should see them: with --prune, a duplicated id counts as absent */
  permissions: Record<string, PolicyStatement[]>;
  /** with --prune: every copy of each duplicated id goes (the route's own is then added back) */
  removals: { functionName: string; statementId: string; count: number }[];
  /** without --prune: what the reader should know */
  notes: string[];
}

/** Statement ids a policy holds more than once, for REST and HTTP API plans alike. */
export function dedupeStatements(all: Record<string, PolicyStatement[]>, prune: boolean): StatementDedupe {
  const permissions: Record<string, PolicyStatement[]> = {};
  const removals: StatementDedupe["removals"] = [];
  const notes: string[] = [];
  for (const fn of Object.keys(all).sort(byCodeUnit)) {
    const dups = duplicateStatementIds(all[fn]!);
    permissions[fn] = prune ? all[fn]!.filter((s) => !dups.has(s.sid)) : all[fn]!;
    if (!dups.size) continue;
    const extraCount = [...dups.values()].reduce((n, c) => n + c - 1, 0);
    if (prune) for (const [sid, count] of [...dups].sort(([a], [b]) => byCodeUnit(a, b))) removals.push({ functionName: fn, statementId: sid, count });
    else notes.push(`function ${fn}'s policy holds ${extraCount} duplicate statement${extraCount === 1 ? "" : "s"} (${dups.size} id${dups.size === 1 ? "" : "s"} more than once; \`lgw api sync --prune\` removes them)`);
  }
  return { permissions, removals, notes };
}

/** Items sharing a key (an HTTP API's route key, an authorizer's name): the first by id is kept. */
export function firstOfEach<T>(items: T[], key: (t: T) => string, id: (t: T) => string): { kept: T[]; extra: T[] } {
  const seen = new Set<string>();
  const kept: T[] = [];
  const extra: T[] = [];
  for (const item of [...items].sort((a, b) => byCodeUnit(id(a), id(b)))) {
    if (seen.has(key(item))) extra.push(item);
    else {
      seen.add(key(item));
      kept.push(item);
    }
  }
  return { kept, extra };
}
