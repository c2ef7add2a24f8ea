import { describe, expect, it } from 'vitest';
import {
  formatEarlyNodeMap,
  formatZonePfnRanges,
  MAX_DMA32_PFN,
  MAX_DMA_PFN,
  nodeZoneSpans,
  zonePfnRanges,
} from './zones';

describe('zones (v2.6.23 mm/page_alloc.c free_area_init_nodes)', () => {
  it('global PFN ranges start at the lowest active pfn and never run backwards', () => {
    expect(zonePfnRanges(16, [MAX_DMA_PFN, MAX_DMA32_PFN, 0x80000])).toEqual([
      { zone: 'DMA', startPfn: 16, endPfn: 4096 },
      { zone: 'DMA32', startPfn: 4096, endPfn: 1048576 },
      { zone: 'Normal', startPfn: 1048576, endPfn: 1048576 },
    ]);
  });
  it('prints the old format exactly as the corpus 2.6.24 log shows it', () => {
    expect(formatZonePfnRanges(zonePfnRanges(0, [4096, 1048576, 3309568])).slice(0, 4)).toEqual([
      'Zone PFN ranges:',
      '  DMA             0 ->     4096',
      '  DMA32        4096 ->  1048576',
      '  Normal    1048576 ->  3309568',
    ]);
    expect(formatEarlyNodeMap([{ node: 1, start: 1736704, end: 3309568 }])).toEqual([
      'early_node_map[1] active PFN ranges',
      '    1:  1736704 ->  3309568',
    ]);
  });
  it('a node gets each zone clamped to its first and last active page', () => {
    const ranges = zonePfnRanges(0, [4096, 1048576, 0x1800000]);
    expect(nodeZoneSpans(1, [{ start: 0xc00000, end: 0x1800000 }], ranges)).toEqual([
      { node: 1, zone: 'Normal', start: 0xc00000000, end: 0x1800000000 },
    ]);
    expect(
      nodeZoneSpans(
        0,
        [
          { start: 0, end: 0x9f },
          { start: 0x100, end: 0x80000 },
        ],
        ranges,
      ).map((z) => z.zone),
    ).toEqual(['DMA', 'DMA32']);
  });
});
