// lgw.json that is not a plain JSON file, or JSON that JSON.parse would take wrongly: each is one
// line naming the file (with line:column where there is one) and exit 2, never a stack or silence.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runLgw } from "./helpers/cli.js";

const work = mkdtempSync(path.join(tmpdir(), "lgw-config-file-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const deep = 200_000;
const cases: [string, (dir: string) => void, RegExp][] = [
  ["a folder", (d) => mkdirSync(path.join(d, "lgw.json")), /^error: \S+\/lgw\.json is a folder; lgw\.json must be a JSON file/],
  ["a dangling symlink", (d) => symlinkSync("gone.json", path.join(d, "lgw.json")), /^error: \S+\/lgw\.json is a symlink to gone\.json, which does not exist/],
  ["a symlink to a device", (d) => symlinkSync("/dev/zero", path.join(d, "lgw.json")), /^error: \S+\/lgw\.json \(a symlink to \/dev\/zero\) is not a regular file/],
  [
    "a function named twice",
    (d) => writeFileSync(path.join(d, "lgw.json"), '{\n  "functions": {\n    "a": {},\n    "a": {"memory": 256}\n  }\n}\n'),
    /^error: \S+\/lgw\.json:4:5: functions has "a" twice \(first at line 3:5\)/,
  ],
  [
    "a route given twice",
    (d) => writeFileSync(path.join(d, "lgw.json"), '{"functions": {"a": {}, "b": {}},\n "routes": {"GET /x": "a", "GET /x": "b"}}'),
    /^error: \S+\/lgw\.json:2:28: routes has "GET \/x" twice \(first at line 2:13\)/,
  ],
  ["JSON nested 200,000 deep, never closed", (d) => writeFileSync(path.join(d, "lgw.json"), '{"functions":' + "[".repeat(deep)), new RegExp(`^error: \\S+/lgw\\.json:1:${deep + 14}: not valid JSON: unexpected end of input`)],
  [
    "valid JSON nested 200,000 deep where an object belongs",
    (d) => writeFileSync(path.join(d, "lgw.json"), '{"functions": {"a": {"environment": ' + "[".repeat(deep) + "]".repeat(deep) + "}}}"),
    /^error: \S+\/lgw\.json: functions\.a\.environment must be an object of strings$/,
  ],
];

describe("lgw.json that lgw cannot take as it is", () => {
  it.each(cases)("%s: one line naming the file, exit 2", async (name, make, message) => {
    const dir = path.join(work, name.replace(/\W+/g, "-"));
    mkdirSync(dir);
    make(dir);
    const r = await runLgw(["build"], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toContain(path.join(dir, "lgw.json"));
  });
});
