/** One message to one fact: the topic parsers tried in turn, cheapest rejections first. */
import { parseCrashkernelLine } from './crashkernel-lines';
import { parseE820Line } from './e820-lines';
import type { Fact, LineContext } from './facts';
import { NO_CONTEXT } from './facts';
import { parseKernelLine } from './kernel-lines';
import { parseMemblockLine } from './memblock-lines';
import { parseMemoryLine } from './memory-line';
import { parseNumaLine } from './numa-lines';
import { parseReserveLine } from './reserve-lines';
import { parseZoneLine } from './zone-lines';

export function parseMessage(text: string, line: number, ctx: LineContext): Fact | null {
  if (text.length === 0) return null;
  const t = text.trimStart();
  if (t.length === 0) return null;
  if (t.startsWith('memblock_') || t.startsWith('__memblock')) return parseMemblockLine(t, line);
  if (ctx.xen) return parseE820Line(t, line, ctx) ?? parseKernelLine(t, line, true);
  return (
    parseE820Line(t, line, ctx) ??
    parseZoneLine(text, line, ctx) ??
    parseNumaLine(t, line, ctx) ??
    parseCrashkernelLine(t, line) ??
    parseMemoryLine(t, line) ??
    parseKernelLine(t, line, false) ??
    parseReserveLine(t, line, ctx) ??
    parseMemblockLine(t, line)
  );
}

/** The context a lone line is read in when deciding whether it is already a whole fact. */
const ANY_BLOCK: LineContext = { ...NO_CONTEXT, block: 'zones-new', node: 0 };

/** Is this message a complete fact on its own (so nothing after it continues it)? */
export function isCompleteFact(text: string): boolean {
  return parseMessage(text, 0, ANY_BLOCK) !== null;
}
