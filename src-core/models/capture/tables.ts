/**
 * What distributions reserve without simulating anything, to set beside the estimate. Each
 * table is a crashkernel= range list resolved the way the kernel resolves it (RAM rounded up to
 * 128 MiB, parse_crashkernel_mem).
 */
import { MiB } from '../../base/addr';
import { DIALECT_6_1, parseCrashkernelValue, resolveCrashkernel } from '../../input/crashkernel';

export interface DistroTable {
  id: string;
  title: string;
  /** The range list as it goes on a command line. */
  ranges: string;
  source: string;
}

export const DISTRO_TABLES: readonly DistroTable[] = [
  {
    id: 'rhel9',
    title: 'RHEL 9 / Fedora default (kdumpctl reset-crashkernel)',
    ranges: '1G-4G:192M,4G-64G:256M,64G-:512M',
    source: 'kexec-tools kdump-lib.sh, kdump_get_arch_recommend_crashkernel (x86_64)',
  },
  {
    id: 'rhel8-auto',
    title: 'RHEL 8 crashkernel=auto',
    ranges: '1G-4G:160M,4G-64G:192M,64G-1T:256M,1T-:512M',
    source: 'RHEL 8 kernel/crash_core.c __parse_crashkernel ("auto", CONFIG_X86_64)',
  },
  {
    id: 'suse-default',
    title: 'SUSE default when calibration fails',
    ranges: '0M-:192M',
    source: 'openSUSE kdump kdumptool/calibrate.cc DEF_RESERVE_KB (x86_64)',
  },
];

/** What a table gives a machine with `ram` bytes of System RAM (0 when no range matches). */
export function tableSize(t: DistroTable, ram: number): number {
  const p = parseCrashkernelValue(t.ranges, DIALECT_6_1);
  if (!p.ok) return 0;
  const r = resolveCrashkernel(p.spec, ram, DIALECT_6_1);
  return r.ok ? r.size : 0;
}

/**
 * The RHEL 9 range list with the bracket holding `ram` raised to `size` where the table gives
 * less: one line for a fleet of machines, this one included.
 */
export function fleetRanges(ram: number, size: number): string {
  const rounded = Math.ceil(ram / (128 * MiB)) * 128 * MiB;
  const t = DISTRO_TABLES[0] as DistroTable;
  return t.ranges
    .split(',')
    .map((e) => {
      const m = /^(\d+)G-(\d+G)?:(\d+)M$/.exec(e);
      if (!m) return e;
      const lo = Number(m[1]) * 1024 * MiB;
      const hi = m[2] ? Number(m[2].slice(0, -1)) * 1024 * MiB : Infinity;
      const mine = rounded >= lo && rounded < hi;
      const want = Math.max(Number(m[3]), Math.ceil(size / MiB));
      return mine ? `${m[1]}G-${m[2] ?? ''}:${want}M` : e;
    })
    .join(',');
}
