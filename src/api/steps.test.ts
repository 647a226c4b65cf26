import { describe, expect, it } from "vitest";
import { interruptedReport, runSteps, SyncInterrupted } from "./steps.js";

describe("runSteps", () => {
  it("finishes the step in flight when the signal fires, starts no other, and says what is left", async () => {
    const ac = new AbortController();
    const ran: number[] = [];
    const said: string[] = [];
    const run = runSteps(
      [1, 2, 3, 4],
      (n) => `step ${n}`,
      async (n) => {
        if (n === 2) ac.abort("SIGTERM");
        await new Promise((r) => setTimeout(r, 5));
        ran.push(n);
      },
      { step: (m) => said.push(m) },
      ac.signal,
    );
    const err = (await run.catch((e: unknown) => e)) as SyncInterrupted;
    expect(err).toBeInstanceOf(SyncInterrupted);
    expect(ran).toEqual([1, 2]);
    expect([err.done, err.remaining, err.exitCode]).toEqual([["step 1", "step 2"], ["step 3", "step 4"], 143]);
    expect(said).toContain('interrupted: finishing "step 2", then stopping (press Ctrl-C again to stop at once)');
    expect(interruptedReport(err, "api1", "lgw api sync")).toEqual([
      "interrupted: 2 of 4 changes made to api1:",
      "  step 1",
      "  step 2",
      "running `lgw api sync` again makes the other 2:",
      "  step 3",
      "  step 4",
    ]);
  });

  it("runs every step without a signal", async () => {
    expect(await runSteps([1, 2], String, async () => undefined, { step: () => undefined })).toBe(2);
  });
});
