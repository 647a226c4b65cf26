// Where lgw.json's "$schema" points, and the copy of lgw's JSON Schema that keeps it resolvable.
//
// Why a copy inside the project: a reference into the package ("./node_modules/lgw/schema/...")
// exists only for a local install, not under npx or a global install, and an https URL needs the
// network and a published version. `lgw init` writes the schema beside lgw.json, as
// lgw.schema.json, and every command that loads such a project rewrites the copy when it differs
// from the installed lgw's, so an upgrade brings the new rules to the editor. Beside lgw.json, not
// in .lgw/: that folder is lgw's local state, git-ignored (by the scaffold, by older scaffolds'
// ".lgw/" rule that no "!" line can undo, and by the .gitignore lgw auth puts inside it), and
// the copy must be committed so the reference also resolves in a fresh clone.
import { closeSync, constants, lstatSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../util/package-root.js";

/** The "$schema" lgw init writes, relative to lgw.json. */
export const SCHEMA_REF = "./lgw.schema.json";

/** The copy's path relative to the project root (lgw.json's folder), as the scaffold plans it. */
export const SCHEMA_COPY = "lgw.schema.json";

/** The JSON Schema shipped with the running lgw. */
export function shippedSchema(root: string = packageRoot()): string {
  return readFileSync(path.join(root, "schema", "lgw.schema.json"), "utf8");
}

/**
 * Brings the project's copy up to date when its lgw.json points at it. Never fails the command:
 * a read-only checkout or a missing shipped schema only leaves the editor without the newest copy.
 * Never writes through a symlink (a cloned repository could hold the copy as a link to a file of
 * the user's). Returns whether it wrote the copy.
 */
export function refreshSchemaCopy(projectRoot: string, schemaRef: unknown, read: () => string = shippedSchema): boolean {
  if (schemaRef !== SCHEMA_REF) return false;
  const copy = path.join(projectRoot, SCHEMA_COPY);
  try {
    const schema = read();
    const copyStat = lstatSync(copy, { throwIfNoEntry: false });
    if (copyStat && !copyStat.isFile()) return false;
    if (copyStat && copyStat.size === Buffer.byteLength(schema) && readFileSync(copy, "utf8") === schema) return false;
    const fd = openSync(copy, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
    try {
      writeSync(fd, schema);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch {
    return false;
  }
}
