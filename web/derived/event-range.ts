/** An event's range, or null when it has none (start = end). */
import type { BootEvent, Range } from '../../src-core';

export const eventRange = (e: BootEvent | undefined): Range | null =>
  e && e.end > e.start ? { start: e.start, end: e.end } : null;
