import type { CommandContext, OptionsOf } from "../cli/command.js";
import type { options } from "./init.meta.js";
import { shippedSchema } from "../config/schema-copy.js";
import { resolveInit } from "../scaffold/answers.js";
import { currentLgwCommand } from "../scaffold/invocation.js";
import { checkTarget, displayDir, goModTidy, writeFiles } from "../scaffold/apply.js";
import { EVENT_DESCRIPTIONS, planScaffold } from "../scaffold/plan.js";
import { readTemplate } from "../scaffold/templates.js";
import { createPrompter, defaultsPrompter } from "../ui/prompts.js";

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

type Opts = OptionsOf<typeof options>;

export default async function handler(ctx: CommandContext<Opts>): Promise<number> {
  const { opts, log } = ctx;
  const prompter = opts.yes
    ? defaultsPrompter
    : createPrompter({ output: ctx.json ? process.stderr : undefined, signal: ctx.signal });
  const { dir, answers } = await resolveInit(
    { dir: str(ctx.args[0]), name: opts.name, module: opts.module, arch: opts.arch, event: opts.event, auth: opts.auth },
    ctx.cwd,
    prompter,
  );

  const template = await readTemplate(answers.eventFormat, undefined, answers.auth ? [`auth-${answers.auth}`] : []);
  const lgw = currentLgwCommand();
  const ops = planScaffold(answers, template, { schema: shippedSchema(), lgw });
  const { warnings } = checkTarget(dir, ops, { force: opts.force === true, cwd: ctx.cwd, verbose: ctx.verbose });
  for (const w of warnings) log.warn(w);
  await writeFiles(dir, ops);

  const shown = displayDir(dir, ctx.cwd);
  log.success(`Created ${answers.name} in ${shown}: ${answers.architecture}, ${EVENT_DESCRIPTIONS[answers.eventFormat]}`);

  if (opts.skipInstall) {
    log.debug("--skip-install: not running go mod tidy");
  } else {
    log.step("go mod tidy");
    const tidy = await goModTidy(dir, ctx.signal);
    if (!tidy.ok) {
      const why = tidy.reason === "no-go" ? "Go is not on PATH; install Go 1.22+ (https://go.dev/dl) and" : `go mod tidy failed (${tidy.message});`;
      log.warn(`${why} run \`go mod tidy\` in ${shown} yourself`);
    }
  }

  // the same commands as the new README's: ones that work for however lgw was installed
  log.result(
    { dir, name: answers.name, module: answers.module, architecture: answers.architecture, eventFormat: answers.eventFormat, ...(answers.auth ? { auth: answers.auth } : {}), files: ops.map((op) => op.path) },
    () =>
      [
        "",
        "Next:",
        ...(shown === "." ? [] : [`  cd ${/^[\w./@:+-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, "'\\''")}'`}`]),
        `  ${lgw} build`,
        `  ${lgw} exec events/get-hello.json`,
        ...(answers.auth === "jwt" ? [`  ${lgw} auth jwks`] : []),
        `  ${lgw} serve`,
        ...(answers.auth === "jwt" ? [`  curl -H "Authorization: Bearer $(${lgw} auth token)" http://127.0.0.1:3000/me`] : []),
      ].join("\n"),
  );
  return 0;
}
