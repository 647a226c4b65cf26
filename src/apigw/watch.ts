// Edge: watches what a Go build reads (src/build/go-sources.ts decides, as for the build
// fingerprint) for `lgw serve --watch` and reports changes in debounced batches. chokidar is
// loaded only when watching is asked for.
import path from "node:path";
import { isGoSource, isSkippedDir } from "../build/go-sources.js";

export interface Watcher {
  close(): Promise<void>;
}

/**
 * Calls `onChange` with the changed files once `debounceMs` passed without further changes.
 * `targets` are directories (their Go sources are watched, recursively) or single files.
 */
export async function watchFiles(
  targets: string[],
  onChange: (files: string[]) => void,
  opts: { debounceMs?: number; filter?: (file: string) => boolean } = {},
): Promise<Watcher> {
  const { watch } = await import("chokidar");
  const roots = new Set(targets.map((t) => path.resolve(t)));
  const filter = opts.filter ?? isGoSource;
  const watcher = watch([...roots], {
    ignoreInitial: true,
    ignored: (p: string, stats?: { isDirectory(): boolean; isFile(): boolean }) => {
      if (roots.has(p)) return false;
      const base = path.basename(p);
      // the folders go itself skips (.git, .lgw with its build outputs, _x, testdata)
      // files are all seen and filtered per event: the filter may widen (a new //go:embed)
      return stats?.isDirectory() ? isSkippedDir(base) : false;
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const changed = new Set<string>();
  const onEvent = (file: string) => {
    if (!filter(file)) return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed];
      changed.clear();
      onChange(files);
    }, opts.debounceMs ?? 100);
  };
  watcher.on("add", onEvent).on("change", onEvent).on("unlink", onEvent);
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
