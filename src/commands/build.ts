import type { CommandContext } from "../cli/command.js";
import { LgwError } from "../cli/errors.js";

// PLACEHOLDER: replaced by the real implementation.
export default async function handler(_ctx: CommandContext): Promise<number> {
  throw new LgwError("not implemented yet");
}
