import { describe, expect, it } from "vitest";
import { describeSettings, resolveSetting, resolveSettings, SETTINGS, type SettingLayers, type SettingName, type SettingValues } from "./settings.js";

// For each setting, a value per layer (distinct, so the winner is visible), and the variable
// names of its environment layer.
const SAMPLES: { [K in SettingName]: { flag: SettingValues[K]; env?: string; file?: SettingValues[K]; default: SettingValues[K] } } = {
  region: { flag: "eu-central-1", env: "us-west-2", file: "sa-east-1", default: "us-east-1" },
  profile: { flag: "ci", env: "dev", default: "default" },
  architecture: { flag: "x86_64", file: "arm64", default: "arm64" },
  stage: { flag: "prod", default: "dev" },
  concurrency: { flag: 4, default: 8 },
  integrationTimeout: { flag: 5, file: 12, default: 29 },
  functionTimeout: { flag: 7, file: 10, default: 3 },
  memory: { flag: 512, file: 256, default: 128 },
  binaryMediaTypes: { flag: ["image/png"], file: ["*/*"], default: [] },
  awsCredentials: { flag: "none", default: "env" },
};

type Row = { setting: SettingName; layers: SettingLayers<unknown>; want: { value: unknown; source: string; from: string } | undefined };

/** Every setting with each layer winning in turn: all layers given, then the top one dropped, and so on. */
function rows(): Row[] {
  const out: Row[] = [];
  for (const setting of Object.keys(SETTINGS) as SettingName[]) {
    const s = SAMPLES[setting];
    const spec = SETTINGS[setting];
    const envVar = spec.env?.[0];
    const all = { flag: s.flag, env: envVar && s.env !== undefined ? { [envVar]: s.env } : undefined, file: s.file, default: s.default };
    const label = `lgw.json ${spec.file ?? setting}`;
    out.push({ setting, layers: all, want: { value: s.flag, source: "flag", from: spec.flag! } });
    if (all.env) out.push({ setting, layers: { ...all, flag: undefined }, want: { value: s.env, source: "env", from: envVar! } });
    if (s.file !== undefined) out.push({ setting, layers: { ...all, flag: undefined, env: undefined }, want: { value: s.file, source: "lgw.json", from: label } });
    out.push({ setting, layers: { default: s.default }, want: { value: s.default, source: "default", from: "default" } });
    out.push({ setting, layers: {}, want: undefined });
  }
  return out;
}

describe("resolveSetting: flag > environment > lgw.json > default", () => {
  it.each(rows().map((r) => [`${r.setting} from ${r.want?.source ?? "nowhere"}`, r] as const))("%s", (_name, r) => {
    expect(resolveSetting(r.setting, r.layers as never)).toEqual(r.want);
  });

  const region = (layers: SettingLayers<string>) => resolveSetting("region", { ...layers, default: "us-east-1" });
  it.each([
    ["AWS_REGION before AWS_DEFAULT_REGION", { env: { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-west-2" } }, "eu-west-1", "AWS_REGION"],
    ["AWS_DEFAULT_REGION alone", { env: { AWS_DEFAULT_REGION: "eu-west-2" }, file: "sa-east-1" }, "eu-west-2", "AWS_DEFAULT_REGION"],
    ["the environment beats lgw.json (serve used to read it the other way round)", { env: { AWS_REGION: "eu-west-1" }, file: "sa-east-1" }, "eu-west-1", "AWS_REGION"],
    ["an empty AWS_REGION is unset", { env: { AWS_REGION: "", AWS_DEFAULT_REGION: "eu-west-2" } }, "eu-west-2", "AWS_DEFAULT_REGION"],
    ["an empty --region is unset", { flag: "", env: { AWS_REGION: "eu-west-1" } }, "eu-west-1", "AWS_REGION"],
    ["an empty lgw.json region is unset", { file: "" }, "us-east-1", "default"],
    ["variables of other settings do not count", { env: { AWS_PROFILE: "dev" }, file: "sa-east-1" }, "sa-east-1", "lgw.json region"],
  ] as const)("%s", (_name, layers, value, from) => {
    expect(region(layers)).toMatchObject({ value, from });
  });

  it("a setting without an environment variable ignores the environment", () => {
    expect(resolveSetting("stage", { env: { STAGE: "prod", stage: "prod" }, default: "dev" })).toEqual({ value: "dev", source: "default", from: "default" });
  });

  it("an empty list from a flag still wins: --binary-media-types '' serves none", () => {
    expect(resolveSetting("binaryMediaTypes", { flag: [], file: ["*/*"], default: [] })).toMatchObject({ value: [], source: "flag" });
  });

  it("0 is a value, not an absence", () => {
    expect(resolveSetting("concurrency", { flag: 0, default: 8 })).toMatchObject({ value: 0, source: "flag" });
  });
});

describe("resolveSettings", () => {
  it("resolves the settings its defaults name, each from its own layers", () => {
    const got = resolveSettings({
      defaults: { stage: "dev", region: "us-east-1", integrationTimeout: 29, profile: null },
      file: { region: "sa-east-1", integrationTimeout: 12 },
      env: { AWS_REGION: "eu-west-1" },
      flags: { stage: "prod", memory: 512 },
    });
    expect(got).toEqual({
      stage: { value: "prod", source: "flag", from: "--stage" },
      region: { value: "eu-west-1", source: "env", from: "AWS_REGION" },
      integrationTimeout: { value: 12, source: "lgw.json", from: "lgw.json api.timeout" },
      profile: undefined,
    });
    expect(describeSettings(got)).toBe("stage prod (--stage), region eu-west-1 (AWS_REGION), integrationTimeout 12 (lgw.json api.timeout)");
  });
});
