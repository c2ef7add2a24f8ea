/**
 * The crashkernel size a command line asks for, as the advisor's default: shared by the CLI's
 * `advise` (without --size) and the app's advisor, so both read `crashkernel=` the same way.
 */
import { type SizeParse } from '../base/addr';
import { parseCmdline } from '../input/cmdline';
import { DIALECT_6_1, findCrashkernel, resolveCrashkernel } from '../input/crashkernel';
import { E820_RAM } from '../input/e820';
import type { Scenario } from '../input/scenario';

/**
 * The size of the command line's `crashkernel=` (the plain one, else `,high`), resolved against
 * the machine's RAM for the `range:size` syntax; an error says why there is none.
 */
export function cmdlineCrashkernelSize(scenario: Scenario): SizeParse {
  const opt = findCrashkernel(parseCmdline(scenario.cmdline), DIALECT_6_1);
  const spec = opt.main ?? opt.high;
  if (!spec) return { ok: false, error: 'the command line has no crashkernel=' };
  if (!spec.parse.ok)
    return {
      ok: false,
      error: `the command line's crashkernel= is not valid (${spec.parse.error.message})`,
    };
  const ram = scenario.machine.e820
    .filter((e) => e.type === E820_RAM)
    .reduce((t, e) => t + e.end - e.start, 0);
  const r = resolveCrashkernel(spec.parse.spec, ram, DIALECT_6_1);
  return r.ok && r.size > 0
    ? { ok: true, value: r.size }
    : { ok: false, error: 'the command line asks for no crashkernel size' };
}
