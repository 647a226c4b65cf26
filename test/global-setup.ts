// vitest globalSetup: makes sure moto (the AWS API server the integration tests run against)
// is installed in <repo>/.venv, so `npm test` works on a fresh machine.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { MOTO_SERVER, REPO_ROOT } from "./helpers/moto.js";

const MOTO_REQUIREMENT = "moto[server]>=5,<6";

export default function setup(): void {
  if (existsSync(MOTO_SERVER)) return;
  const venv = path.join(REPO_ROOT, ".venv");
  process.stderr.write(`installing ${MOTO_REQUIREMENT} into ${venv} (once)…\n`);
  const run = (cmd: string, args: string[]) => {
    try {
      execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
    } catch (err) {
      throw new Error(`installing moto failed at \`${path.basename(cmd)} ${args.join(" ")}\`: ${(err as Error).message}\n` + "the AWS integration tests need python3 (with venv and pip) and access to PyPI");
    }
  };
  if (!existsSync(path.join(venv, "bin", "python"))) run("python3", ["-m", "venv", venv]);
  run(path.join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", MOTO_REQUIREMENT]);
  if (!existsSync(MOTO_SERVER)) throw new Error(`pip finished but ${MOTO_SERVER} is missing`);
}
