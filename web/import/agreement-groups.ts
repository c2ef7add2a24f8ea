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

export interface AgreementGroup {
  topic: AgreementTopic;
  counts: Record<AgreementStatus, number>;
  /** The rows to show. */
  rows: AgreementRow[];
  /** Rows passing the filter that the limit leaves out. */
  hidden: number;
}

export function groupRows(
  rows: readonly AgreementRow[],
  opts: { onlyDifferences: boolean; limit: (t: AgreementTopic) => number },
): AgreementGroup[] {
  const out: AgreementGroup[] = [];
  for (const topic of AGREEMENT_TOPICS) {
    const all = rows.filter((r) => r.topic === topic);
    if (!all.length) continue;
    const counts: Record<AgreementStatus, number> = { agree: 0, differ: 0, unchecked: 0 };
    for (const r of all) counts[r.status]++;
    const shown = opts.onlyDifferences ? all.filter((r) => r.status === 'differ') : all;
    const limit = opts.limit(topic);
    out.push({
      topic,
      counts,
      rows: shown.slice(0, limit),
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
