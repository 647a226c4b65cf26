import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { errnoToUserError, fileInTheWay } from "./errno.js";

function errno(code: string, syscall: string, p: string, extra: Record<string, unknown> = {}): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${p}'`), { code, syscall, path: p, errno: -1, ...extra });
}

describe("errnoToUserError", () => {
  const inTheWay = (p: string) => (p.startsWith("/tmp/afile/") ? "/tmp/afile" : undefined);
  it.each([
    ["ENOENT", "open", "/p/events/x.json", "cannot open /p/events/x.json: no such file or folder", 2],
    ["ENOTDIR", "mkdir", "/tmp/afile/x", "cannot create the folder /tmp/afile/x: /tmp/afile is a file, not a folder", 2],
    ["ENOTDIR", "scandir", "/elsewhere/x", "cannot list /elsewhere/x: a part of the path is a file, not a folder", 2],
    ["EACCES", "open", "/root/lgw.json", "cannot open /root/lgw.json: permission denied", 1],
    ["EEXIST", "mkdir", "/p/out", "cannot create the folder /p/out: already exists", 2],
    ["EISDIR", "read", "/p/events", "cannot read /p/events: is a folder where a file is needed", 2],
    ["ELOOP", "open", "/p/lambda.go", "cannot open /p/lambda.go: is a symbolic link that lgw does not follow here, or a loop of links", 2],
    ["EPERM", "unlink", "/p/x", "cannot remove /p/x: operation not permitted", 1],
    ["EROFS", "write", "/ro/x", "cannot write /ro/x: the file system is read-only", 1],
    ["ENOSPC", "write", "/full/x", "cannot write /full/x: no space left on the device", 1],
    ["EACCES", "weird_syscall", "/x", "cannot use /x: permission denied", 1],
  ])("%s from %s(%s)", (code, syscall, p, message, exitCode) => {
    const err = errnoToUserError(errno(code, syscall, p), inTheWay);
    expect(err?.message).toBe(message);
    expect(err?.exitCode).toBe(exitCode);
    expect(err?.code).toBe(code);
    expect(err?.hint).toMatch(/\w/);
    expect(err?.message).not.toContain("\n");
  });

  it("names both paths of a rename", () => {
    expect(errnoToUserError(errno("EACCES", "rename", "/a", { dest: "/b" }), inTheWay)?.message).toBe("cannot move /a to /b: permission denied");
  });

  it.each([
    ["a plain Error", new Error("boom")],
    ["an errno without a path (a socket's)", Object.assign(new Error("x"), { code: "ECONNREFUSED", syscall: "connect" })],
    ["an errno lgw does not know", errno("EBUSY", "rmdir", "/x")],
    ["a string", "ENOENT"],
    ["undefined", undefined],
  ])("leaves %s alone (undefined: a bug, not a user error)", (_, err) => {
    expect(errnoToUserError(err)).toBeUndefined();
  });
});

describe("fileInTheWay, on a real file system", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "lgw-errno-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds the file a real ENOTDIR tripped on and names it", async () => {
    writeFileSync(path.join(dir, "afile"), "");
    mkdirSync(path.join(dir, "folder"));
    const target = path.join(dir, "afile", "x", "y");
    const thrown = await mkdir(target, { recursive: true }).catch((e: unknown) => e);
    const err = errnoToUserError(thrown);
    expect(err?.message).toBe(`cannot create the folder ${target}: ${path.join(dir, "afile")} is a file, not a folder`);
    expect(fileInTheWay(path.join(dir, "folder", "x"))).toBeUndefined();
  });
});
