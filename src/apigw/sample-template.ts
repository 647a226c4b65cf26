// `lgw event apigw-v1 --template FILE`: what a Lambda custom (non-proxy) integration would hand
// the function for the sample request, i.e. the mapping template rendered over the same v1
// event `lgw serve` builds, so a template can be checked without a server.
import { UsageError } from "../errors.js";
import { renderTemplate, TemplateError } from "../mapping/render.js";
import { bodyOf, templateInput, type V1EventView } from "./nonproxy.js";

export interface RenderedSample {
  /** pretty JSON when the output is JSON, else the text as rendered */
  text: string;
  /** set when the output is not JSON: Lambda would refuse it as a payload */
  problem?: string;
}

export function renderSampleTemplate(event: Record<string, unknown>, template: string, shown: string): RenderedSample {
  const view = event as unknown as V1EventView;
  let out: string;
  try {
    out = renderTemplate(template, templateInput(view, bodyOf(view)));
  } catch (err) {
    if (err instanceof TemplateError) throw new UsageError(`${shown}: ${err.message}`);
    throw err;
  }
  try {
    return { text: JSON.stringify(JSON.parse(out), null, 2) + "\n" };
  } catch {
    return {
      text: out.endsWith("\n") ? out : out + "\n",
      problem: `${shown} renders text that is not JSON; Lambda refuses such a payload (an Invoke with it fails)`,
    };
  }
}
