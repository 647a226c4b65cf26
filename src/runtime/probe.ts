// Small per-process helpers of the Instance that run on every invocation, so they stay cheap.
import { randomBytes } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { maxMemoryFromProcStatus } from "./report.js";

/**
 * Reads VmHWM from /proc/<pid>/status through one open descriptor (procfs regenerates the text
 * on every read at offset 0), so sampling after each invocation stays cheap for lgw serve.
 */
export class MemoryProbe {
  private fd?: number;
  private readonly buf = Buffer.alloc(4096);
  constructor(private pid: number | undefined) {}

  sampleMB(): number | undefined {
    if (this.pid === undefined) return undefined;
    try {
      this.fd ??= openSync(`/proc/${this.pid}/status`, "r");
      const n = readSync(this.fd, this.buf, 0, this.buf.length, 0);
      return maxMemoryFromProcStatus(this.buf.toString("latin1", 0, n));
    } catch {
      this.close();
      this.pid = undefined;
      return undefined;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

// Trace ids need fresh random bytes per invocation; one randomBytes call serves hundreds.
let pool = Buffer.alloc(0);
let poolAt = 0;
export function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += bytes;
  return pool.toString("hex", poolAt - bytes, poolAt);
}
