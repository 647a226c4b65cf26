// What an interrupted `lgw deploy` says: for each function, the state AWS is actually in, read
// back after the signal (an aborted CreateFunction may well have created the function: the
// request reached Lambda, only its answer was cut off), and what a rerun does.
import type { LambdaClients } from "../aws/index.js";
import type { Logger } from "../ui/logger.js";
import { readRemoteFunction, type DeployResult } from "./apply.js";
import type { DeployPlan, RemoteFunction } from "./plan.js";

/** A function's outcome: finished, or read back from AWS (or unreadable) after the interrupt. */
export type AfterInterrupt = { done: DeployResult } | { remote: RemoteFunction | "missing" } | { unknown: string };

/** Pure: one line per function. */
export function describeInterrupted(plans: DeployPlan[], after: AfterInterrupt[]): string[] {
  return plans.map((plan, i) => {
    const a = after[i]!;
    const name = plan.function;
    if ("done" in a) return `${name}: ${a.done.action === "create" ? "created" : a.done.action === "update-code" ? "code updated" : "unchanged"} (finished before the interrupt)`;
    if ("unknown" in a) return `${name}: state unknown (${a.unknown})`;
    const remote = a.remote;
    if (remote === "missing") return `${name}: does not exist${plan.action === "create" ? " (not created)" : ""}`;
    const same = remote.codeSha256 === plan.codeSha256;
    if (plan.action === "create") return `${name}: exists (created${same ? " with this build's code" : ", with other code"}; configuration and waits not confirmed)`;
    if (plan.action === "update-code") return `${name}: ${same ? "has this build's code (updated)" : "still has its previous code"}`;
    return `${name}: code unchanged${plan.updateConfiguration ? "; configuration update not confirmed" : ""}`;
  });
}

/** Reads back every function that did not finish and prints the state and the command to rerun. */
export async function reportInterrupted(
  aws: LambdaClients,
  plans: DeployPlan[],
  settled: PromiseSettledResult<DeployResult>[],
  log: Logger,
  rerun: string,
): Promise<void> {
  const after = await Promise.all(
    plans.map(async (plan, i): Promise<AfterInterrupt> => {
      const s = settled[i]!;
      if (s.status === "fulfilled") return { done: s.value };
      try {
        return { remote: await readRemoteFunction(aws, plan.function) };
      } catch (err) {
        return { unknown: (err as Error).message };
      }
    }),
  );
  log.warn("interrupted: what AWS has now:");
  log.err(describeInterrupted(plans, after).map((l) => `  ${l}`).join("\n") + "\n");
  log.err(`run \`${rerun}\` again to finish\n`);
}
