/**
 * `simulate --from-log`: the text of a kernel log to a memblock-6.1 scenario, read by the dmesg
 * importer (so every format people paste works here too).
 */
import { importLog } from '../import-log';
import type { ImportedBoot } from '../types';
import type { Problem } from '../../input/scenario';
import { memblockScenario, type FromBootResult } from './memblock-scenario';

/** Every boot of a log, as the importer reads it. */
export function readBoots(text: string): ImportedBoot[] {
  const r = importLog(text);
  return r.ok ? r.boots : [];
}

/** The first boot of the log that has a memory map becomes the scenario. */
export function scenarioFromLogText(text: string, title: string): FromBootResult {
  const fail = (message: string): { ok: false; problems: Problem[] } => ({
    ok: false,
    problems: [{ path: '', message }],
  });
  const r = importLog(text);
  if (!r.ok) return fail(r.error);
  const boot = r.boots.find((b) => b.e820.length > 0);
  if (!boot) return fail('the log has no "BIOS-e820:" memory map');
  return memblockScenario(boot, title);
}
