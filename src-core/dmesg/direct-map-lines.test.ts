import { describe, expect, it } from 'vitest';
import { directMapLines } from './direct-map-lines';
import { efiBootServices } from './efi-lines';
import type { LogLine } from './types';

const lines = (texts: string[]): LogLine[] =>
  texts.map((text, i) => ({ line: i + 1, lastLine: i + 1, text }) as LogLine);

describe('what a log shows of the direct map', () => {
  it('BRK PGTABLE pages, 5-level paging from max_arch_pfn, the SLIT, an EFI boot', () => {
    const d = directMapLines(
      lines([
        'efi: EFI v2.70 by EDK II',
        'e820: last_pfn = 0xe6e0000 max_arch_pfn = 0x10000000000',
        'BRK [0x174852000, 0x174852fff] PGTABLE',
        'BRK [0x174853000, 0x174853fff] PGTABLE',
        'ACPI: SLIT 0x000000007B7C5000 00006C (v01 INTEL  S2600WT  00000001 INTL 20091013)',
      ]),
    );
    expect(d).toEqual({
      brkPgtable: [
        { line: 3, range: { start: 0x174852000, end: 0x174853000 } },
        { line: 4, range: { start: 0x174853000, end: 0x174854000 } },
      ],
      la57: 2,
      slit: 5,
      efi: 1,
    });
  });

  it('4-level paging (max_arch_pfn 2^34) and no SLIT', () => {
    const d = directMapLines(lines(['last_pfn = 0x380000 max_arch_pfn = 0x400000000']));
    expect(d).toEqual({ brkPgtable: [], la57: null, slit: null, efi: null });
  });

  it('max_arch_pfn printed with all 16 digits, and not where it does not end the line', () => {
    const full = 'last_pfn = 0x380000 max_arch_pfn = 0x0000010000000000';
    expect(directMapLines(lines([full])).la57).toBe(1);
    expect(directMapLines(lines([`${full} (more)`, full])).la57).toBe(2);
  });

  it('EFI boot-services regions in both efi=debug formats, nothing else', () => {
    expect(
      efiBootServices(
        lines([
          'efi: mem03: type=4, attr=0xf, range=[0x0000000000087000-0x0000000000088000) (0MB)',
          'efi: mem04: type=7, attr=0xf, range=[0x0000000000088000-0x00000000000a0000) (0MB)',
          'efi: mem07: [Boot Data          |   |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x000000005d62b000-0x000000005d66afff] (0MB)',
          'efi: mem11: [Boot Code          |   |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x000000006c079000-0x000000006c093fff] (0MB)',
          'efi: mem09: [Loader Code        |   |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x00000000698dd000-0x000000006bd76fff] (36MB)',
        ]),
      ),
    ).toEqual([
      { start: 0x87000, end: 0x88000 },
      { start: 0x5d62b000, end: 0x5d66b000 },
      { start: 0x6c079000, end: 0x6c094000 },
    ]);
  });
});
