/**
 * A printed user-defined map that the command line does not explain. The kernel prints a user
 * map only after mem= or memmap= changed its table; when the log's command line has neither
 * (the console cut the line, or the capture of a kdump kernel lost kexec's
 * `memmap=exactmap memmap=…` list), the scenario's firmware map and command line would run
 * without the user map, and every fact built on it would differ. The importer then adds what
 * kexec passes: `memmap=exactmap` and one `memmap=` per printed entry, so the model builds the
 * same map and still prints the firmware one. Where the model's memmap= cannot write an
 * entry's type, the printed user map becomes the machine's e820 map instead.
 */
import { hex, KiB } from '../base/addr';
import { parseCmdline } from '../input/cmdline';
import {
  E820_ACPI,
  E820_PRAM,
  E820_RAM,
  E820_RESERVED,
  e820TypeName,
  type E820Entry,
} from '../input/e820';
import { LIMITS } from '../input/scenario';

/** memmap=nn<q>ss qualifiers: 2.6.x knows @ # $; 6.1 adds ! and nn%ss+type for any type. */
const QUALIFIERS_OLD: Record<number, string> = {
  [E820_RAM]: '@',
  [E820_ACPI]: '#',
  [E820_RESERVED]: '$',
};
const QUALIFIERS_61: Record<number, string> = { ...QUALIFIERS_OLD, [E820_PRAM]: '!' };

/** A size or address as memparse reads it: KiB like kexec-tools writes them, else hex bytes. */
const amount = (x: number): string => (x % KiB === 0 ? `${x / KiB}K` : hex(x));

/** The memmap= option that adds this entry, or null when the model's kernel cannot write it. */
export function memmapOf(e: E820Entry, model: string): string | null {
  const size = amount(e.end - e.start);
  const at = amount(e.start);
  const six = model === 'memblock-6.1';
  const q = (six ? QUALIFIERS_61 : QUALIFIERS_OLD)[e.type];
  if (q) return `memmap=${size}${q}${at}`;
  return six ? `memmap=${size}%${at}+${e.type}` : null;
}

export interface UserMapInputs {
  cmdline: string;
  /** The machine's e820 map: the firmware map, or the user map when memmap= cannot say it. */
  e820: E820Entry[];
}

/** The command line and machine map that reproduce the log's user map; notes say what changed. */
export function explainUserMap(
  user: readonly E820Entry[] | null,
  firmware: E820Entry[],
  cmdline: string,
  model: string,
  notes: string[],
): UserMapInputs {
  const unchanged = { cmdline, e820: firmware };
  if (!user?.length || !firmware.length) return unchanged;
  const params = parseCmdline(cmdline);
  if (params.some((p) => p.key === 'mem' || p.key === 'memmap')) return unchanged;
  const why =
    'The log prints a user-defined map, but its command line has no mem= or memmap= (a console or transcript cut the line, or kexec passed a crash kernel its map)';
  const options = user.map((e) => memmapOf(e, model));
  const added = ['memmap=exactmap', ...options].join(' ');
  const line = cmdline ? `${cmdline} ${added}` : added;
  if (options.every((o) => o !== null) && line.length <= LIMITS.cmdline) {
    notes.push(
      `${why}: memmap=exactmap and ${options.length} memmap= options, one per printed entry, are added to the scenario's command line, so the model builds the same user map from the firmware map.`,
    );
    return { cmdline: line, e820: firmware };
  }
  const types = [
    ...new Set(user.filter((e, i) => options[i] === null).map((e) => e820TypeName(e.type))),
  ];
  notes.push(
    `${why}. ${types.length ? `The ${model} model's memmap= cannot write ${types.join(', ')} entries` : `The memmap= options would make the command line longer than ${LIMITS.cmdline} characters`}, so the printed user map is the scenario's e820 map: the model shows it as the firmware map, and the log's firmware map differs from it.`,
  );
  return { cmdline, e820: user.map((e) => ({ ...e })) };
}
