import type { OptionSpec } from "../cli/command.js";
import { normalizeArch } from "../config/arch.js";
import { ARCH_ALIASES_TEXT, ARCHITECTURES } from "../config/limits.js";

/**
 * The one --arch option of every command that takes one. Its value is parsed by normalizeArch,
 * so each command accepts the same spellings (arm64/aarch64, x86_64/amd64/x86-64) and hands its
 * handler Lambda's name; commander `choices` would reject the aliases normalizeArch accepts.
 */
export function archOption(defaultText: string) {
  return {
    flags: "--arch <arch>",
    description: `${ARCHITECTURES.join(" or ")} (${ARCH_ALIASES_TEXT} accepted); ${defaultText}`,
    parse: normalizeArch,
  } as const satisfies OptionSpec;
}
