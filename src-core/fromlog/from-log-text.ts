/**
 * `simulate --from-log`: the text of a kernel log to a memblock-6.1 scenario. The log is read
 * by the temporary oracle reader until the dmesg importer is merged; switching is this file's
 * one import.
 */
import { readOracleLog } from '../dmesg/oracle-reader';
import type { Problem } from '../scenario';
import { scenarioFromBoot, type FromBootResult } from './scenario-from-boot';

/** The first boot of the log that has a memory map becomes the scenario. */
export function scenarioFromLogText(text: string, title: string): FromBootResult {
  const boots = readOracleLog(text);
  const fail = (message: string): { ok: false; problems: Problem[] } => ({
    ok: false,
    problems: [{ path: '', message }],
  });
  if (boots.length === 0) return fail('not a kernel log: no "Linux version" line');
  const boot = boots.find((b) => b.e820.length > 0);
  if (!boot) return fail('the log has no "BIOS-e820:" memory map');
  return scenarioFromBoot(boot, title);
}
