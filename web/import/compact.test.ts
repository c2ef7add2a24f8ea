/** The compact form gives back what was packed, chunk after chunk, sharing strings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Packer, Unpacker, type Packed } from './compact';

/** Plain data as the engine writes it: no holes, no cycles, keys that are not __proto__. */
const plain = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, undefined, true, false),
    fc.double(),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.string({ maxLength: 6 }).filter((k) => k !== '__proto__'),
      tie('value'),
      { maxKeys: 5, noNullPrototype: true },
    ),
  ),
})).value;

function roundTrip(chunks: unknown[][]): { out: unknown[][]; packed: Packed[] } {
  const packer = new Packer();
  const unpacker = new Unpacker();
  const packed = chunks.map((c) => packer.pack(c).packed);
  for (const p of packed) unpacker.absorb(p);
  return { out: packed.map((p) => unpacker.unpack(p)), packed };
}

describe('Packer / Unpacker', () => {
  it('gives back every chunk as packed, in any order after absorbing them in order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(plain, { maxLength: 6 }), { maxLength: 5 }), (chunks) => {
        const packer = new Packer();
        const unpacker = new Unpacker();
        const packed = chunks.map((c) => packer.pack(c).packed);
        for (const p of packed) unpacker.absorb(p);
        const backwards = packed.map((_, i) => unpacker.unpack(packed[packed.length - 1 - i]!));
        expect(backwards.reverse()).toStrictEqual(chunks);
      }),
    );
  });

  it('sends a short string once per import and a long one in its chunk’s text', () => {
    const long = 'memblock_alloc_try_nid: 4160 bytes align=0x40 nid=0 from=0x0 max_addr=0x0';
    const item = { fn: 'memblock_alloc_try_nid', dmesg: long, worked: [] };
    const { out, packed } = roundTrip([[item, item], [item]]);
    expect(out).toStrictEqual([[item, item], [item]]);
    expect(packed[0]?.strings).toEqual(['memblock_alloc_try_nid']);
    expect(packed[0]?.shapes).toEqual([['fn', 'dmesg', 'worked']]);
    expect(packed[0]?.text).toBe(long + long);
    expect(packed[1]?.strings).toEqual([]);
    expect(packed[1]?.shapes).toEqual([]);
    // One empty array for all: frozen, so no one can write into everyone's.
    const [a, b] = out[0] as (typeof item)[];
    expect(a?.worked).toBe(b?.worked);
    expect(Object.isFrozen(a?.worked)).toBe(true);
  });

  it('sends a frozen value once per chunk, and the page shares one frozen copy of it', () => {
    const request = Object.freeze({ label: 'request', value: '4160 bytes, align 0x40' });
    const pair = Object.freeze([request, Object.freeze({ label: 'placed at', value: '0x1000' })]);
    const step = (n: number) => ({ step: n, worked: [request, { label: 'n', value: `${n}` }] });
    const chunks = [[step(0), step(1), pair, pair], [step(2)]];
    const { out, packed } = roundTrip(chunks);
    expect(out).toStrictEqual(chunks);
    const [a, b, p, q] = out[0] as [
      ReturnType<typeof step>,
      ReturnType<typeof step>,
      unknown,
      unknown,
    ];
    expect(a.worked[0]).toBe(b.worked[0]);
    expect(Object.isFrozen(a.worked[0])).toBe(true);
    expect(Object.isFrozen(a.worked)).toBe(false);
    expect(p).toBe(q);
    // The shared value inside a shared array is the one the steps hold.
    expect((p as unknown[])[0]).toBe(a.worked[0]);
    expect(packed[0]?.text).toBe('');
    expect(packed[0]?.strings.filter((s) => s === '4160 bytes, align 0x40')).toHaveLength(1);
  });

  it('hands its typed arrays over to be transferred, not copied', () => {
    const { packed, transfer } = new Packer().pack([{ start: 0x1000, end: 0x2000 }]);
    expect(transfer).toEqual([packed.tags.buffer, packed.nums.buffer, packed.ints.buffer]);
    expect(Array.from(packed.nums)).toEqual([0x1000, 0x2000]);
  });

  it('refuses what is not plain data, and a chunk whose tables it never saw', () => {
    expect(() => new Packer().pack([new Map()])).toThrow('plain data only, not [object Map]');
    expect(() => new Packer().pack([() => 1])).toThrow('plain data only, not [object Function]');
    const packer = new Packer();
    packer.pack([{ a: 'x' }]);
    const second = packer.pack([{ a: 'x' }]).packed;
    const unpacker = new Unpacker();
    unpacker.absorb(second);
    expect(() => unpacker.unpack(second)).toThrow(/chunk not unpacked/);
  });
});
