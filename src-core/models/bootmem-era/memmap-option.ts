/**
 * mem= and memmap= values as every 2.6 x86_64 kernel reads them (parse_memopt,
 * parse_memmap_opt): memparse with K/M/G only; memmap= is "exactmap", a size followed by
 * @ (RAM), # (ACPI data) or $ (reserved) and a base, or a bare size. What each generation does
 * with each form differs: usermap-2.6.23.ts, usermap-2.6.27.ts.
 */
import { memparse } from '../../base/addr';
import { E820_ACPI, E820_RAM, E820_RESERVED, type E820Entry } from '../../input/e820';

const QUALIFIER: Record<string, number> = { '@': E820_RAM, '#': E820_ACPI, $: E820_RESERVED };

/** What the timeline says about one option. */
export interface OptionNote {
  label: string;
  explain: string;
  fn: string;
  start: number;
  end: number;
}

/** memmap=exactmap, the same in every generation. */
export const EXACTMAP_NOTE: OptionNote = {
  label: 'memmap=exactmap',
  fn: 'parse_memmap_opt',
  start: 0,
  end: 0,
  explain: 'The firmware map is discarded; only memmap= entries will describe memory.',
};

export type MemmapOption =
  | { kind: 'exactmap' }
  | { kind: 'no-size' }
  /** A size and nothing else: works like mem=. */
  | { kind: 'limit'; size: number }
  | { kind: 'bad-qualifier'; qualifier: string }
  | { kind: 'no-base'; qualifier: string }
  /** `trailing`: text follows the base, which 2.6.27 does not look at. */
  | { kind: 'entry'; entry: E820Entry; size: number; qualifier: string; trailing: boolean };

/** mem=: the size, or null when no number starts the value. */
export function parseMemOpt(v: string): number | null {
  const r = memparse(v, 0, 'kmg');
  return r.digits ? r.value : null;
}

export function parseMemmapOpt(v: string): MemmapOption {
  if (v === 'exactmap') return { kind: 'exactmap' };
  const size = memparse(v, 0, 'kmg');
  if (!size.digits || size.value === null) return { kind: 'no-size' };
  const qualifier = v[size.end] ?? '';
  const type = QUALIFIER[qualifier];
  if (type === undefined)
    return qualifier === ''
      ? { kind: 'limit', size: size.value }
      : { kind: 'bad-qualifier', qualifier };
  const at = memparse(v, size.end + 1, 'kmg');
  if (!at.digits || at.value === null) return { kind: 'no-base', qualifier };
  return {
    kind: 'entry',
    entry: { start: at.value, end: at.value + size.value, type },
    size: size.value,
    qualifier,
    trailing: at.end !== v.length,
  };
}
