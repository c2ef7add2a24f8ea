import { describe, expect, it } from 'vitest';
import { titleFor } from './scenario-title';

const SEED = '96 GiB two-node server, 2.6.23, crashkernel=128M@16M (the kexec list report)';

describe('titleFor', () => {
  it('keeps a title that matches the command line', () => {
    expect(titleFor(SEED, 'ro crashkernel=128M@16M')).toBe(SEED);
    expect(titleFor('laptop, 4 GiB', 'ro quiet')).toBe('laptop, 4 GiB');
  });
  it('follows an edited crashkernel= option', () => {
    expect(titleFor(SEED, 'ro crashkernel=256M@32M')).toBe(
      '96 GiB two-node server, 2.6.23, crashkernel=256M@32M (the kexec list report)',
    );
  });
  it('says when the option is gone', () => {
    expect(titleFor(SEED, 'ro quiet')).toContain('no crashkernel= (the kexec');
  });
});
