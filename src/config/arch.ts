import { UsageError } from "../errors.js";
import type { Arch } from "./types.js";

/** Lambda's architecture name for a user's spelling; amd64 is Go's name for x86_64. */
export function normalizeArch(value: string): Arch {
  const v = value.trim().toLowerCase();
  if (v === "arm64" || v === "aarch64") return "arm64";
  if (v === "x86_64" || v === "amd64" || v === "x86-64") return "x86_64";
  throw new UsageError(`unknown architecture "${value}": use arm64 or x86_64 (aarch64, amd64 and x86-64 are accepted too)`);
}

/** GOARCH for a Lambda architecture. */
export function goArch(arch: Arch): "arm64" | "amd64" {
  return arch === "arm64" ? "arm64" : "amd64";
}

/** The Lambda architecture of the machine lgw runs on, when Lambda has one. */
export function hostArch(nodeArch: string = process.arch): Arch | undefined {
  if (nodeArch === "arm64") return "arm64";
  if (nodeArch === "x64") return "x86_64";
  return undefined;
}
