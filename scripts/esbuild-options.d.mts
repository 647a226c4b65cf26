import type { BuildOptions } from "esbuild";
export function lgwEsbuildOptions(opts: { outdir: string; version: string }): BuildOptions;
