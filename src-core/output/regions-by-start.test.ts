import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Recorder, type Region } from './events';
import { RegionsByStart } from './regions-by-start';

const draft = (start: number) => ({
  lane: 'reserved' as const,
  start,
  end: start + 1,
  label: 'x',
  owner: 'other' as const,
});

describe('RegionsByStart', () => {
  it('finds regions recorded after it was made, and sees them die', () => {
    const rec = new Recorder();
    const index = new RegionsByStart(rec.regions);
    expect(index.at(0x1000)).toEqual([]);
    rec.event({
      phase: 'reserve',
      kind: 'k',
      label: 'l',
      owner: 'other',
      fn: 'f',
      src: '',
      explain: '',
      start: 0,
      end: 0,
    });
    const a = rec.region(draft(0x1000));
    rec.region(draft(0x2000));
    expect(index.at(0x1000)).toEqual([a]);
    rec.end(a);
    expect(index.at(0x1000)[0]?.died).toBe(0);
  });

  it('answers as a walk of every region does, whatever the order of recording and asking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ add: fc.nat(8) }), fc.record({ ask: fc.nat(8) })), {
          maxLength: 60,
        }),
        (ops) => {
          const regions: Region[] = [];
          const index = new RegionsByStart(regions);
          for (const op of ops) {
            if ('add' in op)
              regions.push({ ...draft(op.add), id: regions.length, born: regions.length });
            else expect(index.at(op.ask)).toEqual(regions.filter((r) => r.start === op.ask));
          }
        },
      ),
    );
  });
});
