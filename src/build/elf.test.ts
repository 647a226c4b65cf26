import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readElfArch } from "./elf.js";

/** A 64-byte ELF64 header with the given byte order and e_machine. */
function elfHeader(machine: number, data: 1 | 2 = 1): Buffer {
  const b = Buffer.alloc(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, data, 1], 0);
  if (data === 1) b.writeUInt16LE(machine, 18);
  else b.writeUInt16BE(machine, 18);
  return b;
}

describe("readElfArch", () => {
  it.each([
    ["aarch64", elfHeader(0xb7), "arm64"],
    ["x86-64", elfHeader(0x3e), "x86_64"],
    ["big-endian aarch64", elfHeader(0xb7, 2), "arm64"],
    ["i386", elfHeader(0x03), "other ELF (machine 3)"],
    ["RISC-V", elfHeader(0xf3), "other ELF (machine 243)"],
    ["a shell script", Buffer.from("#!/bin/sh\necho hello, this is long enough\n"), "not ELF"],
    ["Mach-O", Buffer.from([0xcf, 0xfa, 0xed, 0xfe, ...new Array(60).fill(0)]), "not ELF"],
    ["a truncated header", elfHeader(0xb7).subarray(0, 19), "not ELF"],
    ["empty", Buffer.alloc(0), "not ELF"],
  ])("%s -> %s", (_what, buf, expected) => {
    expect(readElfArch(buf)).toBe(expected);
  });

  const dir = mkdtempSync(path.join(tmpdir(), "lgw-elf-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file's header from its path", () => {
    const file = path.join(dir, "bootstrap");
    writeFileSync(file, Buffer.concat([elfHeader(0x3e), Buffer.alloc(4096)]));
    expect(readElfArch(file)).toBe("x86_64");
    writeFileSync(file, "tiny");
    expect(readElfArch(file)).toBe("not ELF");
  });

  it("reads a Uint8Array view at an offset", () => {
    const backing = Buffer.concat([Buffer.alloc(7), elfHeader(0xb7)]);
    expect(readElfArch(new Uint8Array(backing.buffer, backing.byteOffset + 7, 64))).toBe("arm64");
  });
});
