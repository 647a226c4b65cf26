// One moto server for a test file (or a describe block): useMoto() registers the beforeAll that
// starts it, with the IAM role moto insists on and the SDK settings pointed at it, and the
// afterAll that stops it, so a test file says only what it adds on top.
import { afterAll, beforeAll } from "vitest";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { IAMClient } from "@aws-sdk/client-iam";
import { CreateFunctionCommand, LambdaClient, type Architecture } from "@aws-sdk/client-lambda";
import { runLgw, type CliResult } from "./cli.js";
import { bootstrapZip, MOTO_CREDENTIALS, MOTO_REGION, motoArgs, motoEnv, recordingProxy, startMoto, useMotoEnv, type Moto, type MotoOptions, type RecordingProxy } from "./moto.js";

export interface MotoFixtureOptions extends MotoOptions {
  /** put a recordingProxy in front of moto: lgw() goes through it, so a test sees the wire */
  proxy?: boolean;
  /** functions to create once moto is up (a one-line bootstrap each: moto stores, never runs) */
  functions?: string[];
  /** their architecture, where it matters */
  architectures?: Architecture[];
}

export interface MotoFixture {
  /** moto itself (not the proxy): http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly roleArn: string;
  /** the recording proxy; only with { proxy: true } */
  readonly proxy: RecordingProxy;
  /** the environment a spawned lgw needs (the endpoint goes on its command line, or is added) */
  readonly env: Record<string, string>;
  // SDK clients pointed at moto, each made on first use and destroyed after the file
  readonly lambda: LambdaClient;
  readonly apigw: APIGatewayClient;
  readonly apigwv2: ApiGatewayV2Client;
  readonly iam: IAMClient;
  readonly logs: CloudWatchLogsClient;
  /** clears every resource, then recreates the test role */
  reset(): Promise<void>;
  createFunctions(names: string[], architectures?: Architecture[]): Promise<void>;
  /** lgw in-process, pointed at the proxy (cleared first) if there is one, else at moto */
  lgw(args: string[], opts: { cwd: string; signal?: AbortSignal }): Promise<CliResult>;
  /** lgw ARGS --json, parsed; throws with its stderr unless it exits 0 */
  lgwJson(args: string[], opts: { cwd: string }): Promise<any>;
}

type Client = { destroy(): void };

export function useMoto(opts: MotoFixtureOptions = {}): MotoFixture {
  let moto: Moto | undefined;
  let proxy: RecordingProxy | undefined;
  const clients = new Map<Function, Client>();

  const up = (): Moto => {
    if (!moto) throw new Error("useMoto(): moto is not up yet; use the fixture inside a hook or a test");
    return moto;
  };
  const client = <C extends Client>(Make: new (config: { endpoint: string; region: string; credentials: typeof MOTO_CREDENTIALS }) => C): C => {
    let made = clients.get(Make) as C | undefined;
    if (!made) {
      made = new Make({ endpoint: up().endpoint, region: MOTO_REGION, credentials: MOTO_CREDENTIALS });
      clients.set(Make, made);
    }
    return made;
  };

  const fixture: MotoFixture = {
    get endpoint() {
      return up().endpoint;
    },
    get roleArn() {
      return up().roleArn;
    },
    get proxy() {
      if (!proxy) throw new Error("useMoto(): no recording proxy; ask for one with { proxy: true }");
      return proxy;
    },
    env: { ...motoEnv(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    get lambda() {
      return client(LambdaClient);
    },
    get apigw() {
      return client(APIGatewayClient);
    },
    get apigwv2() {
      return client(ApiGatewayV2Client);
    },
    get iam() {
      return client(IAMClient);
    },
    get logs() {
      return client(CloudWatchLogsClient);
    },
    reset: () => up().reset(),
    async createFunctions(names, architectures) {
      const zip = await bootstrapZip();
      for (const name of names) {
        await fixture.lambda.send(
          new CreateFunctionCommand({ FunctionName: name, Runtime: "provided.al2023", Handler: "bootstrap", Role: fixture.roleArn, Code: { ZipFile: zip }, Architectures: architectures }),
        );
      }
    },
    lgw(args, lgwOpts) {
      proxy?.clear();
      return runLgw([...args, ...motoArgs(proxy?.endpoint ?? up().endpoint)], lgwOpts);
    },
    async lgwJson(args, lgwOpts) {
      const r = await fixture.lgw([...args, "--json"], lgwOpts);
      if (r.code !== 0) throw new Error(`lgw ${args.join(" ")} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout);
    },
  };

  beforeAll(async () => {
    useMotoEnv();
    moto = await startMoto(opts);
    if (opts.proxy) proxy = await recordingProxy(moto.endpoint);
    if (opts.functions) await fixture.createFunctions(opts.functions, opts.architectures);
  });

  afterAll(async () => {
    for (const c of clients.values()) c.destroy();
    clients.clear();
    await proxy?.stop();
    await moto?.stop();
    proxy = moto = undefined;
  });

  return fixture;
}
