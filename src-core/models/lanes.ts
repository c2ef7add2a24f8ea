/**
 * Regions every model draws the same way: the e820 table on the `e820` lane and each node's
 * zones on the `zone` lane.
 */
import { e820TypeName, type E820Entry } from '../input/e820';
import type { Recorder, Region } from '../output/events';
import type { ZoneSpan } from '../input/zones';

export const drawE820 = (rec: Recorder, map: readonly E820Entry[]): Region[] =>
  map.map((e) =>
    rec.region({
      lane: 'e820',
      start: e.start,
      end: e.end,
      label: e820TypeName(e.type),
      owner: 'firmware',
      e820Type: e.type,
    }),
  );

export const drawZones = (rec: Recorder, zones: readonly ZoneSpan[]): Region[] =>
  zones.map((z) =>
    rec.region({
      lane: 'zone',
      start: z.start,
      end: z.end,
      label: `${z.zone} (node ${z.node})`,
      owner: 'zone',
      zone: z.zone,
      node: z.node,
    }),
  );
