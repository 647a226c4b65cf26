export type Arch = "arm64" | "x86_64";
export type EventFormat = "v1" | "v2";

export interface FunctionConfig {
  name: string;
  /** Go package directory (relative to the project root) or a list of .go files */
  entry: string | string[];
  architecture: Arch;
  memory: number;
  timeout: number;
  environment: Record<string, string>;
  description?: string;
  role?: string;
  create?: boolean;
}

export interface ApiConfig {
  id?: string;
  name?: string;
  binaryMediaTypes: string[];
  stageVariables: Record<string, string>;
  /** integration timeout in seconds for lgw serve (API Gateway's default: 29) */
  timeout: number;
}

export interface ProjectConfig {
  /** directory holding lgw.json (or the directory lgw ran in, when there is none) */
  root: string;
  /** path of lgw.json, or undefined when the project has none */
  file?: string;
  architecture: Arch;
  region?: string;
  eventFormat: EventFormat;
  functions: FunctionConfig[];
  /** "METHOD /path" -> function name; parsed and validated by src/routes */
  routes: Record<string, string>;
  api: ApiConfig;
}

export const DEFAULTS = {
  architecture: "arm64" as Arch,
  memory: 128,
  timeout: 3,
  eventFormat: "v1" as EventFormat,
  integrationTimeout: 29,
};
