/**
 * mem= and memmap= values, the one parser every kernel version's reading goes through (the 2.6
 * bootmem models, the 6.1 e820 code, the editor's reading of a command line). The grammar grew:
 *
 *   2.6.x parse_memmap_opt: `exactmap`, size `@` (RAM), `#` (ACPI data), `$` (reserved) + base,
 *     or a bare size (like mem=); memparse with K/M/G; one entry per option.
 *   4.1 adds `!` (persistent memory, type 12), 4.17 adds `%` (retype: size%base-old+new), and
 *     parse_memmap_opt splits the value at commas (v6.1 arch/x86/kernel/e820.c).
 *
 * The parser says what the text holds; what a generation does with each form (refuse it, read
 * a bare size as a limit, apply an entry whose base is missing at 0) is its model's business:
 * usermap-2.6.23.ts, usermap-2.6.27.ts, ../memblock-6.1/e820.ts.
 */
import { memparse } from '../base/addr';
import { E820_ACPI, E820_PRAM, E820_RAM, E820_RESERVED, type E820Entry } from './e820';
import type { KernelRules } from '../kernel/rules';

/** The memmap= grammar of one kernel version. */
export interface MemmapSyntax {
  /** memparse suffixes (rule memparseSuffixes). */
  units: string;
  /** `!` (E820_PRAM) is known (rule memmapPram). */
  pram: boolean;
  /** `%` retyping is known (rule memmapRetype). */
  retype: boolean;
  /** The value is a comma-separated list of entries (rule memmapCommas). */
  commas: boolean;
  /** `exactmap` is matched as a prefix (6.1's strncmp(p, "exactmap", 8)) rather than whole. */
  exactmapPrefix: boolean;
}

/** Every 2.6 bootmem-era kernel (v2.6.23 arch/x86_64/kernel/e820.c, v2.6.27 arch/x86/kernel/e820.c). */
export const MEMMAP_2_6: MemmapSyntax & { retype: false } = {
  units: 'kmg',
  pram: false,
  retype: false,
  commas: false,
  exactmapPrefix: false,
};

/** The memmap= grammar of a memblock-era kernel, from its rules. */
export function memmapSyntax(rules: KernelRules): MemmapSyntax {
  if (rules.model !== 'memblock-6.1') return MEMMAP_2_6;
  return {
    units: rules.memparseSuffixes,
    pram: rules.memmapPram,
    retype: rules.memmapRetype,
    commas: rules.memmapCommas,
    exactmapPrefix: true,
  };
}

/** The qualifiers a grammar knows, for messages: `@, #, $, ! or %`. */
export function memmapQualifiers(syntax: MemmapSyntax): string {
  const all = ['@', '#', '$', ...(syntax.pram ? ['!'] : []), ...(syntax.retype ? ['%'] : [])];
  return `${all.slice(0, -1).join(', ')} or ${all[all.length - 1] as string}`;
}

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

const QUALIFIER: Record<string, number> = {
  '@': E820_RAM,
  '#': E820_ACPI,
  $: E820_RESERVED,
  '!': E820_PRAM,
};

/** Offsets (`at`, `end`) are in the entry's text. */
export type MemmapOption =
  | { kind: 'exactmap' }
  /** No number starts the entry (-EINVAL everywhere), or it is beyond 2^53. */
  | { kind: 'no-size' }
  /** A size and nothing else: works like mem=. */
  | { kind: 'limit'; size: number }
  /** A character that is no qualifier this version knows, at `at`. */
  | { kind: 'bad-qualifier'; qualifier: string; size: number; at: number }
  /** A qualifier with no number after it; `at` is just after the qualifier. */
  | { kind: 'no-base'; qualifier: string; size: number; type: number; at: number }
  /** `trailing`: text follows the base (at `end`), which the kernel does not look at. */
  | {
      kind: 'entry';
      entry: E820Entry;
      size: number;
      qualifier: string;
      trailing: boolean;
      end: number;
    }
  /**
   * size%base-old+new; a type of 0 was not given. `ok` false: the text after the base (at
   * `at`) is not -old, +new or both.
   */
  | {
      kind: 'retype';
      start: number;
      size: number;
      from: number;
      to: number;
      baseDigits: boolean;
      ok: boolean;
      at: number;
    };

/** mem=: the size, or null when no number starts the value. */
export function parseMemOpt(v: string, units = 'kmg'): number | null {
  const r = memparse(v, 0, units);
  return r.digits ? r.value : null;
}

/** The entries of one memmap= value with their offsets in it (one, before commas were split). */
export function memmapEntries(v: string, syntax: MemmapSyntax): { text: string; at: number }[] {
  if (!syntax.commas) return [{ text: v, at: 0 }];
  const out: { text: string; at: number }[] = [];
  let at = 0;
  for (const text of v.split(',')) {
    out.push({ text, at });
    at += text.length + 1;
  }
  return out;
}

/** A grammar without `%` never gives a retype. */
export type MemmapOption26 = Exclude<MemmapOption, { kind: 'retype' }>;

/** One memmap= entry (parse_memmap_opt, 6.1 parse_memmap_one). */
export function parseMemmapOpt(
  v: string,
  syntax?: MemmapSyntax & { retype: false },
): MemmapOption26;
export function parseMemmapOpt(v: string, syntax: MemmapSyntax): MemmapOption;
export function parseMemmapOpt(v: string, syntax: MemmapSyntax = MEMMAP_2_6): MemmapOption {
  if (syntax.exactmapPrefix ? v.startsWith('exactmap') : v === 'exactmap')
    return { kind: 'exactmap' };
  const size = memparse(v, 0, syntax.units);
  if (!size.digits || size.value === null) return { kind: 'no-size' };
  const qualifier = v[size.end] ?? '';
  if (qualifier === '') return { kind: 'limit', size: size.value };
  if (qualifier === '%' && syntax.retype) {
    const base = memparse(v, size.end + 1, syntax.units);
    // simple_strtoull(p + 1, &p, 0) for each type; anything else left over is -EINVAL.
    const types = /^(?:-(\d+|0x[0-9a-fA-F]+))?(?:\+(\d+|0x[0-9a-fA-F]+))?$/.exec(v.slice(base.end));
    return {
      kind: 'retype',
      start: base.value ?? 0,
      size: size.value,
      from: types?.[1] ? Number(types[1]) : 0,
      to: types?.[2] ? Number(types[2]) : 0,
      baseDigits: base.digits,
      ok: types !== null,
      at: base.end,
    };
  }
  const type = QUALIFIER[qualifier];
  if (type === undefined || (qualifier === '!' && !syntax.pram))
    return { kind: 'bad-qualifier', qualifier, size: size.value, at: size.end };
  const base = memparse(v, size.end + 1, syntax.units);
  if (!base.digits || base.value === null)
    return { kind: 'no-base', qualifier, size: size.value, type, at: size.end + 1 };
  return {
    kind: 'entry',
    entry: { start: base.value, end: base.value + size.value, type },
    size: size.value,
    qualifier,
    trailing: base.end !== v.length,
    end: base.end,
  };
}
