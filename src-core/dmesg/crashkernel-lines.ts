/**
 * crashkernel outcomes in every format: x86/ppc `Reserving NMB of memory at NMB for crashkernel
 * (System RAM: NMB)` and its `low memory` twin, arm64/generic `crashkernel reserved: 0x… - 0x…
 * (N MB)` (exclusive end), and the failures: `crashkernel reservation failed - …` (2.6.24 to
 * 7.x wordings), `crashkernel reservation failed. No suitable area found.` (2.6.27–2.6.32),
 * arm64 `cannot allocate crashkernel (size:0x…)`, the low-memory failure and parse errors.
 */
import { MiB } from '../base/addr';
import type { Fact } from './facts';
import { exclusiveRange } from './numbers';

const HEX = '0x[0-9a-fA-F]{1,16}';

export const CRASHKERNEL_PATTERNS = {
  reserved:
    /^Reserving (\d{1,10})MB of memory at (\d{1,10})MB for crashkernel \(System RAM: (\d{1,10})MB\)$/,
  reservedLow:
    /^Reserving (\d{1,10})MB of low memory at (\d{1,10})MB for crashkernel \((?:low RAM limit|System low RAM): (\d{1,10})MB\)$/,
  reservedRange: new RegExp(`^crashkernel reserved: (${HEX}) - (${HEX}) \\(\\d{1,10} MB\\)$`),
  reservedLowRange: new RegExp(
    `^crashkernel low memory reserved: (${HEX}) - (${HEX}) \\(\\d{1,10} MB\\)$`,
  ),
  failed: /^crashkernel reservation failed[ .-]/,
  cannotAllocate: new RegExp(`^cannot allocate crashkernel \\(size:(${HEX})\\)$`),
  lowFailed: /^Cannot reserve \d{1,10}MB crashkernel low memory/,
  parseError:
    /^crashkernel(?::| size| low memory) .{0,40}(?:expected|unrecognized|invalid|zero bytes|failed|too large|not aligned)/,
  xenPv: /^Ignoring crashkernel for a Xen PV domain$/,
} as const;

const C = CRASHKERNEL_PATTERNS;

export function parseCrashkernelLine(t: string, line: number): Fact | null {
  let m = C.reserved.exec(t);
  if (m) {
    const start = Number(m[2]) * MiB;
    const range = { start, end: start + Number(m[1]) * MiB };
    return { kind: 'crashkernel', line, text: t, outcome: 'reserved', range, ramMB: Number(m[3]) };
  }
  m = C.reservedLow.exec(t);
  if (m) {
    const start = Number(m[2]) * MiB;
    const range = { start, end: start + Number(m[1]) * MiB };
    return {
      kind: 'crashkernel',
      line,
      text: t,
      outcome: 'reserved-low',
      range,
      ramMB: Number(m[3]),
    };
  }
  m = C.reservedRange.exec(t) ?? C.reservedLowRange.exec(t);
  if (m) {
    const range = exclusiveRange(m[1] as string, m[2] as string);
    if (!range) return null;
    const outcome = t.startsWith('crashkernel low') ? 'reserved-low' : 'reserved';
    return { kind: 'crashkernel', line, text: t, outcome, range };
  }
  if (
    C.failed.test(t) ||
    C.cannotAllocate.test(t) ||
    C.lowFailed.test(t) ||
    C.parseError.test(t) ||
    C.xenPv.test(t)
  )
    return { kind: 'crashkernel', line, text: t, outcome: 'failed' };
  return null;
}
