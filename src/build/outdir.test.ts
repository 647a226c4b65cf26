import { describe, expect, it } from "vitest";
import { outputDirProblem, type AncestorProbe } from "./outdir.js";

/** A little file system: folders, files, symlinks (realpath), and what may not be written. */
function fs(dirs: string[], files: string[] = [], links: Record<string, string> = {}, readOnly: string[] = []): AncestorProbe {
  const isFile = (p: string) => files.includes(p);
  return {
    exists: (p) => dirs.includes(p) || isFile(p) || p in links || files.some((f) => p.startsWith(f + "/")),
    isDirectory: (p) => dirs.includes(p) || (p in links && dirs.includes(links[p]!)),
    realpath: (p) => links[p] ?? p,
    writable: (p) => !readOnly.includes(p),
  };
}

describe("outputDirProblem", () => {
  const base = ["/", "/home", "/home/me", "/proc", "/proc/123", "/sys", "/dev", "/etc"];
  it.each<[string, string, AncestorProbe, string | undefined]>([
    ["a new folder in a writable one", "/home/me/out/hello/arm64", fs(base), undefined],
    ["an existing folder", "/home/me", fs(base), undefined],
    ["/proc/self (a link into /proc)", "/proc/self/hello/arm64", fs(base, [], { "/proc/self": "/proc/123" }), "it is under /proc, a kernel file system"],
    ["/sys", "/sys/out", fs(base), "it is under /sys, a kernel file system"],
    ["a link that leads into /proc", "/home/me/p/x", fs(base, [], { "/home/me/p": "/proc/123" }), "it is under /proc, a kernel file system"],
    ["a file as the folder", "/home/me/f/hello", fs(base, ["/home/me/f"]), "a file is in the way (/home/me/f)"],
    ["a file higher up", "/home/me/f/a/b", fs(base, ["/home/me/f"]), "a file is in the way (/home/me/f)"],
    ["a folder that may not be written", "/etc/out", fs(base, [], {}, ["/etc"]), "/etc is not writable"],
  ])("%s", (_what, dir, probe, problem) => {
    expect(outputDirProblem(dir, probe)).toBe(problem);
  });
});
