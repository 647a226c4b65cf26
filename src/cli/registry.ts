// The command list. Specs are small and static (for --help); handlers load lazily.
import type { CommandSpec } from "./command.js";
import init from "../commands/init.meta.js";
import build from "../commands/build.meta.js";
import exec from "../commands/exec.meta.js";
import serve from "../commands/serve.meta.js";
import event from "../commands/event.meta.js";
import deploy from "../commands/deploy.meta.js";
import api from "../commands/api.meta.js";
import invoke from "../commands/invoke.meta.js";
import auth from "../commands/auth.meta.js";
import logs from "../commands/logs.meta.js";
import del from "../commands/delete.meta.js";

export const registry: CommandSpec[] = [init, build, exec, serve, event, deploy, invoke, logs, api, del, auth];
