/**
 * The architecture a boot ran on. The kernel never prints it as such, so it is read from, in
 * order: systemd's `Detected architecture`, the release string (`-amd64`, `.x86_64`, `-686-pae`,
 * `-v8+` …), the cross compiler in the version line, and lines only one architecture prints.
 */
import type { Fact } from './facts';
import type { LogLine } from './types';

export type Arch =
  'x86_64' | 'i386' | 'arm64' | 'arm' | 'ppc64le' | 'ppc64' | 'powerpc' | 's390x' | 'riscv64';

export const ARCH_PATTERNS = {
  systemd: /^systemd\[1\]: Detected architecture ([\w-]{1,20})\.$/,
  x86: /^(?:x86\/|x86 PAT|BIOS-e820|BIOS-provided physical RAM map|KERNEL supported cpus:|Xen: \[mem|Bootmem setup node|Node \d{1,4} MemBase|Scanning NUMA topology in Northbridge|memblock_add: \S{1,60} e820__memblock_setup)/,
  i386: /^(?:\d{1,6}MB (?:HIGH|LOW)MEM available|Using x86 segment limits|(?:mapped )?low ram: |Initializing HighMem)/,
  arm64:
    /^(?:Booting Linux on physical CPU 0x[0-9a-f]{10} |CPU features: detected|arm64:|psci: PSCIv)/,
  arm: /^(?:CPU: ARMv\d|Booting Linux on physical CPU 0x[0-9a-f]{1,8}$|OF: fdt: Machine model)/,
  ppc64: /^(?:PPC64 |firmware_features|numa: Partition configured|Partition configured for)/,
  powerpc:
    /^(?:Total memory = |MMU: Allocated \d|Activating Kernel Userspace|barrier-nospec|PowerMac|MPC85xx)/,
  s390x:
    /^(?:setup: Linux is running as|setup: The maximum memory size|cpu: \d{1,4} configured CPUs)/,
  riscv64: /^(?:riscv|SBI specification|elf_hwcap is|earlycon: sifive)/,
} as const;

const SYSTEMD: Record<string, Arch> = {
  'x86-64': 'x86_64',
  x86: 'i386',
  arm64: 'arm64',
  arm: 'arm',
  'ppc64-le': 'ppc64le',
  ppc64: 'ppc64',
  ppc: 'powerpc',
  s390x: 's390x',
  riscv64: 'riscv64',
};

/** From the release string and the compiler named in the version line. */
function fromVersion(release: string, build: string): Arch | null {
  const r = release.toLowerCase();
  if (/amd64|x86_64/.test(r)) return 'x86_64';
  if (/(?:^|[-.])(?:i[3-6]86|686)(?:$|[-.])|-pae$/.test(r)) return 'i386';
  if (/arm64|aarch64|-v8\+?$/.test(r)) return 'arm64';
  if (/armv7|armhf|-lpae$|-v7l?\+?$/.test(r)) return 'arm';
  if (/ppc64le/.test(r)) return 'ppc64le';
  if (/s390x/.test(r)) return 's390x';
  if (/riscv64/.test(r)) return 'riscv64';
  const b = build.toLowerCase();
  if (b.includes('aarch64-')) return 'arm64';
  if (b.includes('x86_64-')) return 'x86_64';
  if (b.includes('powerpc64le-')) return 'ppc64le';
  if (b.includes('riscv64-')) return 'riscv64';
  if (b.includes('s390x-')) return 's390x';
  if (b.includes('arm-linux-')) return 'arm';
  return null;
}

/** From the lines themselves; x86 is told apart by its zones (DMA32 only on 64-bit). */
function fromLines(lines: readonly LogLine[], facts: readonly Fact[]): Arch | null {
  const seen = new Set<keyof typeof ARCH_PATTERNS>();
  for (const l of lines) {
    const t = l.text.trimStart();
    for (const key of Object.keys(ARCH_PATTERNS) as (keyof typeof ARCH_PATTERNS)[])
      if (key !== 'systemd' && !seen.has(key) && ARCH_PATTERNS[key].test(t)) seen.add(key);
  }
  const zones = new Set(facts.flatMap((f) => (f.kind === 'zone' ? [f.zone] : [])));
  if (seen.has('x86') || facts.some((f) => f.kind === 'e820')) {
    if (zones.has('DMA32')) return 'x86_64';
    if (zones.has('HighMem') || seen.has('i386')) return 'i386';
    return 'x86_64';
  }
  for (const a of ['s390x', 'riscv64', 'ppc64', 'powerpc', 'arm64', 'arm'] as const)
    if (seen.has(a)) return a;
  return null;
}

export function detectArch(lines: readonly LogLine[], facts: readonly Fact[]): Arch | null {
  for (const l of lines) {
    // Only a line that starts with `s` or white space can be systemd's: told without trimming,
    // and without a regex for the printable ASCII that starts almost every line.
    const c = l.text.charCodeAt(0);
    if (c !== 115 /* s */ && ((c > 32 && c < 127) || !/^\s/.test(l.text))) continue;
    const m = ARCH_PATTERNS.systemd.exec(l.text.trimStart());
    const a = m && SYSTEMD[m[1] as string];
    if (a) return a;
  }
  const v = facts.find((f) => f.kind === 'version');
  const fromV = v?.kind === 'version' ? fromVersion(v.version, v.build ?? '') : null;
  return fromV ?? fromLines(lines, facts);
}
