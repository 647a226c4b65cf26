// `lgw serve` for REST routes with a non-proxy integration: a Lambda custom integration (the
// request template shapes the payload, the integration response is chosen by errorMessage and
// mapped into headers and a response template), a MOCK (answered from its templates, no
// function) or an HTTP_PROXY (forwarded to the route's uri). server.ts hands such routes here;
// the steps themselves are the pure core in nonproxy.ts.
import type http from "node:http";
import { UsageError } from "../errors.js";
import type { Route, RouteMatch } from "../routes/table.js";
import type { Logger } from "../ui/logger.js";
import { forwardRequest, httpProxyTarget } from "./http-proxy.js";
import { integrationRequest, lambdaResponse, mockResponse, type NonProxyIntegration, type NonProxyOutcome } from "./nonproxy.js";
import type { EventOptions, HttpRequestInfo } from "./request.js";
import { gatewayError, type ProxyResponse } from "./responses.js";
import type { InvokeExtra, GatewayOutcome } from "./server.js";
import { toV1Event } from "./v1.js";

/** What answered: a whole response for server.ts to send, or the status of one already streamed. */
export type IntegrationAnswer = ProxyResponse | { streamed: number };

export type Integrate = (
  match: RouteMatch,
  info: HttpRequestInfo,
  event: EventOptions,
  /** `authorizer`: what an authorizer passed on ($context.authorizer in templates) */
  out: { res: http.ServerResponse; idHeaders: [string, string][]; authorizer?: unknown },
) => Promise<IntegrationAnswer>;

export interface IntegrationDeps {
  invoke: (functionName: string, event: Buffer, requestId: string, extra?: InvokeExtra) => Promise<GatewayOutcome>;
  log: Logger;
  /** the integration timeout, for HTTP_PROXY backends */
  timeoutMs: number;
  /** Lambda's limit on a synchronous invocation's payload */
  maxEventBytes: number;
}

/** The lambda/mock outcome of the function, as the non-proxy core wants it (the Lambda error object). */
function nonProxyOutcome(o: Exclude<GatewayOutcome, { kind: "timeout" }>): NonProxyOutcome {
  if (o.kind === "result") return o;
  return { kind: "functionError", error: o.error ?? { errorMessage: o.reason, errorType: "Error" } };
}

export function nonProxyIntegrations(deps: IntegrationDeps): Integrate {
  const { log } = deps;
  return async (match, info, eventOpts, out) => {
    const integ = match.route.integration!;
    const requestId = eventOpts.requestId;
    if (integ.type === "http") {
      const target = httpProxyTarget(integ.uri, match.pathParameters, info.rawQuery);
      return { streamed: await forwardRequest({ target, req: info, res: out.res, idHeaders: out.idHeaders, timeoutMs: deps.timeoutMs, log, requestId }) };
    }
    const np: NonProxyIntegration = integ;
    const v1 = toV1Event(info, match, eventOpts);
    if (out.authorizer) (v1.requestContext as Record<string, unknown>).authorizer = out.authorizer;
    const event = v1 as unknown as Parameters<typeof integrationRequest>[1];
    const request = integrationRequest(np, event);
    if (!request.ok) {
      log.warn(`${requestId}: ${request.reason}`);
      return request.response;
    }
    if (np.type === "mock") return shaped(mockResponse(np, request.payload, event), requestId, log);
    if (request.payload.length > deps.maxEventBytes) {
      log.warn(`${requestId}: the mapped payload is ${request.payload.length} bytes; Lambda accepts at most ${deps.maxEventBytes} bytes per invocation`);
      return gatewayError("v1", "tooLarge");
    }
    const outcome = await deps.invoke(match.route.functionName, request.payload, requestId, { traceRoot: eventOpts.traceId });
    if (outcome.kind === "timeout") return gatewayError("v1", "timeout");
    if (outcome.kind === "functionError") log.warn(`${requestId}: ${outcome.reason}`);
    return shaped(lambdaResponse(np, nonProxyOutcome(outcome), event), requestId, log);
  };
}

function shaped(step: { response: ProxyResponse; reason?: string }, requestId: string, log: Logger): ProxyResponse {
  if (step.reason) log.warn(`${requestId}: ${step.reason}`);
  return step.response;
}

/** Non-proxy integrations are REST API methods: serving them as an HTTP API (--format v2) is refused. */
export function nonProxyFormatProblem(routes: Route[], format: "v1" | "v2"): UsageError | undefined {
  const route = format === "v2" ? routes.find((r) => r.integration) : undefined;
  if (!route) return undefined;
  return new UsageError(`route "${route.key}" has "integration": "${route.integration!.type}", which only a REST API runs, and this serves an HTTP API: drop --format v2`);
}
