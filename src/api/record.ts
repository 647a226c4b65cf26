// Edge: what `lgw api create-method` and `lgw api cors` write to lgw.json, so the route table
// stays the one truth that `lgw api sync` and `lgw serve` work from. The edit is tried on a copy
// before any AWS call (a conflict or a table API Gateway would refuse costs nothing), and
// written with updateConfigFile once AWS has it.
import { readFileSync } from "node:fs";
import { updateConfigFile } from "../config/load.js";
import { parseConfig } from "../config/parse.js";
import type { ProjectConfig } from "../config/types.js";

type Json = Record<string, unknown>;

export interface SaveOptions {
  /** false with --no-save */
  save: boolean;
  /** --id, when given */
  id?: string;
}

export type Saved<E> = ({ saved: true; file: string } & E) | { saved: false; reason: string };

export interface PreparedSave<E> {
  /** why nothing will be written (--no-save, no lgw.json, another API) */
  reason?: string;
  /** writes the edit to lgw.json; call it after AWS has the change */
  commit(): Saved<E>;
}

/**
 * Checks `edit` against lgw.json now and returns how to apply it later. `validate` gets the
 * project as it would be after the edit (e.g. to check the route table as a whole). An edit
 * whose change is "unchanged" leaves the file untouched.
 */
export function prepareSave<E extends { change: string }>(
  config: ProjectConfig | undefined,
  opts: SaveOptions,
  edit: (json: Json) => E,
  validate?: (after: ProjectConfig) => void,
): PreparedSave<E> {
  const skip = (reason: string): PreparedSave<E> => ({ reason, commit: () => ({ saved: false, reason }) });
  if (!opts.save) return skip("--no-save");
  const file = config?.file;
  if (!config || !file) return skip("no lgw.json here");
  if (opts.id && config.api.id && opts.id !== config.api.id) return skip(`--id ${opts.id} is not the API lgw.json names (api.id ${config.api.id})`);
  const copy = JSON.parse(readFileSync(file, "utf8")) as Json;
  edit(copy);
  validate?.(parseConfig(JSON.stringify(copy), file, config.root));
  return {
    commit: () => {
      let result: E | undefined;
      updateConfigFile(file, (json) => {
        result = edit(json);
        if (result.change === "unchanged") return false;
      });
      return { saved: true, file, ...(result as E) };
    },
  };
}
