/**
 * The comparison's rows as the page keeps them: packed as they came from the worker, unpacked a
 * chunk at a time when the table shows one of its rows. A 100,000-line memblock=debug log has
 * 50,000 rows (a request each) of which the table shows a hundred per topic; unpacking all of
 * them when the import arrives cost the tab hundreds of thousands of objects to collect. Each
 * row's topic and status come unpacked (two bytes a row), for the table's counts and filter.
 */
import {
  AGREEMENT_TOPICS,
  type Agreement,
  type AgreementRow,
  type AgreementStatus,
  type AgreementTopic,
} from '../../src-core';
import type { Packed, Unpacker } from './compact';

const STATUSES = ['agree', 'differ', 'unchecked'] as const satisfies readonly AgreementStatus[];

/** Each row's topic and status, as indexes into AGREEMENT_TOPICS and STATUSES (worker side). */
export function rowKinds(rows: readonly AgreementRow[]): {
  topics: Uint8Array;
  statuses: Uint8Array;
} {
  return {
    topics: Uint8Array.from(rows, (r) => AGREEMENT_TOPICS.indexOf(r.topic)),
    statuses: Uint8Array.from(rows, (r) => STATUSES.indexOf(r.status)),
  };
}

export class AgreementRows {
  /** Index of each chunk's first row, and one past the last row. */
  private readonly starts: number[] = [0];
  private readonly unpacked = new Map<number, AgreementRow[]>();

  /** `unpacker` has absorbed every chunk (compact.ts); `topics`/`statuses` come from rowKinds. */
  constructor(
    private readonly chunks: readonly Packed[],
    private readonly unpacker: Unpacker,
    private readonly topics: Uint8Array,
    private readonly statuses: Uint8Array,
  ) {
    for (const c of chunks) this.starts.push((this.starts.at(-1) as number) + c.count);
    if (this.length !== topics.length || topics.length !== statuses.length)
      throw new Error(
        `the comparison has ${this.length} rows but ${topics.length} topics and ${statuses.length} statuses`,
      );
  }

  get length(): number {
    return this.starts.at(-1) as number;
  }

  topic(i: number): AgreementTopic {
    return AGREEMENT_TOPICS[this.topics[i] as number] as AgreementTopic;
  }

  status(i: number): AgreementStatus {
    return STATUSES[this.statuses[i] as number] as AgreementStatus;
  }

  row(i: number): AgreementRow {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no comparison row ${i}`);
    // The last chunk starting at or before i.
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    let rows = this.unpacked.get(lo);
    if (!rows) {
      // The worker packed AgreementRows into these chunks.
      rows = this.unpacker.unpack(this.chunks[lo] as Packed) as AgreementRow[];
      this.unpacked.set(lo, rows);
    }
    return rows[i - (this.starts[lo] as number)] as AgreementRow;
  }
}

/** The comparison as the page keeps it. */
export type ShownAgreement = Omit<Agreement, 'rows'> & { rows: AgreementRows };
