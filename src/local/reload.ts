// `lgw serve --watch`: what the build reads (go-sources.ts) is watched; a change rebuilds the
// served functions and swaps their pools to the new binaries (the old processes finish what they
// hold). Changes that arrive during a rebuild are batched into the next one. With --bootstrap,
// a change to that file restarts every function's processes.
import path from "node:path";
import { buildInputs } from "../build/go-sources.js";
import type { Logger } from "../ui/logger.js";
import type { FunctionHost } from "./functions.js";
import { watchFiles, type Watcher } from "../apigw/watch.js";

export interface Reloader {
  /** rebuild attempts so far, and whether the last one succeeded */
  reloads: { count: number; lastOk?: boolean };
  /** stops watching and waits for a rebuild in progress to end */
  close(): Promise<void>;
}

export async function watchForReload(o: { root: string; bootstrap?: string; host: FunctionHost; log: Logger; builds: AbortSignal }): Promise<Reloader> {
  const { host, log } = o;
  const reloads: Reloader["reloads"] = { count: 0 };
  let running: Promise<void> | undefined;
  const reload = async (files: string[]): Promise<void> => {
    const t0 = performance.now();
    log.step(`${files.map((f) => path.relative(o.root, f) || f).join(", ")} changed: ${o.bootstrap ? "restarting" : "rebuilding"}…`);
    try {
      const { changed, failed } = o.bootstrap ? { changed: [...host.served.keys()], failed: 0 } : await host.buildAll(false);
      host.restart(changed);
      reloads.lastOk = failed === 0;
      if (changed.length) log.success(`reloaded ${changed.join(", ")} in ${Math.round(performance.now() - t0)} ms`);
      else if (!failed) log.info(log.c.dim("no function changed"));
    } catch (err) {
      reloads.lastOk = false;
      if (!o.builds.aborted) log.error(`rebuild failed: ${(err as Error).message}`);
    } finally {
      reloads.count++;
    }
  };
  const pending = new Set<string>();
  const schedule = (files: string[]) => {
    for (const f of files) pending.add(f);
    if (running || o.builds.aborted) return;
    const batch = [...pending];
    pending.clear();
    running = reload(batch).finally(() => {
      running = undefined;
      if (pending.size) schedule([]);
    });
  };
  let watcher: Watcher;
  if (o.bootstrap) {
    const file = o.bootstrap;
    watcher = await watchFiles([file], schedule, { filter: (f) => f === file });
  } else {
    // the module and its local replaces, with //go:embed'ed files: what the fingerprint hashes
    const inputs = buildInputs(o.root);
    watcher = await watchFiles(inputs.roots, (files) => {
      inputs.refresh();
      schedule(files);
    }, { filter: inputs.isInput });
  }
  return {
    reloads,
    close: async () => {
      await watcher.close();
      // an interrupted rebuild ends once go and its compiler are gone
      await running;
    },
  };
}
