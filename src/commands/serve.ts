import type { CommandContext, OptionsOf } from "../cli/command.js";
import type { options } from "./serve.meta.js";
import type { Route } from "../routes/table.js";
import { UsageError } from "../errors.js";
import { attachInstructions, DEBUG_HOST, parseDebugOption } from "../runtime/debug.js";
import { table } from "../ui/logger.js";

// lgw serve: starts the local API Gateway, prints where and what it serves, and runs until
// Ctrl-C or SIGTERM (ctx.signal), then stops every process it started.
type Opts = OptionsOf<typeof options>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const { startServe } = await import("../local/serve.js");
  const o = ctx.opts;
  const host = o.host;
  const debug = o.debug === undefined ? undefined : parseDebugOption(o.debug);
  if (debug && "problem" in debug) throw new UsageError(debug.problem);
  const handle = await startServe({
    cwd: ctx.cwd,
    port: o.port,
    host,
    stage: o.stage,
    watch: o.watch === true,
    concurrency: o.concurrency,
    format: o.format,
    binaryMediaTypes: o.binaryMediaTypes,
    bootstrap: o.bootstrap,
    timeoutSeconds: o.timeout,
    debugPort: debug?.port,
    allowedHosts: o.allowedHost,
    awsCredentials: o.awsCredentials,
    noAuth: o.auth === false,
    // the edge that reads the environment: the core gets it as a layer (config/settings.ts)
    lgwEnv: process.env,
    log: ctx.log,
    signal: ctx.signal,
  });
  try {
    if (!["127.0.0.1", "localhost", "::1"].includes(host)) {
      ctx.log.warn(`listening on ${host}: other machines on your network can reach this API`);
    }
    const guarded = handle.routes.some((r) => r.authorizer || r.access?.apiKeyRequired);
    const rows = handle.routes.map((r) => [r.method, r.path, target(r), ...(guarded ? [access(r)] : [])]);
    ctx.log.result(
      { url: handle.url, format: handle.format, stage: handle.stage, routes: handle.routes.map((r) => ({ route: r.key, ...(r.functionName ? { function: r.functionName } : {}), ...(r.integration ? { integration: r.integration.type } : {}), ...(r.authorizer ? { authorizer: r.authorizer } : {}) })), ...(handle.debug ? { debug: handle.debug.map((t) => ({ function: t.functionName, host: DEBUG_HOST, port: t.port })) } : {}) },
      () =>
        `${ctx.log.c.bold(`lgw serve: ${handle.url}`)}  (${handle.format === "v1" ? "REST API, payload 1.0" : "HTTP API, payload 2.0"}, stage ${handle.stage}, ` +
        `${handle.debug ? "one process per function, under Delve" : `up to ${handle.concurrency} processes per function`}${ctx.opts.watch ? ", watching for changes" : ""})\n` +
        table(rows, ["METHOD", "PATH", "TARGET", ...(guarded ? ["AUTHORIZER"] : [])]).replace(/^/gm, "  ") +
        "\n" + ctx.log.c.dim("Ctrl-C to stop"),
    );
    if (handle.debug) ctx.log.info(attachInstructions(handle.debug, "serve"));
    if (o.auth === false && guarded) ctx.log.warn("--no-auth: authorizers and API keys are skipped; every request reaches its function");
    for (const k of handle.apiKeys) {
      ctx.log.step(`API key ${k.name}: x-api-key: ${k.value}${handle.createdApiKeys.includes(k.name) ? ` (new, saved in ${handle.apiKeysFile})` : ""}`);
    }
    if (!ctx.signal.aborted) await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
    ctx.log.step("stopping…");
  } finally {
    await handle.close();
  }
  return 0;
}

/** The AUTHORIZER column: the authorizer (with scopes) and whether an API key is required. */
function access(r: Route): string {
  const scopes = r.scopes ?? r.access?.authorizationScopes;
  const parts = [r.authorizer ? `${r.authorizer}${scopes?.length ? ` (${scopes.join(" ")})` : ""}` : "", r.access?.apiKeyRequired ? "api key" : ""].filter(Boolean);
  return parts.join(", ") || "-";
}

/** What answers a route in the startup table: its function, or a non-proxy integration. */
function target(r: Route): string {
  const integ = r.integration;
  if (!integ) return r.functionName;
  if (integ.type === "http") return `http ${integ.uri}`;
  return integ.type === "mock" ? "mock" : `${r.functionName} (lambda, non-proxy)`;
}
