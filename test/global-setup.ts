// vitest globalSetup: makes sure moto (the AWS API server the integration tests run against)
// is installed in <repo>/.venv, so `npm test` works on a fresh machine.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MOTO_SERVER, REPO_ROOT } from "./helpers/moto.js";
import { DLV_MISSING_REASON, DLV_MODULE, DLV_TEST_BIN, DLV_TEST_GOBIN, DLV_VERSION } from "./helpers/delve.js";

const MOTO_REQUIREMENT = "moto[server]>=5,<6";

export default function setup(): void {
  installDelve();
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

/**
 * Delve, for the `--debug` tests: the pinned version, built by `go install` (from the Go module
 * proxy) into a GOBIN of the tests' own, so neither a dlv on PATH nor its absence changes them.
 * When the install is impossible (no Go, no network) the reason is written down and those tests
 * skip saying why; every other test still runs.
 */
function installDelve(): void {
  if (existsSync(DLV_TEST_BIN)) return;
  mkdirSync(DLV_TEST_GOBIN, { recursive: true });
  rmSync(DLV_MISSING_REASON, { force: true });
  process.stderr.write(`installing dlv ${DLV_VERSION} into ${DLV_TEST_GOBIN} (once)…\n`);
  try {
    // outside any module, with the user's GOFLAGS (-mod=vendor, say) out of the way
    execFileSync("go", ["install", `${DLV_MODULE}@${DLV_VERSION}`], {
      cwd: tmpdir(),
      env: { ...process.env, GOBIN: DLV_TEST_GOBIN, GOFLAGS: "" },
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 600_000,
    });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? "").trim().split("\n").slice(-3).join(" | ");
    writeFileSync(DLV_MISSING_REASON, `\`go install ${DLV_MODULE}@${DLV_VERSION}\` failed: ${stderr || (err as Error).message}\n`);
    process.stderr.write(`dlv could not be installed; the --debug tests will skip: ${stderr || (err as Error).message}\n`);
  }
}
