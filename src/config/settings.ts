// The settings a user can give in more than one place, and the one order they are read in:
// default < lgw.json < environment < flag. Pure: every layer comes in as an argument, the
// environment too (the command passes process.env), so the order is a table and its tests are.
// Checking a value stays where it is (the lgw.json definition, limits.ts, each flag's parser):
// this only picks which of the given values counts, and says where it came from.
import type { CredentialSource } from "../runtime/host-env.js";
import type { Arch } from "./limits.js";

/** Each layered setting and its type. */
export interface SettingValues {
  region: string;
  profile: string;
  architecture: Arch;
  stage: string;
  /** lgw serve: warm processes per function */
  concurrency: number;
  /** lgw serve: the integration timeout, in seconds */
  integrationTimeout: number;
  /** lgw exec: the function's timeout, in seconds */
  functionTimeout: number;
  /** lgw exec: the memory size the function is told, in MB */
  memory: number;
  binaryMediaTypes: string[];
  awsCredentials: CredentialSource;
}
export type SettingName = keyof SettingValues;

interface SettingSpec<T> {
  /** the flag, as the commands that take it spell it */
  flag?: string;
  /** environment variables, the first set one wins; only for string settings */
  env?: T extends string ? readonly string[] : never;
  /** where lgw.json holds it */
  file?: string;
}

/**
 * Where each setting may come from. A setting without `env` has no environment variable: lgw
 * invents none (architecture has no AWS or Go variable lgw reads; GOARCH is go's own).
 */
export const SETTINGS: { readonly [K in SettingName]: SettingSpec<SettingValues[K]> } = {
  region: { flag: "--region", env: ["AWS_REGION", "AWS_DEFAULT_REGION"], file: "region" },
  profile: { flag: "--profile", env: ["AWS_PROFILE"] },
  architecture: { flag: "--arch", file: "functions.NAME.architecture, else architecture" },
  stage: { flag: "--stage" },
  concurrency: { flag: "--concurrency" },
  integrationTimeout: { flag: "--timeout", file: "api.timeout" },
  functionTimeout: { flag: "--timeout", file: "functions.NAME.timeout" },
  memory: { flag: "--memory", file: "functions.NAME.memory" },
  binaryMediaTypes: { flag: "--binary-media-types", file: "api.binaryMediaTypes" },
  awsCredentials: { flag: "--aws-credentials" },
};

export type Source = "flag" | "env" | "lgw.json" | "default";

export interface Resolved<T> {
  value: T;
  source: Source;
  /** what exactly: "--region", "AWS_DEFAULT_REGION", "lgw.json region", "default" */
  from: string;
}

/** lgw's environment, as a plain record (process.env at the command's edge). */
export type EnvLayer = Readonly<Record<string, string | undefined>>;

export interface SettingLayers<T> {
  flag?: T;
  env?: EnvLayer;
  file?: T;
  default?: T;
}

/** undefined, and "" (an empty --region "" or AWS_REGION=), leave the setting to the next layer. */
function given<T>(v: T | undefined | null): v is T {
  return v !== undefined && v !== null && (v as unknown) !== "";
}

/** One setting: the flag, else its environment variables in order, else lgw.json, else the default. */
export function resolveSetting<K extends SettingName>(name: K, layers: SettingLayers<SettingValues[K]> & { default: SettingValues[K] }): Resolved<SettingValues[K]>;
export function resolveSetting<K extends SettingName>(name: K, layers: SettingLayers<SettingValues[K]>): Resolved<SettingValues[K]> | undefined;
export function resolveSetting<K extends SettingName>(name: K, layers: SettingLayers<SettingValues[K]>): Resolved<SettingValues[K]> | undefined {
  const spec: SettingSpec<SettingValues[K]> = SETTINGS[name];
  if (given(layers.flag)) return { value: layers.flag, source: "flag", from: spec.flag ?? "flag" };
  for (const key of spec.env ?? []) {
    const v = layers.env?.[key];
    // env only exists on string settings (SettingSpec), so the variable's text is the value
    if (given(v)) return { value: v as SettingValues[K], source: "env", from: key };
  }
  if (given(layers.file)) return { value: layers.file, source: "lgw.json", from: `lgw.json ${spec.file ?? name}` };
  if (given(layers.default)) return { value: layers.default, source: "default", from: "default" };
  return undefined;
}

/** Defaults for several settings at once; null: no default (the result may be undefined). */
export type Defaults = { [K in SettingName]?: SettingValues[K] | null };

export type ResolvedSettings<D extends Defaults> = {
  [K in keyof D & SettingName]: null extends D[K] ? Resolved<SettingValues[K]> | undefined : Resolved<SettingValues[K]>;
};

/** The settings named by `defaults`, each through resolveSetting. */
export function resolveSettings<D extends Defaults>(layers: { defaults: D; file?: Partial<SettingValues>; env?: EnvLayer; flags?: Partial<SettingValues> }): ResolvedSettings<D> {
  const out: Record<string, Resolved<unknown> | undefined> = {};
  for (const name of Object.keys(layers.defaults) as SettingName[]) {
    out[name] = resolveSetting(name, { flag: layers.flags?.[name], env: layers.env, file: layers.file?.[name], default: layers.defaults[name] ?? undefined } as SettingLayers<never>);
  }
  return out as ResolvedSettings<D>;
}

/** "stage dev (default), region eu-west-1 (AWS_REGION)": for a --verbose line. */
export function describeSettings(settings: Partial<Record<SettingName, Resolved<unknown> | undefined>>): string {
  return Object.entries(settings)
    .filter((e): e is [string, Resolved<unknown>] => e[1] !== undefined)
    .map(([name, r]) => `${name} ${Array.isArray(r.value) ? r.value.join(",") || "(none)" : String(r.value)} (${r.from})`)
    .join(", ");
}
