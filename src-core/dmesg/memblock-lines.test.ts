/** memblock=debug lines read by hand read exactly as MEMBLOCK_PATTERNS read them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDebugByPattern, parseMemblockLine } from './memblock-lines';

/** Mostly the first (the well-formed choice), sometimes any of the others. */
const mostly = <T>(good: T, ...bad: T[]) =>
  fc.oneof(
    { arbitrary: fc.constant(good), weight: 6 },
    { arbitrary: fc.constantFrom(...bad), weight: 1 },
  );
const hex = fc.oneof(
  { arbitrary: fc.stringMatching(/^0x[0-9a-fA-F]{1,16}$/), weight: 6 },
  { arbitrary: fc.stringMatching(/^0[xX]?[0-9a-fA-Fg]{0,18}$/), weight: 1 },
);
const digits = fc.oneof(
  { arbitrary: fc.stringMatching(/^[0-9]{1,6}$/), weight: 4 },
  { arbitrary: fc.stringMatching(/^-?[0-9]{0,22}$/), weight: 1 },
);

/** Lines near the two forms: every field sometimes missing, too long, or mis-spelt. */
const nearAlloc = fc
  .tuple(
    mostly('', '_', '__', '___'),
    mostly(
      'memblock_alloc_try_nid',
      'memblock_phys_alloc_range',
      'memblock_',
      'memblock_x'.repeat(5),
    ),
    mostly(': ', ':', ': [', ' : '),
    digits,
    mostly(' bytes align=', ' bytes align= ', ' byte align='),
    hex,
    fc.constantFrom('', ' nid=', ' nid=-', ' nid=12345', ' nid=-1', ' nid=0', ' nid=-0'),
    fc.constantFrom('', '', '3', '12'),
    mostly(' from=', ' from= ', 'from='),
    hex,
    mostly(' max_addr=', ' max_addr '),
    hex,
    mostly(' ', '  ', ''),
    fc.oneof(
      { arbitrary: fc.stringMatching(/^[!-~]{1,12}$/), weight: 4 },
      {
        arbitrary: fc.constantFrom('', 'x'.repeat(300), 'x'.repeat(301), 'a b', 'é', 'a\u2028'),
        weight: 1,
      },
    ),
  )
  .map((p) => p.join(''));

const nearRange = fc
  .tuple(
    mostly('', '_', '__', '___'),
    fc.constantFrom(
      'memblock_reserve',
      'memblock_free',
      'memblock_add_node',
      'memblock_remove',
      'memblock_x',
    ),
    mostly(': [', ': ', ':['),
    hex,
    mostly('-', '--', ''),
    hex,
    fc.constantFrom(']', '] ', ']'.padEnd(21, ' '), ']'.padEnd(22, ' '), '] \t'),
    fc.oneof(
      { arbitrary: fc.stringMatching(/^[ -~]{0,16}$/), weight: 4 },
      {
        arbitrary: fc.constantFrom(
          '',
          'nid=1 flags=0x0 numa_init+0x1/0x2',
          'x'.repeat(301),
          'x'.repeat(302),
          'ä',
          'a\r',
        ),
        weight: 1,
      },
    ),
  )
  .map((p) => p.join(''));

describe('memblock=debug lines read by hand', () => {
  it('agree with the patterns on lines near both forms', () => {
    fc.assert(
      fc.property(fc.oneof(nearAlloc, nearRange), (t) => {
        if (!(t.startsWith('_') || t.startsWith('memblock_'))) return;
        expect(parseMemblockLine(t, 7)).toEqual(parseDebugByPattern(t, 7));
        // -0 and 0 are told apart: a printed `nid=-0` stays what Number() makes of it.
        const a = parseMemblockLine(t, 7);
        const b = parseDebugByPattern(t, 7);
        if (a?.kind === 'memblock' && b?.kind === 'memblock')
          expect(Object.is(a.record.nid, b.record.nid)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('read the lines of a real boot', () => {
    const lines = [
      'memblock_alloc_try_nid: 64 bytes align=0x40 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init_nid+0x8d/0x34d',
      'memblock_reserve: [0x000000183fffd640-0x000000183fffffff] memblock_alloc_range_nid+0xb0/0x13d',
      'memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 reserve_real_mode+0x4d/0x7c',
      'memblock_add_node: [0x0000000000001000-0x000000000009efff] nid=0 flags=0x0 numa_init+0x2d/0x4c',
      'memblock_free: [0x0000000000000000-0xffffffffffffffff] x',
      'memblock_reserve: [0x0000000001000000-0x0000000000ffffff] setup_arch+0x1/0x2',
    ];
    for (const t of lines) {
      expect(parseMemblockLine(t, 1)).not.toBeNull();
      expect(parseMemblockLine(t, 1)).toEqual(parseDebugByPattern(t, 1));
    }
  });
});
