import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeArch } from "../config/arch.js";
import { implicitConfig } from "../config/parse.js";
import type { FunctionConfig } from "../config/types.js";
import { buildTarget, entryArgs, filterGoflags, hostPlatform, lambdaPlatform, relevantEnv } from "./target.js";

const root = path.resolve("/proj");
const config = implicitConfig(root, "hello");
const fn = (entry: FunctionConfig["entry"], name = "hello"): FunctionConfig => ({ ...config.functions[0]!, name, entry });

describe("buildTarget", () => {
  it.each([
    ["arm64", "arm64"],
    ["aarch64", "arm64"],
    ["x86_64", "amd64"],
    ["amd64", "amd64"],
    ["AMD64", "amd64"],
  ])("--arch %s -> GOARCH=%s for linux without cgo", (spelling, goarch) => {
    const arch = normalizeArch(spelling);
    const t = buildTarget({ config, fn: fn("."), platform: lambdaPlatform(arch), baseEnv: { PATH: "/bin" } });
    expect(t.env).toMatchObject({ GOOS: "linux", GOARCH: goarch, CGO_ENABLED: "0", PATH: "/bin" });
    expect(t.args).toEqual([
      "build",
      "-tags",
      "lambda.norpc",
      "-trimpath",
      "-buildvcs=false",
      "-ldflags=-s -w",
      "-o",
      t.tempBinaryPath,
      ".",
    ]);
    expect(t.cwd).toBe(root);
    expect(t.binaryPath).toBe(path.join(root, ".lgw/build/hello", arch, "bootstrap"));
    expect(t.zipPath).toBe(path.join(root, ".lgw/build/hello", arch, "function.zip"));
    expect(path.dirname(t.tempBinaryPath)).toBe(path.dirname(t.binaryPath));
    // unique per process, so concurrent lgw processes never share a half-written binary
    expect(path.basename(t.tempBinaryPath)).toBe(`.bootstrap.${process.pid}.tmp`);
  });

  it.each([
    [".", ["."]],
    ["./functions/users", ["./functions/users"]],
    ["functions/users/", ["./functions/users"]],
    [["main.go", "handler.go"], ["./main.go", "./handler.go"]],
    [["cmd/a/main.go"], ["./cmd/a/main.go"]],
    [path.join(root, "functions/orders"), ["./functions/orders"]],
  ] as [FunctionConfig["entry"], string[]][])("entry %j -> %j", (entry, expected) => {
    expect(entryArgs(entry, root)).toEqual(expected);
    expect(buildTarget({ config, fn: fn(entry), platform: lambdaPlatform("arm64") }).args.slice(8)).toEqual(expected);
  });

  it("a debug build (--debug): -N -l everywhere, DWARF and source paths kept, in a folder of its own", () => {
    const normal = buildTarget({ config, fn: fn("."), platform: lambdaPlatform("x86_64") });
    const debug = buildTarget({ config, fn: fn("."), platform: lambdaPlatform("x86_64"), debug: true });
    expect(debug.args).toEqual(["build", "-tags", "lambda.norpc", "-gcflags=all=-N -l", "-buildvcs=false", "-o", debug.tempBinaryPath, "."]);
    expect(debug.binaryPath).toBe(path.join(root, ".lgw/build/hello/x86_64-debug/bootstrap"));
    // neither build's output, cache record nor temp file is the other's
    for (const key of ["binaryPath", "zipPath", "fingerprintPath", "tempBinaryPath", "dir"] as const) expect(debug[key]).not.toBe(normal[key]);
    expect(debug.env).toEqual(normal.env);
  });

  it("refuses an entry outside the module", () => {
    expect(() => entryArgs("../elsewhere", root)).toThrow(/outside the project root/);
  });

  it("--out is resolved against the root and holds <function>/<arch>", () => {
    const t = buildTarget({ config, fn: fn(".", "users"), platform: lambdaPlatform("x86_64"), outDir: "dist" });
    expect(t.outDir).toBe(path.join(root, "dist"));
    expect(t.binaryPath).toBe(path.join(root, "dist/users/x86_64/bootstrap"));
    const abs = buildTarget({ config, fn: fn("."), platform: lambdaPlatform("arm64"), outDir: "/tmp/out" });
    expect(abs.zipPath).toBe(path.resolve("/tmp/out/hello/arm64/function.zip"));
  });

  it("overrides the user's GOOS/GOARCH/CGO and keeps only harmless GOFLAGS", () => {
    const t = buildTarget({
      config,
      fn: fn("."),
      platform: lambdaPlatform("arm64"),
      baseEnv: { GOOS: "windows", GOARCH: "386", CGO_ENABLED: "1", GOFLAGS: "-race -mod=vendor -tags=x -modcacherw", GOPROXY: "off" },
    });
    expect(t.env).toMatchObject({ GOOS: "linux", GOARCH: "arm64", CGO_ENABLED: "0", GOPROXY: "off" });
    expect(t.env.GOFLAGS).toBe("-mod=vendor -modcacherw -buildvcs=false");
  });

  it.each([
    [undefined, undefined],
    ["", undefined],
    ["-race -cover", undefined],
    ["-mod=mod", "-mod=mod"],
    ["-p=2 -buildmode=pie", "-p=2"],
  ])("filterGoflags(%j) = %j", (input, out) => {
    expect(filterGoflags(input)).toBe(out);
  });

  it("relevantEnv keeps what changes the binary, sorted, and not cache locations", () => {
    expect(relevantEnv({ PATH: "/x", GOCACHE: "/c", GOARCH: "arm64", CGO_ENABLED: "0", GOAMD64: "v3", HOME: "/h" })).toEqual([
      ["CGO_ENABLED", "0"],
      ["GOAMD64", "v3"],
      ["GOARCH", "arm64"],
    ]);
  });
});

describe("hostPlatform", () => {
  it.each([
    ["linux", "x64", { goos: "linux", goarch: "amd64", label: "x86_64" }],
    ["linux", "arm64", { goos: "linux", goarch: "arm64", label: "arm64" }],
    ["darwin", "arm64", { goos: "darwin", goarch: "arm64", label: "host-darwin-arm64" }],
    ["win32", "x64", { goos: "windows", goarch: "amd64", label: "host-windows-amd64" }],
  ])("%s/%s -> %j", (platform, arch, expected) => {
    expect(hostPlatform(platform, arch)).toEqual(expected);
  });
});
