// lgw api keys: the local values of the API keys lgw.json's usage plans name (rest/keys-store.ts);
// with --remote, the deployed keys `lgw api sync` made for the API, values included.
import type { CommandContext, OptionsOf } from "../../cli/command.js";
import type { keysOptions } from "../api.meta.js";
import { resolveProject } from "../../config/resolve.js";
import { envName, localApiKeys } from "../../apigw/rest/keys-store.js";
import { table } from "../../ui/logger.js";
import { readApiKeys } from "../../aws/apigateway-usage.js";
import { lgwMark } from "../../api/usage-plans.js";
import { openApi } from "../../api/target.js";
import { apiOptions } from "./common.js";

async function remoteKeys(ctx: CommandContext<Opts>): Promise<number> {
  const { apiId, aws } = await openApi(apiOptions(ctx));
  const keys = (await readApiKeys(aws, true)).filter((k) => k.description === lgwMark(apiId)).sort((a, b) => (a.name < b.name ? -1 : 1));
  ctx.log.result({ apiId, keys: keys.map((k) => ({ name: k.name, id: k.id, value: k.value ?? null, enabled: k.enabled })) }, () =>
    keys.length
      ? table(keys.map((k) => [k.name, k.id, k.value ?? "", k.enabled ? "" : "disabled"]), ["NAME", "ID", "X-API-KEY", ""])
      : `no API keys deployed for REST API ${apiId}: add api.usagePlans to lgw.json and run \`lgw api sync\``,
  );
  return 0;
}

type Opts = OptionsOf<typeof keysOptions>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  if (ctx.opts.remote) return remoteKeys(ctx);
  const config = resolveProject(ctx.cwd, "required");
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
