import { defineCommand, type OptionSpec } from "../cli/command.js";
import { AWS_OPTIONS } from "./aws-options.js";

export const options = [
  { flags: "--all", description: "every function in lgw.json" },
  { flags: "--api", description: "also the project's API (REST or HTTP; api.id in lgw.json, or --id)" },
  { flags: "--id <apiId>", description: "the API to delete with --api, when not lgw.json's api.id" },
  { flags: "-y, --yes", description: "do not ask (required when stdin is not a terminal)" },
  { flags: "--dry-run", description: "print the plan and change nothing" },
  ...AWS_OPTIONS,
] as const satisfies readonly OptionSpec[];

export default defineCommand({
  name: "delete",
  summary: "remove what lgw deployed: functions, their permissions, the API, the roles lgw created",
  description:
    "Prints the plan first. On a terminal it asks before changing anything; elsewhere (scripts, CI)\n" +
    "it needs --yes. Order: the API, then the invoke permissions it leaves on functions that stay,\n" +
    "then the functions, then their execution roles. A role is deleted only when lgw created it\n" +
    "(IAM tag lgw:created-by=lgw) and no other function runs as it; any other role is kept.\n" +
    "lgw.json keeps your functions and routes; api.id and the role of a deleted lgw role are removed\n" +
    "from it. Your code is never touched. A rerun after an interruption finishes the job.",
  args: [{ syntax: "[function]", description: "the function to delete" }],
  options,
  examples: [
    ["lgw delete hello --dry-run", "what deleting function hello would remove"],
    ["lgw delete --api", "only the API; functions stay (their permissions for it go)"],
    ["lgw delete --all --api --yes", "everything lgw deployed for this project, without asking"],
    ["lgw delete --all --json --yes", "the same for scripts: the steps taken as JSON"],
  ],
  lock: true,
  load: () => import("./delete.js"),
});
