import type { BuildOptions } from "esbuild";
export function lgwEsbuildOptions(opts: { outdir: string; version: string }): BuildOptions;
export function lgwExecEsbuildOptions(opts: { outdir: string; version: string }): BuildOptions;
export function lgwBuilds(opts: { outdir: string; version: string }): BuildOptions[];
