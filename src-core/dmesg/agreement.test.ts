/**
 * Observed vs simulated. On the oracle logs (real 6.1 boots with memblock=debug) the 6.1 model
 * must agree with the kernel on every fact; on older corpus logs the table says what a model
 * of another generation gets right and where the kernels differ.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MiB } from '../base/addr';
import { simulate } from '../models/simulate';
import type { Simulation } from '../output/simulation';
import { compareRun } from './agreement';
import type { Agreement, AgreementRow, AgreementTopic } from './agreement-types';
import { importLog, type ImportOk } from './import-log';
import {
  CORPUS_SKIP,
  corpusFiles,
  HAVE_CORPUS,
  oracleFiles,
  readCorpus,
  readOracle,
} from '../testing/log-fixtures';

function load(text: string, boot?: number): ImportOk {
  const r = importLog(text, boot === undefined ? {} : { boot });
  if (!r.ok) throw new Error(r.error);
  return r;
}

function run(imp: ImportOk, cmdline?: string): Simulation {
  if (!imp.scenario) throw new Error(imp.scenarioProblems.join(' '));
  const scenario = cmdline === undefined ? imp.scenario : { ...imp.scenario, cmdline };
  const r = simulate(scenario, scenario.model);
  if (!r.ok) throw new Error(r.error);
  return r.sim;
}

function compare(imp: ImportOk, sim = run(imp)): Agreement {
  const a = compareRun(imp, sim);
  if (!a) throw new Error('the run printed nothing to compare');
  return a;
}

const of = (a: Agreement, topic: AgreementTopic): AgreementRow[] =>
  a.rows.filter((r) => r.topic === topic);
const row = (a: Agreement, topic: AgreementTopic, what: string): AgreementRow | undefined =>
  of(a, topic).find((r) => r.what === what);
/** Per topic, one character a row: `.` agrees, `X` differs, `?` unchecked. */
const shape = (a: Agreement): string =>
  [...new Set(a.rows.map((r) => r.topic))]
    .map(
      (t) =>
        `${t}:${of(a, t)
          .map((r) => ({ agree: '.', differ: 'X', unchecked: '?' })[r.status])
          .join('')}`,
    )
    .join(' ');

const report: string[] = [];

describe.each(oracleFiles())('oracle %s', (file) => {
  const imp = load(readOracle(file));
  const sim = run(imp);
  const a = compare(imp, sim);
  report.push(`${file.padEnd(58)} ${JSON.stringify(a.counts)}`);

  it('the 6.1 model agrees with the kernel on every fact', () => {
    expect(a.model).toBe('memblock-6.1');
    expect(a.rows.filter((r) => r.status !== 'agree')).toEqual([]);
  });

  it('compares every topic a 6.1 log prints, and every allocation request', () => {
    const topics = new Set(a.rows.map((r) => r.topic));
    for (const t of ['e820', 'zones', 'node-ranges', 'node-data', 'memblock'] as const)
      expect(topics.has(t)).toBe(true);
    const requests = imp.boot.memblock.filter((m) => m.op === 'alloc');
    expect(of(a, 'memblock')).toHaveLength(requests.length);
    expect(of(a, 'memblock').map((r) => r.log?.line)).toEqual(requests.map((m) => m.line));
    expect(topics.has('crashkernel')).toBe(/crashkernel=/.test(imp.boot.cmdline ?? ''));
  });

  it('every row names the log line and the model step that print it', () => {
    for (const r of a.rows) {
      const ev = imp.observed.events.find((e) => e.line === r.log?.line);
      expect(ev, `${r.topic} ${r.what}: log line`).toBeDefined();
      expect(sim.events[r.model?.step ?? -1], `${r.topic} ${r.what}: model step`).toBeDefined();
    }
    const dma = row(a, 'zones', 'DMA');
    expect(imp.observed.events.find((e) => e.line === dma?.log?.line)?.label).toBe('zone DMA');
    expect(sim.events[dma?.model?.step ?? -1]?.dmesg).toContain('  DMA      [mem ');
  });
});

it('the crashkernel window and its low part each point at their own line and step', () => {
  const imp = load(readOracle('m4G-numa1G,3G-ck256M,high-ck128M,low.log'));
  const sim = run(imp);
  const a = compare(imp, sim);
  const line = (what: string) => row(a, 'crashkernel', what)?.log?.line ?? 0;
  const step = (what: string) => row(a, 'crashkernel', what)?.model?.step ?? -1;
  expect(imp.observed.events.find((e) => e.line === line('window'))?.dmesg).toMatch(
    /^Reserving 256MB of memory at 4848MB/,
  );
  expect(imp.observed.events.find((e) => e.line === line('low part'))?.dmesg).toMatch(
    /^Reserving 128MB of low memory at 2928MB/,
  );
  expect(line('outcome')).toBe(line('window'));
  expect(sim.events[step('window')]?.dmesg).toMatch(/^Reserving 256MB of memory/);
  expect(sim.events[step('low part')]?.dmesg).toMatch(/^Reserving 128MB of low memory/);
});

describe('a user map the command line no longer explains', () => {
  // The oracle boots that print a user map, with mem= and memmap= cut from the log's command
  // lines (as a console or transcript cuts them): the importer puts the printed map back as
  // memmap=exactmap plus one memmap= per entry, and the 6.1 model still agrees on every fact.
  const withUserMap = oracleFiles().filter((f) =>
    readOracle(f).includes('user-defined physical RAM map'),
  );

  it('eight oracle boots print one (four of them capture kernels)', () => {
    expect(withUserMap).toHaveLength(8);
  });

  it.each(withUserMap)('%s', (file) => {
    const imp = load(readOracle(file).replace(/ (?:mem|memmap)=\S+/g, ''));
    expect(imp.boot.cmdline).not.toMatch(/memmap=|mem=/);
    expect(imp.scenario?.cmdline).toContain(' memmap=exactmap memmap=');
    const a = compare(imp);
    expect(a.rows.filter((r) => r.status !== 'agree')).toEqual([]);
    expect(of(a, 'e820-user').length).toBe(imp.boot.e820User?.length);
  });
});

describe('where a model and the log differ', () => {
  const imp = load(readOracle('m2G-ck256M.log'));

  it('a smaller crashkernel in the run: window and later placements differ, each with both ranges', () => {
    const base = imp.boot.cmdline ?? '';
    const a = compare(imp, run(imp, base.replace('crashkernel=256M', 'crashkernel=128M')));
    expect(row(a, 'crashkernel', 'outcome')?.status).toBe('agree');
    const w = row(a, 'crashkernel', 'window');
    expect(w?.status).toBe('differ');
    expect(w?.log?.range?.end).toBe(w?.model?.range?.end);
    expect((w?.log?.range?.end ?? 0) - (w?.log?.range?.start ?? 0)).toBe(256 * MiB);
    expect((w?.model?.range?.end ?? 0) - (w?.model?.range?.start ?? 0)).toBe(128 * MiB);
    const crash = of(a, 'memblock').find((r) => r.what.endsWith('setup_arch'));
    expect(crash?.status).toBe('differ');
    expect(crash?.log?.detail).toMatch(/^memblock_phys_alloc_range\(256 MiB, align 0x1000000/);
    expect(crash?.model?.detail).toMatch(/^memblock_phys_alloc_range\(128 MiB, align 0x1000000/);
  });

  it('no crashkernel in the run: the outcome differs', () => {
    const a = compare(imp, run(imp, (imp.boot.cmdline ?? '').replace(' crashkernel=256M', '')));
    expect(row(a, 'crashkernel', 'outcome')).toMatchObject({
      status: 'differ',
      log: { text: 'reserved' },
      model: { text: 'none' },
    });
  });

  it('a run that prints nothing readable gives no comparison', () => {
    const sim = run(imp);
    expect(compareRun(imp, { ...sim, events: sim.events.map((e) => ({ ...e, dmesg: '' })) })).toBe(
      null,
    );
  });
});

if (!HAVE_CORPUS) console.warn(`agreement.test.ts, corpus logs: ${CORPUS_SKIP}`);

describe.runIf(HAVE_CORPUS)(
  'old-format corpus logs: what a model of the generation gets right',
  () => {
    // Every boot of every file that gives a scenario (13's second boot is a kdump kernel).
    const withScenario = corpusFiles().flatMap((f) => {
      const first = importLog(readCorpus(f));
      if (!first.ok) return [];
      return first.boots.flatMap((b) => {
        const r =
          b.number === first.boot.number ? first : importLog(readCorpus(f), { boot: b.number });
        const name = first.boots.length > 1 ? `${f.slice(0, 50)} boot ${b.number}` : f;
        return r.ok && r.scenario ? [[name, r] as const] : [];
      });
    });

    it.each(withScenario)('%s compares without throwing', (f, imp) => {
      const a = compare(imp);
      report.push(`${f.slice(0, 58).padEnd(58)} ${a.model.padEnd(24)} ${shape(a)}`);
      expect(a.rows.length).toBeGreaterThan(0);
    });

    const file = (prefix: string): string =>
      corpusFiles().find((x) => x.startsWith(prefix)) as string;
    const imported = (prefix: string, boot?: number): ImportOk =>
      load(readCorpus(file(prefix)), boot);
    const corpus = (prefix: string, boot?: number): Agreement => compare(imported(prefix, boot));

    it('01 (2.6.24, two Opteron nodes): bootmem-2.6.24 agrees on the map, zones and node ranges', () => {
      const a = corpus('01-');
      expect(a.model).toBe('bootmem-2.6.24');
      expect(a.counts).toEqual({ agree: 19, differ: 0, unchecked: 0 });
    });

    it('03 (2.6.32): the Phoenix BIOS quirk is a machine input, so DMA starts at pfn 0x10 in the run too', () => {
      expect(imported('03-').scenario?.machine.e820Edits).toEqual([
        { start: 0, end: 0x10000, to: 2 },
      ]);
      const a = corpus('03-');
      expect(row(a, 'zones', 'DMA')).toMatchObject({
        status: 'agree',
        log: { text: '[mem 0x0000000000010000-0x0000000000ffffff]' },
      });
      expect(of(a, 'node-ranges').every((r) => r.status === 'agree')).toBe(true);
      expect(of(a, 'e820').every((r) => r.status === 'agree')).toBe(true);
    });

    it.each(['02-', '06-', '08-', '44-', '45-'])(
      '%s (i386): no scenario and no rows of differences; it says 32-bit x86 is not modelled',
      (prefix) => {
        const imp = imported(prefix);
        expect(imp.scenario).toBeNull();
        expect(imp.scenarioProblems[0]).toMatch(/^This is a 32-bit x86 \(i386\) kernel/);
      },
    );

    it('12 (CentOS 7, crashkernel=auto): RHEL 7 reads auto as 161M, placed below 896 MiB as the log shows', () => {
      const a = corpus('12-');
      expect(row(a, 'crashkernel', 'outcome')?.status).toBe('agree');
      expect(row(a, 'crashkernel', 'window')).toMatchObject({
        status: 'agree',
        log: { text: '[mem 0x000000002d000000-0x00000000370fffff] (161 MiB)' },
      });
      expect(imported('12-').notes).toContainEqual(
        expect.stringMatching(
          /^crashkernel=auto is a Red Hat kernel option: this kernel reads it as crashkernel=2G-:161M/,
        ),
      );
    });

    it('13 (4.19): crashkernel=256M lands below 896 MiB, the low limit until 5.2', () => {
      expect(row(corpus('13-'), 'crashkernel', 'window')).toMatchObject({
        status: 'agree',
        log: { text: '[mem 0x0000000027000000-0x0000000036ffffff] (256 MiB)' },
      });
    });

    it('11 (a kdump kernel whose transcribed command line lost its memmap=): the printed user map is put back, and the run builds it', () => {
      const imp = imported('11-');
      expect(imp.boot.cmdline).not.toContain('memmap=');
      expect(imp.scenario?.cmdline).toMatch(/ memmap=exactmap memmap=64K\$0K memmap=576K@64K /);
      const a = corpus('11-');
      // Before: all 8 user-map rows, DMA, Normal, the node ranges and NODE_DATA differed (9/16).
      expect(a.counts).toEqual({ agree: 21, differ: 0, unchecked: 0 });
      expect(of(a, 'e820-user').map((r) => r.status)).toEqual(Array(8).fill('agree'));
      expect(row(a, 'zones', 'DMA')?.status).toBe('agree');
      expect(row(a, 'node-data', 'node 1')?.status).toBe('agree');
      // 3.2 prints DMA32 to 4 GiB past the end of RAM (zone limits unclipped before 3.3).
      expect(row(a, 'zones', 'DMA32')).toMatchObject({
        status: 'agree',
        log: { text: '[mem 0x0000000001000000-0x00000000ffffffff]' },
      });
    });

    it('13, boot 2 (the kdump kernel): the image is in its crash window, and the memoryless nodes get NODE_DATA as 4.19 gives it', () => {
      const imp = imported('13-', 2);
      const k = imp.scenario?.kernel;
      expect(k?.text).toBeGreaterThanOrEqual(0x27000000);
      expect(k?.end).toBeLessThanOrEqual(0x36a5d000); // below the initrd
      const a = corpus('13-', 2);
      // Before: the image at 16 MiB added memory the log never has (8 agree, 10 differ); then
      // NODE_DATA(0) sat one page high until the SLIT's distance table (numa_alloc_distance)
      // took the top page.
      expect(a.counts).toEqual({ agree: 17, differ: 0, unchecked: 0 });
      expect(row(a, 'node-data', 'node 0')?.status).toBe('agree');
      expect(of(a, 'node-ranges').every((r) => r.status === 'agree')).toBe(true);
      expect(of(a, 'node-ranges')).toHaveLength(2);
      // NODE_DATA of the seven memoryless nodes: 4.19 allocates it on node 0 after paging_init,
      // in CPU order (the log's), and so does the run, right below the initrd: sparse_init's
      // pages fit above it with this build's 16-byte mem_section.
      const memoryless = of(a, 'node-data').filter((r) => r.what !== 'node 0');
      expect(memoryless.map((r) => [r.what, r.status])).toEqual(
        [5, 4, 1, 2, 6, 3, 7].map((n) => [`node ${n}`, 'agree']),
      );
      expect(memoryless[0]?.log?.range?.end).toBe(0x36a5d000);
      expect(imp.scenario?.machine.srat?.map((b) => b.node)).toEqual([
        0, 0, 0, 1, 2, 3, 4, 5, 6, 7,
      ]);
      expect(imp.notes).toContainEqual(
        expect.stringMatching(/^Nodes 1–7 have no RAM in the map this kernel used \(memoryless/),
      );
      // The page above NODE_DATA(0) is the SLIT's distance table (8 x 8 bytes, page-aligned).
      expect(row(a, 'node-data', 'node 0')).toMatchObject({
        status: 'agree',
        log: { text: '[mem 0x0000000036f69000-0x0000000036f6cfff]' },
        model: { text: '[mem 0x0000000036f69000-0x0000000036f6cfff]' },
      });
    });

    it.each(['24-', '25-'])(
      '%s (6.18, 7.0): pg_data_t is sized as printed (cache-line rounded), so NODE_DATA agrees',
      (prefix) => {
        const a = corpus(prefix);
        expect(row(a, 'node-data', 'node 0')?.status).toBe('agree');
        expect(a.counts.differ).toBe(0);
      },
    );

    it("21, boot 2 (mem=4G had no effect in that kernel): the command line explains a user map, so it is kept, and the model's honest 4 GiB limit differs", () => {
      const imp = imported('21-', 2);
      expect(imp.scenario?.cmdline).toBe(imp.boot.cmdline);
      const user = of(corpus('21-', 2), 'e820-user');
      expect(user.filter((r) => r.status === 'differ')).toEqual([
        expect.objectContaining({
          what: '0x100000000',
          log: expect.objectContaining({
            text: '[mem 0x0000000100000000-0x000000207fffffff] usable',
          }),
          model: { text: 'no user-defined map' },
        }),
      ]);
    });

    it('20 (a fragment with only the user map): nothing is called a difference', () => {
      const a = corpus('20-');
      expect(a.counts.differ).toBe(0);
      expect(of(a, 'e820-user')).toEqual([
        expect.objectContaining({
          status: 'unchecked',
          note: 'the model’s run does not print this',
        }),
      ]);
    });
  },
);

afterAll(() => {
  console.log(['observed vs simulated:', ...report].join('\n'));
});
