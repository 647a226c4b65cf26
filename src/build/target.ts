// Pure: what to run for one build. config + function + platform + out dir -> the `go build`
// arguments, its environment, its working directory and where the outputs go. No I/O here, so
// every flag and path is checked by table-driven tests.
import path from "node:path";
import { UsageError } from "../errors.js";
import { goArch } from "../config/arch.js";
import type { Arch, FunctionConfig, ProjectConfig } from "../config/types.js";

export const DEFAULT_OUT_DIR = path.join(".lgw", "build");
export const BINARY_NAME = "bootstrap";
export const ZIP_NAME = "function.zip";
export const FINGERPRINT_NAME = ".fingerprint";

/** The platform a binary is built for: Lambda (linux + its arch) or the host lgw runs on. */
export interface Platform {
  goos: string;
  goarch: string;
  /** directory name under <out>/<function>/: "arm64", "x86_64", or "host-darwin-arm64" */
  label: string;
}

export interface BuildTarget {
  function: string;
  platform: Platform;
  /** the output root (<root>/.lgw/build or --out), absolute */
  outDir: string;
  cwd: string;
  args: string[];
  env: Record<string, string>;
  /** <out>/<function>/<label> */
  dir: string;
  binaryPath: string;
  zipPath: string;
  fingerprintPath: string;
  /** the binary is first written here, then renamed over binaryPath (a running copy keeps its inode) */
  tempBinaryPath: string;
}

export function lambdaPlatform(arch: Arch): Platform {
  return { goos: "linux", goarch: goArch(arch), label: arch };
}

/**
 * The platform of the machine lgw runs on. On Linux amd64/arm64 it is exactly the Lambda
 * platform, so `lgw exec` and `lgw build` share one binary and one cache entry.
 */
export function hostPlatform(platform: string = process.platform, nodeArch: string = process.arch): Platform {
  const goarch = nodeArch === "x64" ? "amd64" : nodeArch === "ia32" ? "386" : nodeArch;
  const goos = platform === "win32" ? "windows" : platform;
  if (goos === "linux" && (goarch === "arm64" || goarch === "amd64")) {
    return lambdaPlatform(goarch === "arm64" ? "arm64" : "x86_64");
  }
  return { goos, goarch, label: `host-${goos}-${goarch}` };
}

const RELEASE_FLAGS = ["-trimpath", "-buildvcs=false", "-ldflags=-s -w"];
/**
 * For Delve: no optimisation or inlining (-N -l, in every package), DWARF kept (no -s -w), and
 * absolute source paths (no -trimpath), so breakpoints set by file path in an editor on this
 * machine match without a substitutePath mapping.
 */
const DEBUG_FLAGS = ["-gcflags=all=-N -l", "-buildvcs=false"];
export const DEBUG_SUFFIX = "-debug";

// GOFLAGS entries that only choose how modules are resolved are kept; anything else (-race,
// -cover, -buildmode=..., -tags=..., -ldflags=...) would change or break the Lambda binary.
const KEPT_GOFLAGS = /^--?(mod|modcacherw|modfile|p)(=|$)/;

export function filterGoflags(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const kept = value.split(/\s+/).filter((f) => KEPT_GOFLAGS.test(f));
  return kept.length ? kept.join(" ") : undefined;
}

/** Package paths for `go build`: "." -> ".", "functions/users" -> "./functions/users", files as given. */
export function entryArgs(entry: string | string[], root: string): string[] {
  const entries = Array.isArray(entry) ? entry : [entry];
  return entries.map((e) => {
    const rel = path.isAbsolute(e) ? path.relative(root, e) : e;
    if (rel === "" || rel === ".") return ".";
    const norm = path.posix.normalize(rel.split(path.sep).join("/")).replace(/\/+$/, "");
    if (norm === ".." || norm.startsWith("../")) {
      throw new UsageError(`entry "${e}" is outside the project root ${root}: put the Go package inside the module`);
    }
    return norm.startsWith("./") || norm === "." ? norm : `./${norm}`;
  });
}

export function buildTarget(opts: {
  config: ProjectConfig;
  fn: FunctionConfig;
  platform: Platform;
  /** absolute, or relative to the project root; default <root>/.lgw/build */
  outDir?: string;
  /** the user's environment, passed on to go (default process.env) */
  baseEnv?: NodeJS.ProcessEnv;
  /** a build for Delve (--debug): see debugFlags */
  debug?: boolean;
}): BuildTarget {
  const { config, fn, platform } = opts;
  const root = config.root;
  const out = path.resolve(root, opts.outDir ?? DEFAULT_OUT_DIR);
  // a folder of its own: a debug build never replaces the normal one's cache entry, nor the reverse
  const dir = path.join(out, fn.name, platform.label + (opts.debug ? DEBUG_SUFFIX : ""));
  const binaryPath = path.join(dir, BINARY_NAME);
  // one per process: two lgw runs building the same target (exec in one terminal, serve --watch
  // in another) must not rename each other's half-written output away
  const tempBinaryPath = path.join(dir, `.${BINARY_NAME}.${process.pid}.tmp`);

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.baseEnv ?? process.env)) {
    if (v !== undefined) env[k] = v;
  }
  // go also reads GOFLAGS from its env file (`go env -w`), and only a non-empty variable
  // overrides that: -buildvcs=false (which we pass anyway) keeps it non-empty.
  env.GOFLAGS = [filterGoflags(env.GOFLAGS), "-buildvcs=false"].filter(Boolean).join(" ");
  env.GOOS = platform.goos;
  env.GOARCH = platform.goarch;
  env.CGO_ENABLED = "0";

  const args = [
    "build",
    "-tags",
    "lambda.norpc",
    ...(opts.debug ? DEBUG_FLAGS : RELEASE_FLAGS),
    "-o",
    tempBinaryPath,
    ...entryArgs(fn.entry, root),
  ];

  return {
    function: fn.name,
    platform,
    outDir: out,
    cwd: root,
    args,
    env,
    dir,
    binaryPath,
    zipPath: path.join(dir, ZIP_NAME),
    fingerprintPath: path.join(dir, FINGERPRINT_NAME),
    tempBinaryPath,
  };
}

/** The part of the environment that can change what go produces, for the build fingerprint. */
export function relevantEnv(env: Record<string, string>): [string, string][] {
  return Object.entries(env)
    .filter(([k]) => /^(GO|CGO_)/.test(k) && !["GOCACHE", "GOMODCACHE", "GOPATH", "GOTMPDIR", "GOENV", "GOPROXY", "GONOPROXY", "GOPRIVATE", "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GOAUTH"].includes(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
