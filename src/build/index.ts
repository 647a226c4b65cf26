// Builds a function's bootstrap (and its Lambda zip), reusing the previous outputs when the
// fingerprint says nothing that goes into the binary has changed.
//
// Layout, per function and platform:  <out>/<function>/<arch>/bootstrap
//                                     <out>/<function>/<arch>/function.zip
//                                     <out>/<function>/<arch>/.fingerprint
// with <out> = <root>/.lgw/build unless --out says otherwise. On Linux amd64/arm64 the host
// binary (lgw exec / serve) is the Lambda binary of that arch, so they share one cache entry.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { LgwError } from "../errors.js";
import { DEFAULTS, type Arch, type FunctionConfig, type ProjectConfig } from "../config/types.js";
import { resolveSetting } from "../config/settings.js";
import type { Logger } from "../ui/logger.js";
import { readElfArch } from "./elf.js";
import { computeFingerprint, readRecord, writeRecord } from "./fingerprint.js";
import { requireGo, runGo } from "./go.js";
import { sweepTempBinaries, takeGoTmp } from "./gotmp.js";
import { checkOutputDir } from "./outdir.js";
import { buildTarget, hostPlatform, lambdaPlatform, type BuildTarget, type Platform } from "./target.js";
import { codeSha256, zipBootstrap } from "./zip.js";

export interface BuildResult {
  function: string;
  architecture: Arch;
  binaryPath: string;
  zipPath: string;
  /** size of the zip in bytes */
  size: number;
  /** base64 SHA-256 of the zip, as Lambda reports it */
  codeSha256: string;
  /** true when go build did not run because nothing had changed */
  cached: boolean;
}

interface BinaryOptions {
  config: ProjectConfig;
  fn: FunctionConfig;
  platform: Platform;
  outDir?: string;
  force?: boolean;
  debug?: boolean;
  log: Logger;
  signal?: AbortSignal;
}

// Concurrent builds of one target in this process (serve --watch) would share the temp file.
const inFlight = new Map<string, Promise<unknown>>();

async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = inFlight.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  inFlight.set(key, next);
  try {
    return await next;
  } finally {
    if (inFlight.get(key) === next) inFlight.delete(key);
  }
}

function expectedElf(platform: Platform): Arch | undefined {
  if (platform.goos !== "linux") return undefined;
  return platform.goarch === "arm64" ? "arm64" : platform.goarch === "amd64" ? "x86_64" : undefined;
}

/** Builds the binary unless the fingerprint matches; returns the target and whether go ran. */
async function ensureBinary(opts: BinaryOptions): Promise<{ target: BuildTarget; fingerprint: string; cached: boolean }> {
  const { config, fn, platform, log } = opts;
  const target = buildTarget({ config, fn, platform, outDir: opts.outDir, debug: opts.debug });
  const go = requireGo(target.env);
  const fingerprint = computeFingerprint({
    target,
    goPath: go.path,
    goVersion: go.version,
    root: config.root,
    excludeDirs: [target.outDir],
  });
  const record = readRecord(target.fingerprintPath);
  if (!opts.force && record?.fingerprint === fingerprint && existsSync(target.binaryPath)) {
    log.debug(`${fn.name} (${platform.label}) is unchanged: reusing ${target.binaryPath}`);
    return { target, fingerprint, cached: true };
  }

  makeOutputDir(target.dir, target.outDir);
  // a build that fails half way must not leave a record that vouches for old outputs
  rmSync(target.fingerprintPath, { force: true });
  log.step(`building ${fn.name} for ${platform.label}${opts.debug ? " (debug: -N -l, for Delve)" : ""}…`);
  log.debug(`cd ${target.cwd} && GOOS=${platform.goos} GOARCH=${platform.goarch} CGO_ENABLED=0 go ${target.args.join(" ")}`);
  // go's work folder goes in .lgw/tmp, not /tmp, and is removed however the build ends
  sweepTempBinaries(target.dir);
  const tmp = takeGoTmp(config.root);
  try {
    await runGo({
      go,
      args: target.args,
      env: { ...target.env, GOTMPDIR: tmp.dir },
      cwd: target.cwd,
      failure: `go build failed for ${fn.name} (${platform.label})`,
      signal: opts.signal,
    });
  } finally {
    tmp.release();
  }
  const want = expectedElf(platform);
  if (want) {
    const got = readElfArch(target.tempBinaryPath);
    if (got !== want) {
      rmSync(target.tempBinaryPath, { force: true });
      throw new LgwError(`go build produced a ${got} binary for ${fn.name}, not ${want}`, {
        hint: "check GOARCH/GOOS in your environment or `go env -w` settings",
      });
    }
  }
  // rename, not overwrite: a bootstrap that is running keeps its old file
  renameSync(target.tempBinaryPath, target.binaryPath);
  return { target, fingerprint, cached: false };
}

/** Cross-compiles a function for Lambda and zips it (or reuses the previous build). */
export async function buildFunction(opts: {
  config: ProjectConfig;
  fn: FunctionConfig;
  arch?: Arch;
  outDir?: string;
  force?: boolean;
  log: Logger;
  signal?: AbortSignal;
}): Promise<BuildResult> {
  // lgw.json's function architecture already falls back to the project's and then DEFAULTS (parse.ts)
  const arch = resolveSetting("architecture", { flag: opts.arch, file: opts.fn.architecture, default: DEFAULTS.architecture }).value;
  const platform = lambdaPlatform(arch);
  const key = buildTarget({ config: opts.config, fn: opts.fn, platform, outDir: opts.outDir }).binaryPath;
  return serialized(key, async () => {
    const { target, fingerprint, cached } = await ensureBinary({ ...opts, platform });
    const record = readRecord(target.fingerprintPath);
    const result = (size: number, sha: string): BuildResult => ({
      function: opts.fn.name,
      architecture: arch,
      zipPath: target.zipPath,
      binaryPath: target.binaryPath,
      size,
      codeSha256: sha,
      cached,
    });
    if (cached && record?.zip) {
      const st = statOrUndefined(target.zipPath);
      if (st && st.size === record.zip.size && st.mtimeMs === record.zip.mtimeMs) return result(record.zip.size, record.zip.codeSha256);
    }
    const zip = await zipBootstrap(readFileSync(target.binaryPath));
    const tempZip = `${target.zipPath}.${process.pid}.tmp`;
    writeFileSync(tempZip, zip);
    renameSync(tempZip, target.zipPath);
    const sha = codeSha256(zip);
    const st = statSync(target.zipPath);
    writeRecord(target.fingerprintPath, { fingerprint, zip: { size: st.size, mtimeMs: st.mtimeMs, codeSha256: sha } });
    return result(st.size, sha);
  });
}

/**
 * A bootstrap for the machine lgw runs on (lgw exec / serve): same flags and cache, no zip.
 * With `debug`, the Delve build (target.ts), cached apart from the normal one.
 */
export async function buildForHost(opts: {
  config: ProjectConfig;
  fn: FunctionConfig;
  force?: boolean;
  debug?: boolean;
  log: Logger;
  signal?: AbortSignal;
}): Promise<{ binaryPath: string; cached: boolean }> {
  const platform = hostPlatform();
  const key = buildTarget({ config: opts.config, fn: opts.fn, platform, debug: opts.debug }).binaryPath;
  return serialized(key, async () => {
    const { target, fingerprint, cached } = await ensureBinary({ ...opts, platform });
    // a fresh binary makes any zip beside it stale: the record no longer vouches for one
    if (!cached) writeRecord(target.fingerprintPath, { fingerprint });
    return { binaryPath: target.binaryPath, cached };
  });
}

/** mkdir -p, with a one-line error when the output directory cannot be made (--out names a file, no permission). */
function makeOutputDir(dir: string, outDir: string): void {
  checkOutputDir(dir, outDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR" || code === "EEXIST") {
      throw new LgwError(`cannot create the build output ${dir}: a file is in the way`, {
        exitCode: 2,
        hint: `give --out a directory (${outDir} or one of its parents is a file)`,
      });
    }
    throw new LgwError(`cannot create the build output ${dir}: ${(err as Error).message}`);
  }
}

function statOrUndefined(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
