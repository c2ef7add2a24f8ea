/**
 * What the legend lists for a simulation (and the advisor lane when it is shown), as data: the
 * legend under the bar and the exported pictures draw the same list.
 */
import { e820TypeName, reservesNothing, type Region, type Verdict } from '../../src-core';
import {
  ADVICE_COLOURS,
  ADVICE_NAMES,
  BIT_CLEAR,
  BIT_SET,
  e820Colour,
  OWNER_COLOURS,
  OWNER_NAMES,
  zoneColour,
} from '../theme/palette';
import type { SimIndex } from './sim-index';

/** Marks that are not a plain colour: hatched, dashed, the gap and the step cursor. */
export type LegendMark = 'hatch' | 'recorded' | 'gap' | 'step';

export interface LegendItem {
  key: string;
  label: string;
  /** The fill (for a hatch, the colour under the stripes). */
  colour?: string;
  mark?: LegendMark;
}

const VERDICTS: readonly Verdict[] = ['safe', 'fails', 'corrupts'];

/** The legend key of a region as drawn (null for node spans, which the lane labels name). */
export function legendKeyOf(r: Region, pending: boolean): string | null {
  if (r.lane === 'node') return null;
  if (r.lane === 'e820') return `e820-${r.e820Type ?? 0}`;
  if (r.lane === 'zone') return `zone-${r.zone}`;
  if (r.lane === 'conflict') return 'conflict';
  if (pending) return r.lane === 'crashkernel' ? 'recorded' : 'loaded';
  return r.owner;
}

export const BIT_KEYS = ['bit-set', 'bit-clear'] as const;
export const ADVICE_KEYS = VERDICTS.map((v) => `advice-${v}`);

/**
 * What the legend lists: every kind the run can draw, or, given `seen` (the keys a frame drew),
 * only the kinds in view, so a zoomed picture's legend explains that picture.
 */
export function legendItems(
  si: SimIndex,
  advice: boolean,
  seen?: ReadonlySet<string>,
): LegendItem[] {
  const all = allItems(si, advice);
  return seen ? all.filter((i) => seen.has(i.key)) : all;
}

/** Per simulation, with and without the advice lane: the list walks every region. */
const lists = new WeakMap<SimIndex, [LegendItem[]?, LegendItem[]?]>();

function allItems(si: SimIndex, advice: boolean): LegendItem[] {
  const both = lists.get(si) ?? [];
  lists.set(si, both);
  return (both[advice ? 1 : 0] ??= listItems(si, advice));
}

function listItems(si: SimIndex, advice: boolean): LegendItem[] {
  const { sim } = si;
  const items: LegendItem[] = [
    ...si.e820Types.map((t) => ({
      key: `e820-${t}`,
      colour: e820Colour(t),
      label: `e820 ${e820TypeName(t)}`,
    })),
    ...si.zones.map((z) => ({ key: `zone-${z}`, colour: zoneColour(z), label: z })),
  ];
  if (si.lanes.includes('bits'))
    items.push(
      { key: 'bit-set', colour: BIT_SET, label: 'bit set: reserved' },
      { key: 'bit-clear', colour: BIT_CLEAR, label: 'bit clear: free' },
    );
  for (const o of si.owners)
    if (o !== 'numa' && o !== 'zone' && o !== 'conflict')
      items.push({ key: o, colour: OWNER_COLOURS[o], label: OWNER_NAMES[o] });
  const unreserved = sim.regions.filter(reservesNothing);
  if (unreserved.length)
    items.push({
      key: 'recorded',
      mark: 'recorded',
      colour: OWNER_COLOURS.crashkernel,
      label: `crashkernel ${unreserved.some((r) => r.crash === 'recorded') ? 'recorded' : 'refused'}, not reserved`,
    });
  if (sim.regions.some((r) => r.born === 0 && r.lane === 'reserved'))
    items.push({
      key: 'loaded',
      mark: 'recorded',
      colour: OWNER_COLOURS.kernel,
      label: 'in memory, not reserved yet',
    });
  if (si.lanes.includes('conflict'))
    items.push({
      key: 'conflict',
      mark: 'hatch',
      colour: OWNER_COLOURS.conflict,
      label: 'conflict',
    });
  if (advice)
    for (const v of VERDICTS)
      items.push({
        key: `advice-${v}`,
        colour: ADVICE_COLOURS[v],
        label: ADVICE_NAMES[v],
        ...(v === 'corrupts' ? { mark: 'hatch' as const } : {}),
      });
  items.push(
    { key: 'gap', mark: 'gap', label: 'collapsed gap' },
    { key: 'step', mark: 'step', label: 'current step' },
  );
  return items;
}
