/** A printed user map the command line does not explain is put back into the scenario. */
import { describe, expect, it } from 'vitest';
import {
  E820_ACPI,
  E820_NVS,
  E820_PRAM,
  E820_RAM,
  E820_RESERVED,
  type E820Entry,
} from '../input/e820';
import { simulate } from '../models/simulate';
import { compareRun } from './agreement';
import { importLines } from '../testing/log-fixtures';
import { explainUserMap, memmapOf } from './user-map';

const load = importLines;

const FIRMWARE: E820Entry[] = [
  { start: 0, end: 0x9fc00, type: E820_RAM },
  { start: 0x100000, end: 0x80000000, type: E820_RAM },
];
const USER: E820Entry[] = [
  { start: 0, end: 0x10000, type: E820_RESERVED },
  { start: 0x10000, end: 0x9fc00, type: E820_RAM },
  { start: 0x3000000, end: 0xb000000, type: E820_RAM },
];

describe('memmapOf', () => {
  it('writes entries as kexec does: KiB, with the qualifier of the type', () => {
    expect(memmapOf({ start: 0x3090000, end: 0xaffb000, type: E820_RAM }, 'memblock-6.1')).toBe(
      'memmap=130476K@49728K',
    );
    expect(memmapOf({ start: 0, end: 0x10000, type: E820_RESERVED }, 'bootmem-2.6.23')).toBe(
      'memmap=64K$0K',
    );
    expect(memmapOf({ start: 0x100, end: 0xa0000, type: E820_ACPI }, 'memblock-6.1')).toBe(
      'memmap=0x9ff00#0x100',
    );
  });

  it('6.1 writes any type (! for PRAM, %+type for the rest); 2.6.x only usable, reserved, ACPI', () => {
    const nvs = { start: 0x7f000000, end: 0x7f100000, type: E820_NVS };
    expect(memmapOf({ ...nvs, type: E820_PRAM }, 'memblock-6.1')).toBe('memmap=1024K!2080768K');
    expect(memmapOf(nvs, 'memblock-6.1')).toBe('memmap=1024K%2080768K+4');
    expect(memmapOf(nvs, 'nobootmem-2.6.34')).toBeNull();
  });
});

describe('explainUserMap', () => {
  it('without mem= or memmap=, exactmap and the printed entries join the command line', () => {
    const notes: string[] = [];
    const r = explainUserMap(USER, FIRMWARE, 'ro quiet', 'memblock-6.1', notes);
    expect(r).toEqual({
      cmdline: 'ro quiet memmap=exactmap memmap=64K$0K memmap=575K@64K memmap=131072K@49152K',
      e820: FIRMWARE,
    });
    expect(notes[0]).toMatch(/^The log prints a user-defined map, but its command line has no/);
  });

  it('a command line with mem= or memmap= explains its map: nothing changes', () => {
    for (const cmdline of ['ro mem=4G', 'memmap=64K$0']) {
      const notes: string[] = [];
      expect(explainUserMap(USER, FIRMWARE, cmdline, 'memblock-6.1', notes)).toEqual({
        cmdline,
        e820: FIRMWARE,
      });
      expect(notes).toEqual([]);
    }
  });

  it('a type the model cannot write: the printed user map becomes the machine map', () => {
    const notes: string[] = [];
    const user = [...USER, { start: 0xc0000000, end: 0xc0100000, type: E820_NVS }];
    const r = explainUserMap(user, FIRMWARE, 'ro', 'nobootmem-2.6.34', notes);
    expect(r).toEqual({ cmdline: 'ro', e820: user });
    expect(notes[0]).toMatch(
      /The nobootmem-2\.6\.34 model's memmap= cannot write ACPI NVS entries/,
    );
  });
});

describe('the model reproduces a printed user map', () => {
  it('a kdump kernel whose command line lost its memmap= list (as corpus 11)', () => {
    const r = load([
      'Linux version 3.2.0 (x) #1 SMP',
      'Command line: ro root=/dev/sda1',
      'BIOS-provided physical RAM map:',
      ' BIOS-e820: 0000000000000100 - 00000000000a0000 (usable)',
      ' BIOS-e820: 0000000000100000 - 00000000cf379000 (usable)',
      ' BIOS-e820: 00000000cf379000 - 00000000cf38f000 (reserved)',
      ' BIOS-e820: 00000000cf38f000 - 00000000cf3ce000 (ACPI data)',
      'user-defined physical RAM map:',
      ' user: 0000000000000000 - 0000000000010000 (reserved)',
      ' user: 0000000000010000 - 00000000000a0000 (usable)',
      ' user: 0000000003090000 - 000000000affb000 (usable)',
      ' user: 00000000cf379000 - 00000000cf38f000 (reserved)',
      ' user: 00000000cf38f000 - 00000000cf3ce000 (ACPI data)',
    ]);
    expect(r.scenario?.cmdline).toBe(
      'ro root=/dev/sda1 memmap=exactmap memmap=64K$0K memmap=576K@64K memmap=130476K@49728K memmap=88K$3395044K memmap=252K#3395132K',
    );
    const sim = simulate(r.scenario!, r.scenario!.model);
    if (!sim.ok) throw new Error(sim.error);
    const a = compareRun(r, sim.sim);
    const user = a?.rows.filter((x) => x.topic === 'e820-user') ?? [];
    expect(user).toHaveLength(5);
    expect(user.every((x) => x.status === 'agree')).toBe(true);
    expect(a?.rows.filter((x) => x.topic === 'e820').every((x) => x.status === 'agree')).toBe(true);
  });
});
