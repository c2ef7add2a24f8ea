/** State as text, address lookup and run comparison: the public surface of this folder. */
export { iomemAt, formatIomem, iomemTypeName, type IomemEntry } from './iomem';
export {
  allocatorTableAt,
  allocatorTableKnown,
  allocatorTableOf,
  allocatorTextAt,
  rememberAllocatorTable,
  allocatorText,
  bitmapLines,
  type AllocatorText,
} from './allocator-text';
export { diffLines, unifiedDiff, type DiffLine } from './text-diff';
export { StabbingIndex } from './stabbing-index';
export {
  parseAddressQuery,
  ownersAt,
  ownerHistory,
  regionsCovering,
  formatOwnership,
  formatHistory,
  LANE_ROLES,
  type AddressQuery,
  type BitState,
  type Ownership,
  type OwnerChange,
} from './lookup';
export {
  diffRuns,
  diffRunsState,
  formatRunDiff,
  rangesText,
  type RunDiffState,
  type RunDifference,
} from './run-diff';
