import { defineCommand, type OptionSpec } from "../cli/command.js";

export const tokenOptions = [
  { flags: "--authorizer <name>", description: "the jwt authorizer (default: the project's only one)" },
  { flags: "--sub <id>", description: "the subject claim", default: "local-user" },
  { flags: "--claim <key=value>", description: "another claim (repeatable; JSON values such as 3, true or [\"a\"] stay JSON)", kind: "repeat" },
  { flags: "--scope <scope>", description: "a scope, into the scope claim (repeatable)", kind: "repeat" },
  { flags: "--expires <duration>", description: "lifetime: 30m, 1h, 7d or seconds", default: "1h" },
] as const satisfies readonly OptionSpec[];

export const jwksOptions = [{ flags: "--authorizer <name>", description: "the jwt authorizer (default: the project's only one)" }] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "auth",
  summary: "local JWTs for the project's JWT authorizers (development key under .lgw/)",
  description:
    "lgw creates a development signing key under .lgw/ on first use. `lgw auth jwks` writes its public key into the JWKS file an authorizer's " +
    '"jwks" setting names, and `lgw serve` then accepts tokens from `lgw auth token` on that authorizer\'s routes. Only there: a real issuer\'s keys ' +
    "never include this key, so without a local jwks these tokens are refused.",
  examples: [
    ["lgw auth jwks", "write the public key where the authorizer's jwks points"],
    ['curl -H "Authorization: Bearer $(lgw auth token --claim email=ada@example.com)" localhost:3000/me', "call a protected route"],
  ],
  subcommands: [
    {
      name: "token",
      summary: "print a signed JWT with the authorizer's iss and aud",
      options: tokenOptions,
      examples: [
        ["lgw auth token --sub user-1 --claim email=ada@example.com --scope users/read", "a token for a route needing users/read"],
        ["lgw auth token --expires 5m --json", "the token and its claims as JSON"],
      ],
      load: () => import("./auth/token.js"),
    },
    {
      name: "jwks",
      summary: "write the development key's public JWKS where the authorizer's jwks points (keeps other keys there)",
      options: jwksOptions,
      examples: [["lgw auth jwks --authorizer cognito", "write ./.lgw/jwks.json (or wherever its jwks says)"]],
      load: () => import("./auth/jwks.js"),
    },
  ],
});
