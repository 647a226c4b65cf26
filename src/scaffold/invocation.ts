// How the user runs lgw, for the commands `lgw init` prints and writes into the project's README:
// bare `lgw` only when it would run this very lgw from a shell (a global install, or a local
// one whose node_modules/.bin is on PATH); otherwise `npx lgw`, which finds a local install,
// then a global one, or fetches lgw. Under npm (npx, npm run) PATH holds node_modules/.bin for
// that run only, so a bare `lgw` found there would not work in the user's next shell command.
import { realpathSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../util/package-root.js";

export type LgwCommand = "lgw" | "npx lgw";

/** Whether `lgw` found in `dir` is the given launcher (a symlink to it, as npm makes). */
export type BinCheck = (dir: string) => boolean;

function isOurLauncher(launcher: string): BinCheck {
  return (dir) => {
    try {
      return realpathSync(path.join(dir, "lgw")) === launcher;
    } catch {
      return false;
    }
  };
}

/** Pure but for `isOurs`: what to print in front of lgw's subcommands. */
export function lgwCommand(env: NodeJS.ProcessEnv, isOurs: BinCheck): LgwCommand {
  if (env.npm_command) return "npx lgw";
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  return dirs.some(isOurs) ? "lgw" : "npx lgw";
}

/** `lgwCommand` for the running process. */
export function currentLgwCommand(): LgwCommand {
  let launcher: string;
  try {
    launcher = realpathSync(path.join(packageRoot(), "bin", "lgw.js"));
  } catch {
    return "npx lgw";
  }
  return lgwCommand(process.env, isOurLauncher(launcher));
}
