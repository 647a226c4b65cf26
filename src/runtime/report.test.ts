import { describe, expect, it } from "vitest";
import {
  billedDuration,
  endLine,
  exitDescription,
  exitMessage,
  maxMemoryFromProcStatus,
  reportLine,
  startLine,
  timeoutMessage,
  type ReportFigures,
} from "./report.js";

const ID = "8f5e6b2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";

describe("START / END / REPORT lines", () => {
  it("START and END", () => {
    expect(startLine(ID)).toBe(`START RequestId: ${ID} Version: $LATEST`);
    expect(endLine(ID)).toBe(`END RequestId: ${ID}`);
  });

  const figures: ReportFigures = { requestId: ID, durationMs: 1.234, billedDurationMs: 2, memoryMB: 128 };
  const table: [string, Partial<ReportFigures>, string][] = [
    ["warm, memory unknown", {}, `REPORT RequestId: ${ID}\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB`],
    [
      "cold",
      { maxMemoryUsedMB: 20, initDurationMs: 4.556 },
      `REPORT RequestId: ${ID}\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 20 MB\tInit Duration: 4.56 ms`,
    ],
    ["timeout", { maxMemoryUsedMB: 9, status: "timeout" }, `REPORT RequestId: ${ID}\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 9 MB\tStatus: timeout`],
    [
      "platform error",
      { status: "error", errorType: "Runtime.ExitError" },
      `REPORT RequestId: ${ID}\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tStatus: error\tError Type: Runtime.ExitError`,
    ],
  ];
  it.each(table)("REPORT %s", (_name, change, expected) => {
    expect(reportLine({ ...figures, ...change })).toBe(expected);
  });
});

describe("billedDuration", () => {
  const table: [number, number | undefined, number][] = [
    [0, undefined, 1],
    [0.2, undefined, 1],
    [1, undefined, 1],
    [1.0001, undefined, 2],
    [12.5, undefined, 13],
    // custom runtimes bill the init phase of a cold start too
    [1.2, 4.5, 6],
  ];
  it.each(table)("duration %d ms, init %s ms -> %d ms", (d, init, expected) => {
    expect(billedDuration(d, init)).toBe(expected);
  });
});

describe("platform error messages", () => {
  const timeouts: [number, string][] = [
    [3000, "3.00"],
    [500, "0.50"],
    [250, "0.25"],
    [900_000, "900.00"],
    [1234, "1.23"],
  ];
  it.each(timeouts)("timeout %d ms", (ms, text) => {
    expect(timeoutMessage(ID, ms)).toBe(`RequestId: ${ID} Error: Task timed out after ${text} seconds`);
  });

  const exits: [number | null, string | null, string][] = [
    [1, null, "exit status 1"],
    [0, null, "exit status 0"],
    [2, null, "exit status 2"],
    [null, "SIGKILL", "signal: killed"],
    [null, "SIGSEGV", "signal: segmentation fault"],
    [null, "SIGABRT", "signal: aborted"],
    [null, "SIGWINCH", "signal: SIGWINCH"],
  ];
  it.each(exits)("exit code %s signal %s", (code, signal, text) => {
    expect(exitDescription(code, signal)).toBe(text);
  });

  it("runtime exit message", () => {
    expect(exitMessage(ID, 1, null)).toBe(`RequestId: ${ID} Error: Runtime exited with error: exit status 1`);
    expect(exitMessage(ID, null, "SIGKILL")).toBe(`RequestId: ${ID} Error: Runtime exited with error: signal: killed`);
  });
});

describe("maxMemoryFromProcStatus", () => {
  it.each([
    ["Name:\tbootstrap\nVmPeak:\t  712345 kB\nVmHWM:\t    9216 kB\nVmRSS:\t    8000 kB\n", 9],
    ["VmHWM:\t    9217 kB\n", 10],
    ["Name:\tzombie\nState:\tZ (zombie)\n", undefined],
  ])("%j -> %s", (text, mb) => {
    expect(maxMemoryFromProcStatus(text)).toBe(mb);
  });
});
