// Edge: the local values of the API keys usage plans name. Key values are secrets and never go
// in lgw.json: each comes from LGW_API_KEY_<NAME> (upper case, other characters as _) or from
// .lgw/api-keys.json, which lgw creates (mode 0600, git-ignored by .lgw/.gitignore) with a
// random 40-character value for every key that has none yet.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { LgwError } from "../../errors.js";
import type { ApiKey } from "./types.js";

export const API_KEYS_FILE = path.join(".lgw", "api-keys.json");
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function envName(key: string): string {
  return `LGW_API_KEY_${key.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** A value API Gateway accepts (20 to 128 characters; here 40 letters and digits). */
export function randomKeyValue(length = 40): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

type Stored = Record<string, { id: string; value: string }>;

function readStore(file: string): Stored {
  if (!existsSync(file)) return {};
  try {
    const v = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not an object");
    return v as Stored;
  } catch (err) {
    throw new LgwError(`${file} is not lgw's API key file (${(err as Error).message}): fix or delete it, and lgw makes new keys`);
  }
}

/** Every named key with its value and where the value came from; new values are saved. */
export function localApiKeys(root: string, names: string[], env: NodeJS.ProcessEnv = process.env): { keys: ApiKey[]; created: string[]; file: string } {
  const file = path.join(root, API_KEYS_FILE);
  const stored = readStore(file);
  const created: string[] = [];
  const keys = [...new Set(names)].sort().map((name) => {
    const fromEnv = env[envName(name)];
    let entry = stored[name];
    if (!entry) {
      entry = { id: randomKeyValue(10).toLowerCase(), value: randomKeyValue() };
      if (!fromEnv) {
        stored[name] = entry;
        created.push(name);
      }
    }
    return { name, id: entry.id, value: fromEnv || entry.value };
  });
  if (created.length) {
    mkdirSync(path.dirname(file), { recursive: true });
    const ignore = path.join(path.dirname(file), ".gitignore");
    if (!existsSync(ignore)) writeFileSync(ignore, "# lgw's local state (API keys, the development JWT key): not for version control\n*\n");
    writeFileSync(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
  }
  return { keys, created, file };
}
