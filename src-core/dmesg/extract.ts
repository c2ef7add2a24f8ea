/**
 * Read every message in order, keeping the little context some formats need (the zone and
 * early_node_map lists are only indented numbers; 2.6.x NODE_DATA and bootmap lines name no
 * node), and sort what is not understood into noise and unrecognized lines.
 */
import { isKnownNoise, isMemoryRelated } from './classify';
import type { Fact, HeaderKind, LineContext } from './facts';
import type { LogLine } from './types';
import { parseMessage } from './parse-line';

export interface Unrecognized {
  line: number;
  text: string;
}

export interface Extraction {
  /** Facts in log order; `at[i]` is the index in `lines` of `facts[i]`. */
  facts: Fact[];
  at: number[];
  unrecognized: Unrecognized[];
}

/** Headers after which the following lines belong to a list. */
const LIST_HEADERS = new Set<HeaderKind>([
  'zones-old',
  'zones-new',
  'node-map-old',
  'node-map-new',
  'memblock-dump',
  'e820-firmware',
  'e820-user',
  'e820-modified',
  'e820-extended',
  'xen-e820',
  'early-res',
]);

/** The context after a line: lists continue while their entries do. */
/** The context with another block (and node); outside a list most lines keep it as it is. */
function moved(ctx: LineContext, block: HeaderKind | null, node = ctx.node): LineContext {
  return block === ctx.block && node === ctx.node ? ctx : { block, node, xen: ctx.xen };
}

function nextContext(ctx: LineContext, fact: Fact | null): LineContext {
  if (!fact) return moved(ctx, null);
  if (fact.kind === 'header') {
    if (LIST_HEADERS.has(fact.what)) return moved(ctx, fact.what);
    return fact.what.startsWith('memblock-dump') ? ctx : moved(ctx, null);
  }
  if (fact.kind === 'node-setup') return moved(ctx, null, fact.node);
  if (
    fact.kind === 'zone' ||
    fact.kind === 'node-range' ||
    fact.kind === 'memblock-dump-entry' ||
    fact.kind === 'e820'
  )
    return ctx;
  return moved(ctx, null);
}

export function extract(lines: readonly LogLine[]): Extraction {
  const facts: Fact[] = [];
  const at: number[] = [];
  const unrecognized: Unrecognized[] = [];
  let ctx: LineContext = { block: null, node: null, xen: false };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as LogLine;
    if (l.text.length === 0) continue;
    ctx.xen = l.source === 'xen';
    const fact = l.source === 'other' ? null : parseMessage(l.text, l.line, ctx);
    if (fact) {
      facts.push(fact);
      at.push(i);
    } else if (l.source !== 'other' && isMemoryRelated(l.text) && !isKnownNoise(l.text)) {
      unrecognized.push({ line: l.line, text: l.text.trim() });
    }
    ctx = nextContext(ctx, fact);
  }
  return { facts, at, unrecognized };
}
