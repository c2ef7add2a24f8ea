/** `bootmap advise`: which crashkernel bases are safe for a size on a scenario and model. */
import {
  advise,
  cmdlineCrashkernelSize,
  describeAdvice,
  describeEstimate,
  estimateCrashkernel,
  estimateJson,
  hex,
  LOADERS,
  parseSize,
  type CaptureOptions,
  type Loader,
  type Scenario,
} from '../src-core';

/** The size to advise for: --size, else what the command line's crashkernel= asks for. */
function adviseSize(scenario: Scenario, size: string | undefined): number | string {
  if (size !== undefined) {
    const r = parseSize(size, '--size');
    return r.ok ? r.value : r.error;
  }
  const r = cmdlineCrashkernelSize(scenario);
  return r.ok ? r.value : `${r.error}: give --size SIZE`;
}

/** --estimate's options: what the capture kernel loads and how. */
export interface EstimateFlags {
  estimate: boolean;
  initrd?: string;
  initrdUnpacked?: string;
  loader?: string;
}

function captureOptions(f: EstimateFlags): CaptureOptions | string {
  const o: CaptureOptions = {};
  if (f.initrd !== undefined) {
    const r = parseSize(f.initrd, '--initrd');
    if (!r.ok) return r.error;
    o.initrd = r.value;
  }
  if (f.initrdUnpacked !== undefined) {
    const r = parseSize(f.initrdUnpacked, '--initrd-unpacked');
    if (!r.ok) return r.error;
    o.initrdUnpacked = r.value;
  }
  if (f.loader !== undefined) {
    if (!LOADERS.includes(f.loader as Loader))
      return `--loader must be one of ${LOADERS.join(', ')}, not "${f.loader}"`;
    o.loader = f.loader as Loader;
  }
  return o;
}

/** The advise document (a contract like simulate's: hex strings, half-open ranges) or an error. */
export function adviseDocument(
  scenario: Scenario,
  model: string,
  sizeText: string | undefined,
  json: boolean,
  flags: EstimateFlags = { estimate: false },
): { out: string } | { error: string } {
  const copts = captureOptions(flags);
  if (typeof copts === 'string') return { error: copts };
  const est = flags.estimate ? estimateCrashkernel(scenario, model, copts) : null;
  if (est && !est.ok) return { error: est.error };
  const estimate = est?.ok ? est.estimate : null;
  const size = sizeText === undefined && estimate ? estimate.size : adviseSize(scenario, sizeText);
  if (typeof size === 'string') return { error: size };
  const r = advise(scenario, model, size);
  if (!r.ok) return { error: r.error };
  const a = r.advice;
  if (!json)
    return {
      out: estimate ? `${describeEstimate(estimate)}\n\n${describeAdvice(a)}` : describeAdvice(a),
    };
  const doc = {
    model: a.model,
    ...(estimate ? { estimate: estimateJson(estimate) } : {}),
    size: hex(a.size),
    align: hex(a.align),
    safe: a.safe.map((x) => ({ start: hex(x.start), end: hex(x.end) })),
    unsafe: a.unsafe.map((x) => ({ start: hex(x.start), end: hex(x.end), reason: x.reason })),
    suggestions: a.suggestions,
  };
  return { out: JSON.stringify(doc, null, 2) };
}
