/** The models and the kernels they follow, as the importer reads them (src-core/kernel/). */
export {
  KERNEL_MODEL_IDS,
  MODEL_KERNELS,
  MODEL_VERSION,
  type KernelModelId,
} from '../kernel/generations';
export { parseKernelVersion, elixirTag } from '../kernel/version';
export { modelForRelease as modelForKernel } from '../kernel/rules';
