/**
 * The models: each follows one code path of the x86 early-memory history and names the version
 * it stands for. Which versions follow which model is the rule table's `model` rule
 * (rules.ts); within a model, the rules of the exact version apply.
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
  'bootmem-2.6.24': 'Linux 2.6.24 to 2.6.26 (BOOTMEM_EXCLUSIVE from 2.6.25)',
  'bootmem-exclusive-2.6.27': 'Linux 2.6.27 to 2.6.32',
  'early-res-2.6.33': 'Linux 2.6.33',
  'nobootmem-2.6.34': 'Linux 2.6.34 to 2.6.36',
  'memblock-6.1':
    'Linux 6.1 in detail, and every memblock kernel from 2.6.37 on with the rules its version changed',
};

/** The version each model names, whose rules it runs when a scenario gives no other. */
export const MODEL_VERSION: Record<KernelModelId, string> = {
  'bootmem-2.6.23': '2.6.23',
  'bootmem-2.6.24': '2.6.24',
  'bootmem-exclusive-2.6.27': '2.6.27',
  'early-res-2.6.33': '2.6.33',
  'nobootmem-2.6.34': '2.6.34',
  'memblock-6.1': '6.1',
};
