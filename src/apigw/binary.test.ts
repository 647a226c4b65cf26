import { describe, expect, it } from "vitest";
import { firstAcceptType, matchesBinaryMediaType, mediaTypeOf } from "./binary.js";

describe("binaryMediaTypes matching", () => {
  it.each<[string | undefined, string[], boolean]>([
    ["image/png", ["image/png"], true],
    ["IMAGE/PNG; q=1", ["image/png"], true],
    ["image/png", ["image/*"], true],
    ["image/png", ["*/*"], true],
    ["application/json", ["*/*"], true],
    ["image/png", ["image/jpeg", "application/octet-stream"], false],
    ["application/vnd.ms-excel", ["application/vnd.*"], true],
    ["text/plain", ["image/*"], false],
    ["image/png", [], false],
    [undefined, ["*/*"], false],
    ["", ["*/*"], false],
    ["image/png", ["image/png;charset=x"], true],
    ["imagexpng", ["image.png"], false], // "." is literal, not a regex wildcard
  ])("%j vs %j -> %s", (ct, types, expected) => {
    expect(matchesBinaryMediaType(ct, types)).toBe(expected);
  });

  it("reads the media type and the first Accept type", () => {
    expect(mediaTypeOf(" Text/HTML ; charset=utf-8")).toBe("text/html");
    expect(firstAcceptType("image/webp,image/*,*/*;q=0.8")).toBe("image/webp");
    expect(firstAcceptType(undefined)).toBeUndefined();
  });
});
