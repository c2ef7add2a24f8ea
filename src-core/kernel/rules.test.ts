import { describe, expect, it } from 'vitest';
import { KERNEL_MODEL_IDS } from './generations';
import { buildFacts, kernelInForce, modelForRelease, RULES, rulesFor, type RuleId } from './rules';
import { compareVersions, parseRelease, versionOf } from './version';

describe('the rule table', () => {
  it.each(Object.keys(RULES) as RuleId[])(
    '%s: starts at 2.6.0, in version order, each change with a commit and a source',
    (id) => {
      const h = RULES[id].history;
      expect(h[0]?.since).toBe('2.6.0');
      for (let i = 1; i < h.length; i++)
        expect(compareVersions(versionOf(h[i - 1]!.since), versionOf(h[i]!.since))).toBeLessThan(0);
      for (const c of h) {
        expect(c.commit).not.toBe('');
        expect(c.src).toMatch(/^v\d|^RHEL|^CentOS/);
      }
      expect(RULES[id].what.length).toBeGreaterThan(10);
    },
  );

  it('takes the value in force at a version, rc included', () => {
    expect(rulesFor(versionOf('2.6.24')).crashReserve).toBe('unchecked');
    expect(rulesFor(versionOf('2.6.25')).crashReserve).toBe('exclusive');
    expect(rulesFor(versionOf('2.6.33')).earlyResToBootmem).toBe('per-node');
    expect(rulesFor(versionOf('2.6.34')).earlyResToBootmem).toBe('once');
    expect(rulesFor(versionOf('4.19')).crashLowMax).toBe(896 * 2 ** 20);
    expect(rulesFor(versionOf('5.2')).crashLowMax).toBe(4 * 2 ** 30);
    expect(rulesFor([5, 2, 0]).crashHighFallback).toBe(true);
  });

  it("sizeof(struct mem_section): 32 with Debian's CONFIG_PAGE_EXTENSION, 16 on cloud and on builds of one's own", () => {
    expect(buildFacts('6.1.0-56-amd64').memSectionBytes).toBe(32);
    expect(buildFacts('3.10.0-957.el7.x86_64').memSectionBytes).toBe(32);
    expect(buildFacts('6.1.0-56-cloud-amd64').memSectionBytes).toBe(16);
    expect(buildFacts('4.19.57.mx64.282').memSectionBytes).toBe(16);
    expect(buildFacts(undefined).memSectionBytes).toBe(32);
  });

  it('direct-map page tables and NUMA setup change by version; 6.1 keeps its own values', () => {
    const at = (v: string) => rulesFor(versionOf(v));
    expect(at('3.0').directMapTables).toBe('table-space');
    expect(at('3.0').tableSpaceFirstPtes).toBe(false);
    expect(at('3.2').tableSpaceFirstPtes).toBe(true);
    expect(at('3.9').directMapTables).toBe('brk-pool');
    expect([at('3.10'), at('4.19'), at('5.11'), at('6.1')].map((r) => r.pgtBufPages)).toEqual([
      6, 12, 16, 16,
    ]);
    expect(at('3.17').pgtStep).toEqual({ shift: 5, grow: 'new-exceeds' });
    expect(at('6.1').pgtStep).toEqual({ shift: 8, grow: 'total-reaches' });
    expect([at('4.7'), at('4.8')].map((r) => r.trampolinePgt)).toEqual([false, true]);
    expect([at('2.6.38'), at('2.6.39')].map((r) => r.numaDistance)).toEqual([false, true]);
    expect([at('4.11'), at('4.12')].map((r) => r.kaslrDefault)).toEqual([false, true]);
    expect([at('4.19'), at('6.1')].map((r) => r.memorylessNodeData)).toEqual([true, false]);
  });
});

describe('kernel releases', () => {
  it.each([
    ['2.6.23.17', 'bootmem-2.6.23'],
    ['2.6.24-19-server', 'bootmem-2.6.24'],
    ['2.6.26-2-amd64', 'bootmem-2.6.24'],
    ['2.6.32-21-generic', 'bootmem-exclusive-2.6.27'],
    ['2.6.33', 'early-res-2.6.33'],
    ['2.6.34.7-0.7-desktop', 'nobootmem-2.6.34'],
    ['2.6.36-020636-generic', 'nobootmem-2.6.34'],
    ['2.6.37', 'memblock-6.1'],
    ['3.10.0-957.el7.x86_64', 'memblock-6.1'],
    ['5.5.0-rc7+', 'memblock-6.1'],
  ])('%s follows %s', (release, model) => {
    expect(modelForRelease(release)).toBe(model);
  });

  it('reads distribution kernels down to their upstream version', () => {
    expect(parseRelease('3.10.0-957.el7.x86_64')).toMatchObject({
      version: [3, 10, 0],
      distro: 'rhel',
      rhel: 7,
    });
    expect(parseRelease('4.19.0-6-amd64')).toMatchObject({ version: [4, 19, 0], distro: 'debian' });
    expect(parseRelease('2.6.32-21-generic')).toMatchObject({
      version: [2, 6, 32],
      distro: 'ubuntu',
    });
    expect(parseRelease('5.5.0-rc7+')).toMatchObject({ version: [5, 5, 0], rc: 7 });
    expect(parseRelease('linux')).toBeNull();
  });

  it('a model runs the rules of the release it follows, and its own otherwise', () => {
    expect(kernelInForce('2.6.25', 'bootmem-2.6.24')).toMatchObject({
      version: [2, 6, 25],
      assumed: false,
    });
    expect(kernelInForce('2.6.25', 'memblock-6.1')).toMatchObject({
      version: [6, 1, 0],
      assumed: true,
    });
    expect(kernelInForce(undefined, 'early-res-2.6.33').release).toBe('2.6.33');
    expect(kernelInForce('3.10.0-957.el7.x86_64', 'memblock-6.1').crashkernelAuto?.ranges).toBe(
      '2G-:161M',
    );
    expect(kernelInForce('4.18.0-80.el8.x86_64', 'memblock-6.1').crashkernelAuto?.ranges).toBe(
      '1G-4G:160M,4G-64G:192M,64G-1T:256M,1T-:512M',
    );
    expect(kernelInForce('4.19.0-6-amd64', 'memblock-6.1').crashkernelAuto).toBeNull();
  });

  it('every model names a version that it follows', () => {
    for (const id of KERNEL_MODEL_IDS) expect(kernelInForce(undefined, id).assumed).toBe(true);
    for (const id of KERNEL_MODEL_IDS)
      expect(modelForRelease(kernelInForce(undefined, id).release)).toBe(id);
  });
});
