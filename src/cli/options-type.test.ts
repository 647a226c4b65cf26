// OptionsOf: a handler's option types follow from its flags (checked by the compiler: `npm test`
// runs tsc over this file; the assertions below also run, trivially, under vitest).
import { describe, expectTypeOf, it } from "vitest";
import type { OptionsOf, OptionSpec } from "./command.js";
import type { options as serveOptions } from "../commands/serve.meta.js";
import type { createOptions } from "../commands/api.meta.js";

const sample = [
  { flags: "-f, --follow", description: "" },
  { flags: "--since <time>", description: "", default: "10m" },
  { flags: "--endpoint-url <url>", description: "" },
  { flags: "--no-auth", description: "" },
  { flags: "--port <n>", description: "", kind: "int", default: 3000 },
  { flags: "--header <k=v>", description: "", kind: "repeat" },
  { flags: "--format <f>", description: "", choices: ["v1", "v2"] },
  { flags: "--debug [port]", description: "" },
  { flags: "--arch <arch>", description: "", parse: (v: string): "arm64" | "x86_64" => (v === "arm64" ? "arm64" : "x86_64") },
] as const satisfies readonly OptionSpec[];
type S = OptionsOf<typeof sample>;

describe("OptionsOf", () => {
  it("names and types each flag as commander parses it", () => {
    expectTypeOf<S["follow"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<S["since"]>().toEqualTypeOf<string>();
    expectTypeOf<S["endpointUrl"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<S["auth"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<S["port"]>().toEqualTypeOf<number>();
    expectTypeOf<S["header"]>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<S["format"]>().toEqualTypeOf<"v1" | "v2" | undefined>();
    expectTypeOf<S["debug"]>().toEqualTypeOf<string | true | undefined>();
    expectTypeOf<S["arch"]>().toEqualTypeOf<"arm64" | "x86_64" | undefined>();
    expectTypeOf<S["json"]>().toEqualTypeOf<boolean | undefined>();
  });

  it("holds for the real commands: serve's options, and api create's --stage <name> with --no-stage", () => {
    type Serve = OptionsOf<typeof serveOptions>;
    expectTypeOf<Serve["port"]>().toEqualTypeOf<number>();
    expectTypeOf<Serve["allowedHost"]>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<Serve["awsCredentials"]>().toEqualTypeOf<"env" | "profile" | "none" | undefined>();
    type Create = OptionsOf<typeof createOptions>;
    expectTypeOf<Create["stage"]>().toEqualTypeOf<string | boolean>();
  });
});
