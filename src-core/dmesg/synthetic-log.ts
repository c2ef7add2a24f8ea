/**
 * A synthetic 6.1 memblock=debug log of any length, for the benchmark: the shape of the oracle
 * logs (version, command line, e820 map, then allocation requests each answered by a
 * reservation, with frees and MEMBLOCK dumps now and then), addresses walking down from the top
 * of RAM as memblock's top-down allocator does. Deterministic.
 */
import { hexAlt } from '../base/addr';

const pa = (x: number): string => hexAlt(x, 18);

export function syntheticMemblockLog(lines: number): string {
  const out = [
    '[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2',
    '[    0.000000] Command line: console=ttyS0 memblock=debug crashkernel=256M',
    '[    0.000000] BIOS-provided physical RAM map:',
    '[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable',
    '[    0.000000] BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved',
    '[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x00000000bffdffff] usable',
    '[    0.000000] BIOS-e820: [mem 0x00000000bffe0000-0x00000000bfffffff] reserved',
    '[    0.000000] BIOS-e820: [mem 0x0000000100000000-0x000000183fffffff] usable',
  ];
  let top = 0x1840000000;
  let seed = 1;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; out.length < lines; i++) {
    const t = `[${(i / 10000).toFixed(6).padStart(12)}]`;
    const size = 64 * (1 + rand(256));
    top -= size;
    if (i % 500 === 499) {
      out.push(
        `${t} MEMBLOCK configuration:`,
        `${t}  memory size = 0x00000017bff7ec00 reserved size = 0x0000000003482000`,
        `${t}  memory.cnt  = 0x1`,
      );
      out.push(
        `${t}  memory[0x0]\t[${pa(0x100000)}-${pa(0x183fffffff)}], 0x000000183ff00000 bytes on node 0 flags: 0x0`,
      );
    } else if (i % 97 === 96) {
      out.push(
        `${t} memblock_phys_free: [${pa(top)}-${pa(top + size - 1)}] pcpu_embed_first_chunk+0x1b8/0x299`,
      );
    } else {
      out.push(
        `${t} memblock_alloc_try_nid: ${size} bytes align=0x40 nid=0 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init_nid+0x8d/0x34d`,
        `${t} memblock_reserve: [${pa(top)}-${pa(top + size - 1)}] memblock_alloc_range_nid+0xb0/0x13d`,
      );
    }
  }
  return out.slice(0, lines).join('\n') + '\n';
}
