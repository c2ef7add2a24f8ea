/** memblock=debug lines: what MEMBLOCK_PATTERNS read from the two forms and the dumps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMemblockLine } from './memblock-lines';

const hexOf = (n: bigint): string => `0x${n.toString(16).padStart(16, '0')}`;
// Below the physical limit (2^52) with room for a range after it: beyond it ends are clamped.
const addr = fc.bigInt({ min: 0n, max: (1n << 51n) - 1n });
const caller = fc.stringMatching(/^[a-z_]{1,20}\+0x[0-9a-f]{1,4}\/0x[0-9a-f]{1,4}$/);

describe('memblock=debug lines', () => {
  it('read back the fields an allocation request was printed with', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'memblock_alloc_try_nid',
          'memblock_phys_alloc_range',
          '__memblock_alloc_base',
        ),
        fc.nat({ max: 2 ** 40 }),
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.integer({ min: -1, max: 1023 }), { nil: undefined }),
        addr,
        addr,
        caller,
        (fn, size, alignLog, nid, from, maxAddr, who) => {
          const nidText = nid === undefined ? '' : ` nid=${nid}`;
          const t = `${fn}: ${size} bytes align=0x${(2 ** alignLog).toString(16)}${nidText} from=${hexOf(from)} max_addr=${hexOf(maxAddr)} ${who}`;
          const f = parseMemblockLine(t, 7);
          const expected: Record<string, unknown> = {
            line: 7,
            fn,
            op: 'alloc',
            caller: who,
            size,
            align: 2 ** alignLog,
            from: Number(from),
            maxAddr: Number(maxAddr),
          };
          if (nid !== undefined) expected.nid = nid;
          expect(f).toEqual({ kind: 'memblock', line: 7, record: expected });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('read back the range and caller of a range operation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['memblock_reserve', 'reserve'],
          ['memblock_free', 'free'],
          ['memblock_remove', 'remove'],
          ['memblock_add', 'add'],
        ),
        addr,
        fc.bigInt({ min: 1n, max: 1n << 40n }),
        fc.integer({ min: 1, max: 20 }),
        caller,
        ([fn, op], start, size, spaces, who) => {
          const t = `${fn}: [${hexOf(start)}-${hexOf(start + size - 1n)}]${' '.repeat(spaces)}${who}`;
          const range = { start: Number(start), end: Number(start + size) };
          expect(parseMemblockLine(t, 3)).toEqual({
            kind: 'memblock',
            line: 3,
            record: { line: 3, fn, op, caller: who, range },
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('read the lines of a real boot', () => {
    const read = (t: string) => {
      const f = parseMemblockLine(t, 1);
      return f?.kind === 'memblock' ? f.record : null;
    };
    expect(
      read(
        'memblock_alloc_try_nid: 64 bytes align=0x40 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init_nid+0x8d/0x34d',
      ),
    ).toMatchObject({ op: 'alloc', size: 64, align: 0x40, nid: 0, from: 0, maxAddr: 0 });
    expect(
      read(
        'memblock_reserve: [0x000000183fffd640-0x000000183fffffff] memblock_alloc_range_nid+0xb0/0x13d',
      ),
    ).toMatchObject({ op: 'reserve', range: { start: 0x183fffd640, end: 0x1840000000 } });
    expect(
      read(
        'memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 reserve_real_mode+0x4d/0x7c',
      ),
    ).toMatchObject({ op: 'alloc', maxAddr: 0x100000, caller: 'reserve_real_mode+0x4d/0x7c' });
    expect(
      read(
        'memblock_add_node: [0x0000000000001000-0x000000000009efff] nid=0 flags=0x0 numa_init+0x2d/0x4c',
      ),
    ).toMatchObject({ op: 'add', nid: 0, caller: 'numa_init+0x2d/0x4c' });
    // "Everything" clamps to the physical limit; a zero-size operation is empty at its base.
    expect(read('memblock_free: [0x0000000000000000-0xffffffffffffffff] x')?.range?.start).toBe(0);
    expect(
      read('memblock_reserve: [0x0000000001000000-0x0000000000ffffff] setup_arch+0x1/0x2')?.range,
    ).toEqual({ start: 0x1000000, end: 0x1000000 });
    // -0 stays what Number() makes of it.
    expect(
      Object.is(
        read('memblock_alloc_try_nid: 8 bytes align=0x8 nid=-0 from=0x0 max_addr=0x0 f+0x1/0x2')
          ?.nid,
        -0,
      ),
    ).toBe(true);
  });

  it('leave lines that are not quite the two forms unread', () => {
    for (const t of [
      'memblock_alloc_try_nid: 64 bytes  align=0x40 from=0x0 max_addr=0x0 f',
      'memblock_alloc_try_nid: 64 bytes align=0x40 from=0x0 max_addr=0x0',
      `memblock_alloc_try_nid: 64 bytes align=0x40 from=0x0 max_addr=0x0 ${'x'.repeat(301)}`,
      'memblock_alloc_try_nid: 64 bytes align=0x40 nid=12345 from=0x0 max_addr=0x0 f',
      'memblock_reserve: [0x1000--0x1fff] f',
      `memblock_reserve: [0x1000-0x1fff]${' '.repeat(22)}f`,
      'memblock_reserve: [0x10000000000000000-0x1fff] f',
      'memblock_: [0x1000-0x1fff] f',
    ])
      expect(parseMemblockLine(t, 1)).toBeNull();
  });
});
