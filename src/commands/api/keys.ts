// lgw api keys: the local values of the API keys lgw.json's usage plans name (rest/keys-store.ts).
import type { CommandContext } from "../../cli/command.js";
import { loadConfig } from "../../config/load.js";
import { envName, localApiKeys } from "../../apigw/rest/keys-store.js";
import { table } from "../../ui/logger.js";

export default async function handler(ctx: CommandContext): Promise<number> {
  const config = loadConfig(ctx.cwd);
  const plans = config.api.rest?.usagePlans ?? [];
  const names = plans.flatMap((p) => p.keys);
  if (names.length === 0) {
    ctx.log.result({ keys: [] }, () => 'no API keys: add a usage plan to lgw.json, e.g. "api": {"usagePlans": {"basic": {"keys": ["partner"]}}}');
    return 0;
  }
  const { keys, created, file } = localApiKeys(config.root, names);
  const planOf = (name: string) => plans.filter((p) => p.keys.includes(name)).map((p) => p.name);
  const source = (name: string) => (process.env[envName(name)] ? envName(name) : file);
  ctx.log.result(
    { keys: keys.map((k) => ({ name: k.name, id: k.id, value: k.value, plans: planOf(k.name), source: source(k.name), created: created.includes(k.name) })) },
    () => table(keys.map((k) => [k.name, planOf(k.name).join(", "), k.value, created.includes(k.name) ? "new" : source(k.name) === file ? "" : source(k.name)]), ["NAME", "PLAN", "X-API-KEY", "FROM"]),
  );
  if (created.length) ctx.log.step(`made ${created.join(", ")} and saved ${created.length === 1 ? "it" : "them"} in ${file} (git-ignored)`);
  return 0;
}
