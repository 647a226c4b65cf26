// The deployment package: one entry, `bootstrap`, executable, with a fixed timestamp, so equal
// binaries give byte-identical zips and therefore the same CodeSha256 (an unchanged build can
// skip its upload).
import { createHash } from "node:crypto";
import { BINARY_NAME } from "./target.js";

/** The DOS epoch: the earliest time a zip can hold, fixed so the bytes never depend on the clock. */
export const ZIP_DATE = new Date("1980-01-01T00:00:00Z");
/** Regular file, rwxr-xr-x: Lambda runs `bootstrap` directly. */
export const BOOTSTRAP_MODE = 0o755;

/** Lambda's CodeSha256: base64 of the SHA-256 of the zip bytes. */
export function codeSha256(buf: Buffer | Uint8Array): string {
  return createHash("sha256").update(buf).digest("base64");
}

/** Zips a bootstrap binary into a Lambda deployment package. */
export async function zipBootstrap(binary: Buffer): Promise<Buffer> {
  // archiver is large: only a build that really zips pays for loading it
  const { default: archiver } = await import("archiver");
  const archive = archiver("zip", { zlib: { level: 9 } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    archive.on("data", (c: Buffer) => chunks.push(c));
    archive.on("error", reject);
    archive.on("warning", reject);
    archive.on("end", () => resolve(Buffer.concat(chunks)));
  });
  archive.append(binary, { name: BINARY_NAME, mode: BOOTSTRAP_MODE, date: ZIP_DATE });
  await archive.finalize();
  return done;
}
