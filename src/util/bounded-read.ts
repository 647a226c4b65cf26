// Reads input a user names (a payload file, stdin, --body-file) without trusting it: at most
// limit + 1 bytes are read (enough to say "too big"), only regular files and named pipes are
// opened, and a pending read ends when the command's signal aborts. Files are opened with
// O_NONBLOCK, so a FIFO without a writer never blocks open() (in the main thread or libuv's pool,
// where it would also hang lgw's exit); a FIFO is then read through a libuv pipe, which waits in
// epoll for its writer and so leaves Ctrl-C and SIGTERM working.
import { close, constants, fstat, open, read, type Stats } from "node:fs";
import net from "node:net";
import { promisify } from "node:util";
import { ExitCode, UsageError } from "../errors.js";
import { signalExitCode } from "./signals.js";

export interface BoundedBytes {
  /** at most limit + 1 bytes */
  bytes: Buffer;
  /** there were more than limit bytes */
  over: boolean;
  /** the whole size, when it is known (a regular file) */
  size?: number;
}

const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const readAsync = promisify(read);
const closeAsync = promisify(close);

function aborted(signal: AbortSignal): ExitCode {
  return new ExitCode(signalExitCode(signal.reason));
}

/** Collects a stream up to limit + 1 bytes, then destroys it; rejects with the signal's exit code on abort. */
export function readStreamBounded(stream: NodeJS.ReadableStream, limit: number, signal?: AbortSignal): Promise<BoundedBytes> {
  const readable = stream as NodeJS.ReadableStream & { destroy?: (err?: Error) => void };
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (err?: Error) => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      signal?.removeEventListener("abort", onAbort);
      if (err) return reject(err);
      const bytes = Buffer.concat(chunks, total);
      resolve({ bytes: bytes.subarray(0, limit + 1), over: total > limit });
    };
    const onData = (chunk: Buffer | string) => {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      chunks.push(buf);
      total += buf.length;
      if (total > limit) {
        // enough to refuse it: stop the writer (a `yes |` gets EPIPE) instead of reading on
        readable.destroy?.();
        finish();
      }
    };
    const onEnd = () => finish();
    const onError = (err: Error) => finish(err);
    const onAbort = () => {
      readable.destroy?.();
      finish(aborted(signal!));
    };
    if (signal?.aborted) return onAbort();
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", onError);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

async function openRefusingProblems(file: string, shown: string): Promise<number> {
  try {
    return await openAsync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`${shown} does not exist`);
    if (code === "EACCES" || code === "EPERM") throw new UsageError(`${shown} cannot be read: permission denied`);
    throw new UsageError(`${shown} cannot be opened: ${(err as Error).message}`);
  }
}

async function readRegular(fd: number, size: number, limit: number, signal?: AbortSignal): Promise<BoundedBytes> {
  // chunks, not one buffer of the stat size: /proc files say 0 and a file may grow while read
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    if (signal?.aborted) throw aborted(signal);
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
    const { bytesRead } = await readAsync(fd, chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return { bytes: Buffer.concat(chunks, total), over: total > limit, size: Math.max(size, total) };
}

/**
 * A regular file or named pipe, at most limit + 1 bytes of it. `shown` names it in messages
 * ("payload file x.json", "--body-file x"). Devices, sockets and directories are refused.
 */
export async function readFileBounded(file: string, shown: string, limit: number, signal?: AbortSignal): Promise<BoundedBytes> {
  if (signal?.aborted) throw aborted(signal);
  const fd = await openRefusingProblems(file, shown);
  let st: Stats;
  try {
    st = await fstatAsync(fd);
  } catch (err) {
    await closeAsync(fd);
    throw err;
  }
  if (st.isFIFO()) {
    // the pipe handle owns the fd from here and closes it when destroyed
    const pipe = new net.Socket({ fd, readable: true, writable: false });
    try {
      return await readStreamBounded(pipe, limit, signal);
    } finally {
      pipe.destroy();
    }
  }
  try {
    if (!st.isFile()) throw new UsageError(`${shown} is ${kindOf(st)}: give a regular file, a named pipe, or - for stdin`);
    return await readRegular(fd, st.size, limit, signal);
  } finally {
    await closeAsync(fd);
  }
}
