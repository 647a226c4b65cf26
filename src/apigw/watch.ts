// Edge: watches a project's Go sources (.go files, go.mod, go.sum) for `lgw serve --watch` and
// reports changes in debounced batches. chokidar is loaded only when watching is asked for.
import path from "node:path";

const SKIPPED_DIRS = new Set(["node_modules", "vendor", "testdata"]);

/** Files whose change can change a Go binary. */
export function isGoSource(file: string): boolean {
  const base = path.basename(file);
  return base.endsWith(".go") || base === "go.mod" || base === "go.sum";
}

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
      // dot directories (.git, .lgw with its build outputs) and dependency trees
      if (stats?.isDirectory()) return base.startsWith(".") || SKIPPED_DIRS.has(base);
      return stats?.isFile() ? !filter(p) : false;
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
