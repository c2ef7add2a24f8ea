/**
 * One colour per owner, e820 type and zone, used by the bar, the overview, the legend and the
 * timeline, so a colour means the same thing everywhere. Mid-tone hues read on both themes;
 * only the neutrals (background, text, grid) differ between light and dark. The page's CSS
 * gets all of these as custom properties generated from this file (theme-css.ts).
 */
import type { Owner, Verdict } from '../../src-core';

export const OWNER_COLOURS: Record<Owner, string> = {
  firmware: '#8a94a6',
  kernel: '#3f6fd8',
  'page-tables': '#1f9d8f',
  'node-data': '#8e5cc9',
  bitmap: '#e07b00',
  initrd: '#a0783c',
  acpi: '#2f9fc2',
  ebda: '#8d7b68',
  trampoline: '#c2649a',
  mptable: '#7a8f3a',
  memnodemap: '#6b7cc7',
  crashkernel: '#b0389b',
  kdump: '#6d2a8f',
  swiotlb: '#5c9c4a',
  sparse: '#4f8a8b',
  percpu: '#9c6ad6',
  allocation: '#c99a06',
  'page-allocator': '#3fa34d',
  conflict: '#e0262b',
  numa: '#5b7fa6',
  zone: '#7f8fbf',
  other: '#9a9a9a',
};

export const OWNER_NAMES: Record<Owner, string> = {
  firmware: 'firmware',
  kernel: 'kernel image',
  'page-tables': 'page tables',
  'node-data': 'NODE_DATA',
  bitmap: 'bootmem bitmap',
  initrd: 'initrd',
  acpi: 'ACPI',
  ebda: 'EBDA',
  trampoline: 'SMP trampoline',
  mptable: 'MP table',
  memnodemap: 'memnodemap',
  crashkernel: 'crashkernel',
  kdump: 'kdump kernel',
  swiotlb: 'swiotlb',
  sparse: 'sparsemem',
  percpu: 'per-cpu',
  allocation: 'allocation',
  'page-allocator': 'page allocator (free pages)',
  conflict: 'conflict',
  numa: 'NUMA node',
  zone: 'zone',
  other: 'other',
};

/** e820 types by number (E820_RAM = 1 ...); unknown types fall back to grey. */
const E820_COLOURS: Record<number, string> = {
  1: '#74b566',
  2: '#9aa0a8',
  3: '#57a9d6',
  4: '#3f7fb5',
  5: '#c96b6b',
  7: '#a889d6',
  12: '#b58fd6',
};

export const e820Colour = (type: number | undefined): string =>
  E820_COLOURS[type ?? 0] ?? '#b0a890';

const ZONE_COLOURS: Record<string, string> = {
  DMA: '#c58bd1',
  DMA32: '#6fb7c9',
  Normal: '#8fa7d9',
  Movable: '#d9b36f',
};

export const zoneColour = (zone: string | undefined): string =>
  ZONE_COLOURS[zone ?? ''] ?? OWNER_COLOURS.zone;

/** Node lanes alternate two shades so neighbouring nodes are told apart. */
export const nodeColour = (node: number | undefined): string =>
  (node ?? 0) % 2 === 0 ? '#5b7fa6' : '#8aa6c8';

/**
 * The advisor lane: where a crashkernel window may start. Okabe–Ito bluish green and vermilion
 * with a light grey between them differ in lightness and on the blue–yellow axis, so they stay
 * apart for red–green colour blindness; "corrupts" is also hatched like a conflict.
 */
export const ADVICE_COLOURS: Record<Verdict, string> = {
  safe: '#009e73',
  fails: '#c3c8d0',
  corrupts: '#d55e00',
};

export const ADVICE_NAMES: Record<Verdict, string> = {
  safe: 'crashkernel base: safe',
  fails: 'base fails',
  corrupts: 'base corrupts',
};

/** The bootmem bits lane: a set bit (page reserved) and a clear bit (page free). */
export const BIT_SET = '#b35900';
export const BIT_CLEAR = '#f2c48d';

/** Label ink on a fill: dark on light fills, white on dark ones (region-fill.ts inkFor). */
export const INK_ON_LIGHT = '#111111';
export const INK_ON_DARK = '#ffffff';
/** The hatch stripes over a window that reserves nothing. */
export const HATCH_INK = 'rgba(255,255,255,0.35)';
/** The conflict red washed over every lane where a conflict lies. */
export const CONFLICT_WASH = 'rgba(224, 38, 43, 0.07)';
/** The thin edge around a legend swatch in exports. */
export const SWATCH_EDGE = 'rgba(0, 0, 0, 0.15)';

/**
 * The theme: every colour that differs between light and dark, for the page (as CSS custom
 * properties, theme-css.ts: `muted` is `--muted`) and for the canvas and the SVG export (as
 * Neutrals). Stated once, here.
 */
export interface Theme {
  bg: string;
  panel: string;
  border: string;
  text: string;
  muted: string;
  accent: string;
  accentSoft: string;
  /** A row linked to what is under the pointer elsewhere. */
  linked: string;
  danger: string;
  dangerSoft: string;
  focus: string;
  /** Editor warnings (valid, but probably not meant). */
  warn: string;
  /** Lines a diff adds, and their background. */
  added: string;
  addedSoft: string;
  laneAlt: string;
  grid: string;
  gapFill: string;
  gapLine: string;
  cursorFill: string;
  outline: string;
  /** Axis landmarks (node, zone, 16 MiB, 4 GiB boundaries): lines and their names. */
  landmark: string;
}

export const LIGHT_THEME: Theme = {
  bg: '#ffffff',
  panel: '#f6f7f9',
  border: '#d5d9e0',
  text: '#1d2430',
  muted: '#5b6575',
  accent: '#0b63ce',
  accentSoft: 'rgba(11, 99, 206, 0.12)',
  linked: 'rgba(224, 123, 0, 0.18)',
  danger: '#c4161c',
  dangerSoft: '#fdecec',
  focus: '#0b63ce',
  warn: '#9a5b00',
  added: '#1a7f37',
  addedSoft: 'rgba(26, 127, 55, 0.1)',
  laneAlt: '#f4f6f9',
  grid: 'rgba(29, 36, 48, 0.13)',
  gapFill: '#e9ebef',
  gapLine: '#8d95a3',
  cursorFill: 'rgba(11, 99, 206, 0.07)',
  outline: '#111111',
  landmark: '#8a4b00',
};

export const DARK_THEME: Theme = {
  bg: '#16191f',
  panel: '#1d2129',
  border: '#343a46',
  text: '#dfe4ec',
  muted: '#9aa4b4',
  accent: '#5aa2ff',
  accentSoft: 'rgba(90, 162, 255, 0.16)',
  linked: 'rgba(255, 160, 64, 0.2)',
  danger: '#ff6b6b',
  dangerSoft: '#3a1f22',
  focus: '#8ec1ff',
  warn: '#f0b45a',
  added: '#6fdd8b',
  addedSoft: 'rgba(111, 221, 139, 0.12)',
  laneAlt: '#1c2028',
  grid: 'rgba(223, 228, 236, 0.14)',
  gapFill: '#262b34',
  gapLine: '#7d8899',
  cursorFill: 'rgba(90, 162, 255, 0.10)',
  outline: '#ffffff',
  landmark: '#f0b45a',
};

/**
 * Colours the same in both themes that the page's styles use beside the palette above: the
 * two runs of a comparison, the estimate's verdicts, text on a coloured fill.
 */
export const FIXED_COLOURS = {
  compareA: '#0b63ce',
  compareB: '#7c3aed',
  /** What differs between two runs (the comparison's bars and list). */
  diff: '#f08c00',
  short: '#c0392b',
  shortSoft: '#f5d0cb',
  ok: '#2e7d32',
  onFill: '#ffffff',
} as const;

/** The estimate's parts that no owner colour stands for: the dump's userspace, the rest. */
export const ESTIMATE_PART_COLOURS = { makedumpfile: '#8e6cc9', other: '#4f9d8f' } as const;

/** What the canvas drawing reads from the theme. */
export interface Neutrals {
  bg: string;
  laneAlt: string;
  text: string;
  textMuted: string;
  grid: string;
  gapFill: string;
  gapLine: string;
  cursor: string;
  cursorFill: string;
  outline: string;
  /** Axis landmarks (node, zone, 16 MiB, 4 GiB boundaries): lines and their names. */
  landmark: string;
}

const neutrals = (t: Theme): Neutrals => ({
  bg: t.bg,
  laneAlt: t.laneAlt,
  text: t.text,
  textMuted: t.muted,
  grid: t.grid,
  gapFill: t.gapFill,
  gapLine: t.gapLine,
  cursor: t.accent,
  cursorFill: t.cursorFill,
  outline: t.outline,
  landmark: t.landmark,
});

export const LIGHT: Neutrals = neutrals(LIGHT_THEME);
export const DARK: Neutrals = neutrals(DARK_THEME);

/** The neutrals for the OS colour scheme now. */
export function currentNeutrals(): Neutrals {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches
    ? DARK
    : LIGHT;
}
