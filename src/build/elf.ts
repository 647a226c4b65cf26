// Reads just enough of an ELF header to tell which CPU a binary is for, so a bootstrap built for
// the wrong architecture is caught before it is zipped (or explained when `lgw exec` can't run it).
import { closeSync, openSync, readSync } from "node:fs";
import type { Arch } from "../config/types.js";

export type ElfArch = Arch | `other ELF (machine ${number})` | "not ELF";

const EM_X86_64 = 0x3e;
const EM_AARCH64 = 0xb7;

/** The first bytes of a file (fewer when the file is shorter). */
function head(file: string, length: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The architecture of an ELF binary, given its bytes (the first 20 are enough) or its path. */
export function readElfArch(bufOrPath: Buffer | Uint8Array | string): ElfArch {
  const buf = typeof bufOrPath === "string" ? head(bufOrPath, 20) : Buffer.from(bufOrPath.buffer, bufOrPath.byteOffset, bufOrPath.byteLength);
  if (buf.length < 20 || buf[0] !== 0x7f || buf[1] !== 0x45 || buf[2] !== 0x4c || buf[3] !== 0x46) return "not ELF";
  // e_ident[EI_DATA]: 1 little-endian, 2 big-endian; e_machine is the u16 at offset 18
  const data = buf[5];
  if (data !== 1 && data !== 2) return "not ELF";
  const machine = data === 1 ? buf.readUInt16LE(18) : buf.readUInt16BE(18);
  if (machine === EM_AARCH64) return "arm64";
  if (machine === EM_X86_64) return "x86_64";
  return `other ELF (machine ${machine})`;
}
