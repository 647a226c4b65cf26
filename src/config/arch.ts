import { UsageError } from "../errors.js";
import { ARCH_ALIASES_TEXT, ARCH_SPELLINGS, type Arch } from "./limits.js";

/** Lambda's architecture name for a user's spelling (ARCH_SPELLINGS; amd64 is Go's name for x86_64). */
export function normalizeArch(value: string): Arch {
  const v = value.trim().toLowerCase();
  if (Object.hasOwn(ARCH_SPELLINGS, v)) return ARCH_SPELLINGS[v as keyof typeof ARCH_SPELLINGS];
  throw new UsageError(`unknown architecture "${value}": use arm64 or x86_64 (${ARCH_ALIASES_TEXT} are accepted too)`);
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
