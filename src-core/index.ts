/**
 * bootmap's engine: the public entry. The web app and the CLI import only from here.
 */
export * from './addr';
export * from './range';
export * from './sorted';
export * from './e820';
export * from './cmdline';
export * from './crashkernel';
export * from './numa';
export * from './zones';
export * from './events';
export * from './scenario';
export * from './simulation';
export * from './simulate';
export * from './presets';
export * from './document';
export * from './scenario-memblock';
export { Memblock, dumpLines, MAX_NUMNODES, NUMA_NO_NODE } from './memblock';
export { scenarioFromBoot } from './fromlog/scenario-from-boot';
export { extractRequests } from './fromlog/memblock-requests';
export { scenarioFromLogText } from './fromlog/from-log-text';
export type { ImportedBoot } from './dmesg/types';
export { MODELS, MODEL_IDS, modelById } from './models';
export { parseCrashkernel2623 } from './models/bootmem-2.6.23';
export { bitmapBitsAt, bitmapsAt, BitmapReplay, type BitmapState } from './state';
export { stressScenario, STRESS_PREFIX } from './stress';
export * from './permalink';
export * from './advisor';
export * from './advisor-size';
export {
  estimateCrashkernel,
  type Estimate,
  type EstimatePart,
  type EstimateResult,
} from './capture/estimate';
export { DEFAULT_INITRD } from './capture/boot';
export { describeEstimate, estimateJson } from './capture/describe';
export { LOADERS, type Loader } from './capture/layout';
export type { CaptureOptions } from './capture/boot';
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
export {
  compareRun,
  AGREEMENT_TOPICS,
  AGREEMENT_TOPIC_TITLES,
  type Agreement,
  type AgreementCell,
  type AgreementRow,
  type AgreementStatus,
  type AgreementTopic,
} from './dmesg/agreement';
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
export * from './state-text';
export type { AllocatorProbe, AllocatorTable } from './simulation';
