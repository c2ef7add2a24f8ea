import { describe, expect, it } from 'vitest';
import { hasParam, lastParam, paramsNamed, parseCmdline, sameKey, withParam } from './cmdline';

describe('command line split like kernel/params.c next_arg', () => {
  it('splits on white space and the first =', () => {
    const p = parseCmdline('ro root=LABEL=/  crashkernel=128M@16M nokaslr');
    expect(p.map((x) => [x.key, x.value])).toEqual([
      ['ro', null],
      ['root', 'LABEL=/'],
      ['crashkernel', '128M@16M'],
      ['nokaslr', null],
    ]);
  });
  it('keeps positions for pointing at an option', () => {
    const line = 'quiet crashkernel=64M';
    const p = lastParam(parseCmdline(line), 'crashkernel');
    expect(p && line.slice(p.start, p.end)).toBe('crashkernel=64M');
    expect(p && line.slice(p.valueStart)).toBe('64M');
  });
  it('groups quoted values', () => {
    const p = parseCmdline('dyndbg="file foo.c +p" mem=4G');
    expect(p.map((x) => x.value)).toEqual(['file foo.c +p', '4G']);
  });
  it('treats - and _ alike in names and finds every occurrence', () => {
    expect(sameKey('numa_balancing', 'numa-balancing')).toBe(true);
    const p = parseCmdline('crashkernel=512M,high crashkernel=128M,low numa=off');
    expect(paramsNamed(p, 'crashkernel')).toHaveLength(2);
    expect(hasParam(p, 'numa', 'off')).toBe(true);
  });
  it('replaces an option for a "try this" edit', () => {
    expect(withParam('ro crashkernel=128M@16M quiet', 'crashkernel', '128M@256M')).toBe(
      'ro quiet crashkernel=128M@256M',
    );
  });
});
