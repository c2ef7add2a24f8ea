/**
 * The shapes of a log-against-model comparison (agreement.ts builds them; agreement-reasons.ts
 * explains the differing rows): kept apart so the explainer need not import its caller.
 */
import type { Range } from '../base/range';

export const AGREEMENT_TOPICS = [
  'e820',
  'e820-user',
  'zones',
  'node-ranges',
  'node-data',
  'bootmap',
  'crashkernel',
  'memblock',
] as const;
export type AgreementTopic = (typeof AGREEMENT_TOPICS)[number];

export const AGREEMENT_TOPIC_TITLES: Record<AgreementTopic, string> = {
  e820: 'Firmware e820 map',
  'e820-user': 'User-defined map (mem=, memmap=)',
  zones: 'Zone ranges',
  'node-ranges': 'Early memory node ranges',
  'node-data': 'NODE_DATA placements',
  bootmap: 'Bootmem bitmaps',
  crashkernel: 'Crash kernel',
  memblock: 'memblock=debug allocation requests',
};

export type AgreementStatus = 'agree' | 'differ' | 'unchecked';

export interface AgreementCell {
  text: string;
  /** The request as asked, for memblock rows. */
  detail?: string;
  range?: Range;
}

export interface AgreementRow {
  topic: AgreementTopic;
  /** What is compared: `DMA32`, `node 1, range 2`, `request 12: sparse_init`. */
  what: string;
  status: AgreementStatus;
  /** What the log shows, with its line; null when the log does not show it. */
  log: (AgreementCell & { line?: number }) | null;
  /** What the model's run shows, with its step; null when the run does not show it. */
  model: (AgreementCell & { step?: number }) | null;
  /** Why the row is unchecked. */
  note?: string;
  /** Why the row differs, in plain words (agreement-reasons.ts). */
  reason?: string;
}

export interface Agreement {
  /** The model that ran. */
  model: string;
  rows: AgreementRow[];
  counts: Record<AgreementStatus, number>;
}
