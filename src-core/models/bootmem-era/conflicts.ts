/**
 * How the x86 models name conflicts: who claims which pages, findings drawn on the conflict
 * lane, double reservations that bootmem ignores, and pages freed while a claim still holds
 * them.
 */
import { humanSize, memRange, PAGE_SIZE } from '../../base/addr';
import type { Owner } from '../../output/events';
import { rangeIntersection, setIntersect, type Range } from '../../base/range';
import type { Finding } from '../../output/simulation';
import type { X86Boot } from './boot';

/** `[mem 0x01000000-0x0111afff] (≈1.11 MiB)`: a range for people, kernel style. */
export const describe = (r: Range): string =>
  `${memRange(r.start, r.end, 10)} (${humanSize(r.end - r.start)})`;

export function claim(boot: X86Boot, pages: Range, owner: Owner, label: string): void {
  boot.claims.push({ pages, owner, label });
}

export function finding(
  boot: X86Boot,
  kind: Finding['kind'],
  r: Range,
  detail: string,
  step: number,
): void {
  boot.findings.push({ kind, start: r.start, end: r.end, detail, step });
  boot.rec.region({
    lane: 'conflict',
    start: r.start,
    end: r.end,
    label: kind,
    owner: 'conflict',
    conflict: kind,
  });
}

/** Pages set twice that an earlier claim holds (not merely firmware holes) are a finding. */
export function doubled(
  boot: X86Boot,
  twice: Range[],
  node: number,
  label: string,
  step: number,
): void {
  if (twice.length === 0) return;
  const held = setIntersect(twice, boot.active.get(node) ?? []);
  for (const c of boot.claims) {
    for (const r of held) {
      const o = rangeIntersection(r, c.pages);
      if (!o) continue;
      const bytes = { start: o.start * PAGE_SIZE, end: o.end * PAGE_SIZE };
      finding(
        boot,
        'double-reservation',
        bytes,
        `${label} was reserved over ${c.label} ${describe(bytes)}: reserve_bootmem_core ignores bits already set, so both now claim these pages.`,
        step,
      );
    }
  }
}

/** free_all_bootmem_core hands the bitmap's pages over unconditionally: any other claim on them is a finding. */
export function freedWhileReserved(boot: X86Boot, node: number, pages: Range, step: number): void {
  for (const c of boot.claims) {
    if (c.owner === 'bitmap') continue;
    const o = rangeIntersection(pages, c.pages);
    if (!o) continue;
    const r = { start: o.start * PAGE_SIZE, end: o.end * PAGE_SIZE };
    finding(
      boot,
      'freed-while-reserved',
      r,
      `node ${node}'s bitmap pages ${describe(r)} were handed to the page allocator while ${c.label} still reserves them.`,
      step,
    );
  }
}
