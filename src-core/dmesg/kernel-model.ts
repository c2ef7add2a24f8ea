/**
 * Which model follows a kernel version. The ids are the CLI contract; the x86 early-memory code
 * changed at 2.6.24 (new crashkernel parser), 2.6.27 (BOOTMEM_EXCLUSIVE reservation, automatic
 * placement), 2.6.33 (crashkernel in early_res), 2.6.34 (NO_BOOTMEM) and 2.6.37 (memblock).
 */

export const KERNEL_MODEL_IDS = [
  'bootmem-2.6.23',
  'bootmem-2.6.24',
  'bootmem-exclusive-2.6.27',
  'early-res-2.6.33',
  'nobootmem-2.6.34',
  'memblock-6.1',
] as const;

export type KernelModelId = (typeof KERNEL_MODEL_IDS)[number];

/** The kernels each model follows, for people. */
export const MODEL_KERNELS: Record<KernelModelId, string> = {
  'bootmem-2.6.23': 'Linux 2.6.23 and earlier',
  'bootmem-2.6.24': 'Linux 2.6.24 to 2.6.26',
  'bootmem-exclusive-2.6.27': 'Linux 2.6.27 to 2.6.32',
  'early-res-2.6.33': 'Linux 2.6.33',
  'nobootmem-2.6.34': 'Linux 2.6.34 to 2.6.36',
  'memblock-6.1': 'Linux 6.1, standing in for every memblock kernel from 2.6.37 on',
};

/** `2.6.32-21-generic` → [2, 6, 32]; `5.5.0-rc7+` → [5, 5, 0]; null when not a version. */
export function parseKernelVersion(version: string): [number, number, number] | null {
  const m = /^(\d{1,3})\.(\d{1,3})(?:\.(\d{1,4}))?/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** The model for a kernel release, or null when the release cannot be read. */
export function modelForKernel(version: string | null): KernelModelId | null {
  const v = version === null ? null : parseKernelVersion(version);
  if (!v) return null;
  const [major, minor, sub] = v;
  if (major > 2 || (major === 2 && minor > 6)) return 'memblock-6.1';
  if (major < 2 || minor < 6 || sub <= 23) return 'bootmem-2.6.23';
  if (sub <= 26) return 'bootmem-2.6.24';
  if (sub <= 32) return 'bootmem-exclusive-2.6.27';
  if (sub === 33) return 'early-res-2.6.33';
  if (sub <= 36) return 'nobootmem-2.6.34';
  return 'memblock-6.1';
}

/** The elixir tag of a release: `2.6.32-21-generic` → `v2.6.32`, `5.5.0-rc7+` → `v5.5-rc7`. */
export function elixirTag(version: string | null): string | null {
  const v = version === null ? null : parseKernelVersion(version);
  if (!v || version === null) return null;
  const rc = /-rc(\d{1,2})/.exec(version);
  const base = v[0] >= 3 ? `v${v[0]}.${v[1]}` : `v${v[0]}.${v[1]}.${v[2]}`;
  return rc ? `${base}-rc${rc[1]}` : base;
}
