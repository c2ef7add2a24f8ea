/**
 * bootmap's engine: the public entry. The web app and the CLI import only from here, and only
 * these names; src-core/README.md maps the folders behind them.
 */

// Addresses, ranges and sizes, the way kernel people read them.
export {
  alignDown,
  BINARY_UNITS,
  GiB,
  hex,
  humanAddr,
  humanSize,
  MAX_PHYS,
  memparse,
  memRange,
  MiB,
  PAGE_SIZE,
  parseSize,
  type SizeParse,
} from './base/addr';
export { firstEndingAfter, normalize, type Range } from './base/range';
export { partitionPoint } from './base/sorted';

// A scenario: the machine (e820, NUMA), the command line, validation.
export { paramsNamed, parseCmdline, sameKey, withParam, type Param } from './input/cmdline';
export {
  describeSpec,
  DIALECT_2_6_24,
  DIALECT_6_1,
  parseCrashkernelValue,
  type CrashkernelSpec,
} from './input/crashkernel';
export {
  E820_ACPI,
  E820_NVS,
  E820_RAM,
  E820_RESERVED,
  E820_TYPES,
  e820Ram,
  e820RamEnd,
  e820TypeName,
  parseE820Type,
  type E820Entry,
} from './input/e820';
export type { NodeSpan } from './input/numa';
export {
  formatProblems,
  LIMITS,
  parseScenario,
  scenarioToJson,
  type Problem,
  type Scenario,
} from './input/scenario';

// The rules of each kernel version, with the commit that changed each.
export {
  kernelInForce,
  modelForRelease,
  RULES,
  type KernelInForce,
  type RuleId,
} from './kernel/rules';
export { formatVersion } from './kernel/version';
export { cmdlineProblems, understandCmdline, type Understood } from './kernel/cmdline-meaning';

// Models: a scenario run under one generation's rules, event by event.

export { DEFAULT_INITRD, type CaptureOptions } from './models/capture/boot';
export { describeEstimate, estimateJson } from './models/capture/describe';
export {
  estimateCrashkernel,
  type Estimate,
  type EstimatePart,
  type EstimateResult,
} from './models/capture/estimate';
export { LOADERS, type Loader } from './models/capture/layout';
export { MODEL_IDS, MODELS } from './models/index';
export { simulate, type SimulateResult } from './models/simulate';

// What a run produces: events, the simulation, its documents and text views.
export { BitmapReplay, bitmapsAt, type BitmapState } from './output/bitmap-replay';
export { toCompareText, toDocument, toStepText, toText } from './output/document';
export {
  PHASE_TITLES,
  PHASES,
  reservesNothing,
  sourceUrl,
  type BitOp,
  type BootEvent,
  type CrashWindowStatus,
  type Lane,
  type Owner,
  type Phase,
  type Region,
} from './output/events';
export type { AllocatorTable, Finding, Simulation } from './output/simulation';
export {
  allocatorTableKnown,
  allocatorTableOf,
  allocatorText,
  rememberAllocatorTable,
} from './output/state-text/allocator-text';
export { formatIomem, iomemAt } from './output/state-text/iomem';
export {
  formatHistory,
  formatOwnership,
  LANE_ROLES,
  ownerHistory,
  ownersAt,
  parseAddressQuery,
  type OwnerChange,
} from './output/state-text/lookup';
export {
  diffRunsState,
  rangesText,
  type RunDifference,
  type RunDiffState,
} from './output/state-text/run-diff';
export { unifiedDiff } from './output/state-text/text-diff';

// Reading a real boot log: import, the facts it shows, and agreement with a run.
export { agreeDocument, agreeText } from './dmesg/agree-document';
export { compareRun } from './dmesg/agreement';
export {
  AGREEMENT_TOPIC_TITLES,
  AGREEMENT_TOPICS,
  type Agreement,
  type AgreementRow,
  type AgreementStatus,
  type AgreementTopic,
} from './dmesg/agreement-types';
export type { Unrecognized } from './dmesg/extract';
export { scenarioFromLogText } from './dmesg/from-log/from-log-text';
export { importDocument, importText } from './dmesg/import-document';
export { importLog, MAX_IMPORT_BYTES, type ImportOk } from './dmesg/import-log';
export { OBSERVED_MODEL } from './dmesg/observed';
export type { ImportSummary } from './dmesg/summary';
export type { CrashkernelLine } from './dmesg/types';

// Built on runs: presets, permalinks, the crashkernel advisor, stress machines.
export {
  advise,
  describeAdvice,
  memArg,
  verdictOf,
  type Advice,
  type AdviceInterval,
  type AdviceResult,
  type Verdict,
} from './features/advisor';
export { cmdlineCrashkernelSize } from './features/advisor-size';
export { decodeLink, encodeLink, MAX_LINK, type LinkState } from './features/permalink';
export { DEFAULT_PRESET, preset, PRESET_NAMES, serverScenario } from './features/presets';
export { STRESS_PREFIX, stressScenario } from './features/stress';
