/**
 * The comparison table's sections: rows by topic in a fixed order, counted, optionally only
 * the differences, and at most `limit` rows shown per section (a memblock=debug log has
 * hundreds of requests, a 100,000-line one tens of thousands).
 */
import {
  AGREEMENT_TOPICS,
  type AgreementRow,
  type AgreementStatus,
  type AgreementTopic,
  type Range,
} from '../../src-core';
import type { AgreementRows } from './agreement-rows';

export interface AgreementGroup {
  topic: AgreementTopic;
  counts: Record<AgreementStatus, number>;
  /** The rows to show. */
  rows: AgreementRow[];
  /** Rows passing the filter that the limit leaves out. */
  hidden: number;
}

export function groupRows(
  rows: AgreementRows,
  opts: { onlyDifferences: boolean; limit: (t: AgreementTopic) => number },
): AgreementGroup[] {
  // One pass over the rows' topics and statuses; only the rows shown are unpacked.
  const byTopic = new Map<AgreementTopic, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const t = rows.topic(i);
    let list = byTopic.get(t);
    if (!list) byTopic.set(t, (list = []));
    list.push(i);
  }
  const out: AgreementGroup[] = [];
  for (const topic of AGREEMENT_TOPICS) {
    const all = byTopic.get(topic);
    if (!all) continue;
    const counts: Record<AgreementStatus, number> = { agree: 0, differ: 0, unchecked: 0 };
    for (const i of all) counts[rows.status(i)]++;
    const shown = opts.onlyDifferences ? all.filter((i) => rows.status(i) === 'differ') : all;
    const limit = opts.limit(topic);
    out.push({
      topic,
      counts,
      rows: shown.slice(0, limit).map((i) => rows.row(i)),
      hidden: Math.max(0, shown.length - limit),
    });
  }
  return out;
}

/** The addresses a row is about: both sides' ranges together, or null when neither has one. */
export function rowRange(r: AgreementRow): Range | null {
  const rs = [r.log?.range, r.model?.range].filter((x): x is Range => x !== undefined);
  if (!rs.length) return null;
  return {
    start: Math.min(...rs.map((x) => x.start)),
    end: Math.max(...rs.map((x) => x.end)),
  };
}
