import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './url-hash';

describe('link fragment', () => {
  it('round-trips the durable state and the range', () => {
    const link = { scenario: 'seed-2.6.23', model: 'bootmem-2.6.23', step: 31, locus: '16M+128M' };
    const hash = formatHash(link, {});
    expect(hash).toBe('#scenario=seed-2.6.23&model=bootmem-2.6.23&step=31&locus=16M%2B128M');
    expect(parseHash(hash)).toEqual({ link, problems: [] });
  });
  it('leaves out what equals the default', () => {
    expect(formatHash({ scenario: 'a', step: 0 }, { scenario: 'a', step: 0 })).toBe('');
  });
  it('drops bad fields with a note and keeps the rest', () => {
    expect(parseHash('#step=-4&zoom=9&model=x')).toEqual({
      link: { model: 'x' },
      problems: [
        'step "-4" in the link is not a step number; showing step 0',
        '"zoom" in the link is not understood and was ignored',
      ],
    });
  });
});
