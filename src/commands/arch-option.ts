import type { OptionSpec } from "../cli/command.js";
import { normalizeArch } from "../config/arch.js";

/**
 * The one --arch option of every command that takes one. Its value is parsed by normalizeArch,
 * so each command accepts the same spellings (arm64/aarch64, x86_64/amd64/x86-64) and hands its
 * handler Lambda's name; commander `choices` would reject the aliases normalizeArch accepts.
 */
export function archOption(defaultText: string): OptionSpec {
  return {
    flags: "--arch <arch>",
    description: `arm64 or x86_64 (aarch64, amd64 and x86-64 accepted); ${defaultText}`,
    parse: normalizeArch,
  };
}
