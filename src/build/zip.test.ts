import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { codeSha256, zipBootstrap } from "./zip.js";

/** Central directory fields of a zip with one entry (no zip64, no comment). */
function centralEntry(zip: Buffer) {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = zip.readUInt16LE(eocd + 10);
  const cd = zip.readUInt32LE(eocd + 16);
  expect(zip.readUInt32LE(cd)).toBe(0x02014b50);
  const nameLen = zip.readUInt16LE(cd + 28);
  return {
    entries,
    madeBy: zip.readUInt16LE(cd + 4) >> 8,
    dosTime: zip.readUInt16LE(cd + 12),
    dosDate: zip.readUInt16LE(cd + 14),
    externalAttributes: zip.readUInt32LE(cd + 38),
    name: zip.toString("utf8", cd + 46, cd + 46 + nameLen),
  };
}

describe("zipBootstrap", () => {
  const binary = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(50_000, 1), Buffer.from("go build id")]);

  it("gives byte-identical zips for the same binary", async () => {
    const a = await zipBootstrap(binary);
    const b = await zipBootstrap(Buffer.from(binary));
    expect(a.equals(b)).toBe(true);
    expect(codeSha256(a)).toBe(codeSha256(b));
    const other = await zipBootstrap(Buffer.concat([binary, Buffer.from("x")]));
    expect(codeSha256(other)).not.toBe(codeSha256(a));
  });

  it("holds one executable entry named bootstrap with a fixed 1980-01-01 timestamp", async () => {
    const e = centralEntry(await zipBootstrap(binary));
    expect(e).toMatchObject({ entries: 1, name: "bootstrap", madeBy: 3 });
    expect(e.externalAttributes >>> 16).toBe(0o100755);
    // DOS date: (year-1980)<<9 | month<<5 | day; time 00:00:00
    expect(e.dosDate).toBe((0 << 9) | (1 << 5) | 1);
    expect(e.dosTime).toBe(0);
  });
});

describe("codeSha256", () => {
  it.each([
    ["", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="],
    ["abc", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="],
  ])("of %j is base64 SHA-256", (text, expected) => {
    expect(codeSha256(Buffer.from(text))).toBe(expected);
    expect(createHash("sha256").update(text).digest("base64")).toBe(expected);
  });
});
