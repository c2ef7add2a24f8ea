/**
 * Named scenarios. Presets give the machine, the kernel inputs and the command line only:
 * where things land is always computed by the model.
 */
import qemu4g from './presets-data/qemu-6.1-4g.json' with { type: 'json' };
import qemu6gHigh from './presets-data/qemu-6.1-6g-high.json' with { type: 'json' };
import qemuMemmap from './presets-data/qemu-6.1-memmap-holes.json' with { type: 'json' };
import qemuNuma16g from './presets-data/qemu-6.1-numa-16g.json' with { type: 'json' };
import { parseScenario, type Scenario } from '../input/scenario';

/** A typical 2007 two-socket server BIOS map for 96 GiB: RAM to 3 GiB, the PCI hole, RAM from 4 GiB. */
const SERVER_96G_E820 = [
  { start: '0x0', end: '0x9fc00', type: 'usable' },
  { start: '0x9fc00', end: '0xa0000', type: 'reserved' },
  { start: '0xe0000', end: '0x100000', type: 'reserved' },
  { start: '0x100000', end: '0xbff70000', type: 'usable' },
  { start: '0xbff70000', end: '0xbff80000', type: 'ACPI data' },
  { start: '0xbff80000', end: '0xc0000000', type: 'ACPI NVS' },
  { start: '0xe0000000', end: '0xf0000000', type: 'reserved' },
  { start: '0xfec00000', end: '0xfec10000', type: 'reserved' },
  { start: '0xfee00000', end: '0xfee01000', type: 'reserved' },
  { start: '0xff800000', end: '0x100000000', type: 'reserved' },
  { start: '0x100000000', end: '0x1800000000', type: 'usable' },
];

/**
 * The seed incident (kexec mailing list, May 2011): 2.6.23 x86_64, 96 GiB in two 48 GiB nodes,
 * crashkernel=128M@16M. The kernel's _end (0xf9a6c8: a distribution kernel with a large bss)
 * is the input that makes find_e820_area put node 0's bitmap at 0xf9b000.
 */
const SEED = {
  version: 1,
  name: 'seed-2.6.23',
  title: '96 GiB two-node server, 2.6.23, crashkernel=128M@16M (the kexec list report, May 2011)',
  model: 'bootmem-2.6.23',
  machine: {
    e820: SERVER_96G_E820,
    nodes: [
      { node: 0, start: '0x0', end: '0xc00000000' },
      { node: 1, start: '0xc00000000', end: '0x1800000000' },
    ],
  },
  kernel: {
    text: '0x200000',
    end: '0xf9a6c8',
    codeSize: '0x246000',
    dataSize: '0x13e000',
    initSize: '0x46000',
    initrd: { start: '0x37a4e000', end: '0x37fff000' },
    ebda: { addr: '0x9fc00', sizeKiB: 1 },
    pgdatSize: '0x5000',
    mptable: { mpf: '0xf5ba0', physptr: '0xf5bb0' },
  },
  cmdline: 'ro root=LABEL=/ console=tty0 console=ttyS0,115200 crashkernel=128M@16M',
};

/**
 * A bigger server of the same make: the same low map, RAM from 4 GiB to `totalGiB`, split into
 * `nodes` equal nodes (node 0 also holds the low RAM). For the benchmarks and the large presets.
 */
export function serverScenario(
  totalGiB: number,
  nodes: number,
  model = 'bootmem-2.6.23',
): Scenario {
  const top = totalGiB * 2 ** 30;
  const span = top / nodes;
  const raw = {
    ...SEED,
    name: `server-${totalGiB}g-${nodes}node`,
    title: `${totalGiB} GiB server with ${nodes} NUMA nodes`,
    model,
    machine: {
      e820: [
        ...SERVER_96G_E820.slice(0, -1),
        { start: '0x100000000', end: '0x' + top.toString(16), type: 'usable' },
      ],
      nodes: Array.from({ length: nodes }, (_, i) => ({
        node: i,
        start: '0x' + (i * span).toString(16),
        end: '0x' + ((i + 1) * span).toString(16),
      })),
    },
  };
  const r = parseScenario(raw);
  if (!r.ok)
    throw new Error(`server scenario invalid: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.scenario;
}

/** A 4 GiB laptop: RAM to ~3 GiB, graphics and firmware below 4 GiB, the rest remapped above. */
const LAPTOP_4G = {
  version: 1,
  name: 'laptop-4g',
  title: '4 GiB laptop, Linux 6.1, crashkernel=256M',
  model: 'memblock-6.1',
  machine: {
    e820: [
      { start: '0x0', end: '0x9d800', type: 'usable' },
      { start: '0x9d800', end: '0xa0000', type: 'reserved' },
      { start: '0xe0000', end: '0x100000', type: 'reserved' },
      { start: '0x100000', end: '0xbda00000', type: 'usable' },
      { start: '0xbda00000', end: '0xbea00000', type: 'reserved' },
      { start: '0xbea00000', end: '0xbeb00000', type: 'ACPI NVS' },
      { start: '0xbeb00000', end: '0xbec00000', type: 'ACPI data' },
      { start: '0xbec00000', end: '0xc0000000', type: 'reserved' },
      { start: '0xe0000000', end: '0xf0000000', type: 'reserved' },
      { start: '0xfec00000', end: '0xfec01000', type: 'reserved' },
      { start: '0xfee00000', end: '0xfee01000', type: 'reserved' },
      { start: '0xff000000', end: '0x100000000', type: 'reserved' },
      { start: '0x100000000', end: '0x142600000', type: 'usable' },
    ],
    nodes: [],
  },
  kernel: {
    text: '0x1000000',
    end: '0x4400000',
    initrd: { start: '0x3a800000', end: '0x3c6b5000' },
    ebda: { addr: '0x9d800', sizeKiB: 10 },
    pgdatSize: '0x2b000',
    mptable: null,
  },
  cmdline: 'quiet splash crashkernel=256M',
};

/** The seed machine and command line under a later generation: same inputs, other rules. */
const seedUnder = (model: string, version: string) => ({
  ...SEED,
  name: `seed-${version}`,
  title: `The seed machine (96 GiB, two nodes, crashkernel=128M@16M) under ${version} rules`,
  model,
});

/** Under 6.1 the kernel binary differs too: Debian's 6.1 image at 16 MiB, as in the oracle logs. */
const SEED_6_1 = (() => {
  const { codeSize, dataSize, initSize, ...kernel } = SEED.kernel;
  return {
    ...seedUnder('memblock-6.1', '6.1'),
    kernel: { ...kernel, text: '0x1000000', end: '0x4400000', pgdatSize: '0x2b000' },
  };
})();

const RAW: Record<string, unknown> = {
  'seed-2.6.23': SEED,
  'seed-2.6.24': seedUnder('bootmem-2.6.24', '2.6.24'),
  'seed-2.6.27': seedUnder('bootmem-exclusive-2.6.27', '2.6.27'),
  'seed-2.6.33': seedUnder('early-res-2.6.33', '2.6.33'),
  'seed-2.6.34': seedUnder('nobootmem-2.6.34', '2.6.34'),
  'seed-6.1': SEED_6_1,
  'qemu-6.1-4g': qemu4g,
  'qemu-6.1-6g-high': qemu6gHigh,
  'qemu-6.1-memmap-holes': qemuMemmap,
  'qemu-6.1-numa-16g': qemuNuma16g,
  'laptop-4g': LAPTOP_4G,
};

/** Presets built by code rather than written out. */
const BUILT: Record<string, () => Scenario> = {
  'server-1t-8node': () => ({
    ...serverScenario(1024, 8),
    name: 'server-1t-8node',
    title: '1 TiB server with 8 NUMA nodes, 2.6.23, crashkernel=128M@16M',
  }),
};

export const PRESET_NAMES = [...Object.keys(RAW), ...Object.keys(BUILT)];

const cache = new Map<string, Scenario>();

/** A preset by name, validated once; undefined for an unknown name. */
export function preset(name: string): Scenario | undefined {
  const hit = cache.get(name);
  if (hit) return hit;
  const build = BUILT[name];
  const raw = RAW[name];
  if (!build && !raw) return undefined;
  const r = build ? ({ ok: true, scenario: build() } as const) : parseScenario(raw);
  if (!r.ok)
    throw new Error(
      `preset ${name} is invalid: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  cache.set(name, r.scenario);
  return r.scenario;
}

export const DEFAULT_PRESET = 'seed-2.6.23';
