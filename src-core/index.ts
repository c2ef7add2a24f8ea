/**
 * bootmap's engine: the public entry. The web app and the CLI import only from here.
 */
export * from './base/addr';
export * from './base/range';
export * from './base/sorted';
export * from './input/e820';
export * from './input/cmdline';
export * from './input/crashkernel';
export * from './input/numa';
export * from './input/zones';
export * from './output/events';
export * from './input/scenario';
export * from './output/simulation';
export * from './models/simulate';
export * from './features/presets';
export * from './output/document';
export * from './input/scenario-6.1';
export { Memblock, dumpLines, MAX_NUMNODES, NUMA_NO_NODE } from './allocators/memblock/memblock';
export { scenarioFromBoot } from './dmesg/from-log/scenario-from-boot';
export { extractRequests } from './dmesg/from-log/memblock-requests';
export { scenarioFromLogText } from './dmesg/from-log/from-log-text';
export type { ImportedBoot } from './dmesg/types';
export { MODELS, MODEL_IDS, modelById } from './models';
export { parseCrashkernel2623 } from './models/bootmem-2.6.23';
export { bitmapBitsAt, bitmapsAt, BitmapReplay, type BitmapState } from './output/bitmap-replay';
export { stressScenario, STRESS_PREFIX } from './features/stress';
export * from './features/permalink';
export * from './features/advisor';
export * from './features/advisor-size';
export {
  estimateCrashkernel,
  type Estimate,
  type EstimatePart,
  type EstimateResult,
} from './models/capture/estimate';
export { DEFAULT_INITRD } from './models/capture/boot';
export { describeEstimate, estimateJson } from './models/capture/describe';
export { LOADERS, type Loader } from './models/capture/layout';
export type { CaptureOptions } from './models/capture/boot';
export {
  importLog,
  MAX_IMPORT_BYTES,
  type ImportOk,
  type ImportOptions,
  type ImportResult,
} from './dmesg/import-log';
export { importDocument, importText, type ImportDocument } from './dmesg/import-document';
export { modelForKernel, KERNEL_MODEL_IDS, type KernelModelId } from './dmesg/kernel-model';
export { OBSERVED_MODEL } from './dmesg/observed';
export { compareRun } from './dmesg/agreement';
export {
  AGREEMENT_TOPICS,
  AGREEMENT_TOPIC_TITLES,
  type Agreement,
  type AgreementCell,
  type AgreementRow,
  type AgreementStatus,
  type AgreementTopic,
} from './dmesg/agreement-types';
export {
  agreeDocument,
  agreeText,
  type AgreeDocument,
  type AgreeRow,
  type AgreeSide,
} from './dmesg/agree-document';
export {
  RULES,
  rulesFor,
  kernelInForce,
  modelForRelease,
  type KernelInForce,
  type KernelRules,
  type Rule,
  type RuleChange,
  type RuleId,
} from './kernel/rules';
export { parseRelease, formatVersion, type KernelRelease } from './kernel/version';
export type { ImportSummary } from './dmesg/summary';
export type { Unrecognized } from './dmesg/extract';
export type { Arch } from './dmesg/arch';
export type * from './dmesg/types';
export * from './output/state-text';
export type { AllocatorProbe, AllocatorTable } from './output/simulation';
