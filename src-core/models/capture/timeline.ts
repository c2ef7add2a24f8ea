/**
 * The capture kernel's boot appended to the crashed kernel's run: its events become the
 * `capture-kernel` phase (after kexec), and what it places inside the crash window is drawn in
 * the window's lane, so one timeline shows both boots.
 */
import { hex, humanSize } from '../../base/addr';
import type { BootEvent, Region } from '../../output/events';
import { preset } from '../../features/presets';
import type { EarlyOp } from '../../input/scenario-6.1';
import type { Simulation } from '../../output/simulation';
import { bootCaptureKernel, type CaptureBoot, type CaptureOptions, type Run } from './boot';

/** Lanes of the capture run that describe its own map, not what it put in the window. */
const MAP_LANES = new Set(['e820', 'node', 'zone', 'memory', 'buddy']);

/** Debian's 6.1 early requests (a real boot under QEMU) for scenarios that list none. */
export function templateOps(): readonly EarlyOp[] {
  return preset('qemu-6.1-4g')?.kernel.memblock?.ops ?? [];
}

function inside(r: { start: number; end: number }, cap: CaptureBoot): boolean {
  const { window: w, low } = cap.layout;
  const within = (x: { start: number; end: number }) => r.start >= x.start && r.end <= x.end;
  return within(w) || (low !== null && within(low));
}

/**
 * `second`'s events appended to `first`'s as the capture-kernel phase, with the regions `keep`
 * accepts drawn in the window's lane (ids and steps renumbered after the first run's).
 */
export function appendPhase(
  first: Simulation,
  second: Simulation,
  keep: (r: Region) => boolean,
  intro = '',
): Simulation {
  const base = first.events.length;
  const idBase = first.regions.reduce((m, r) => Math.max(m, r.id + 1), 0);
  const kept = new Map<number, number>();
  const regions: Region[] = [...first.regions];
  for (const r of second.regions) {
    if (MAP_LANES.has(r.lane) || !keep(r)) continue;
    const id = idBase + kept.size;
    kept.set(r.id, id);
    regions.push({
      ...r,
      id,
      lane: 'crashkernel',
      label: `capture: ${r.label}`,
      born: r.born + base,
      ...(r.died === undefined ? {} : { died: r.died + base }),
    });
  }
  const events: BootEvent[] = [...first.events];
  second.events.forEach((e, i) => {
    const ids = e.regions.flatMap((id) => {
      const k = kept.get(id);
      return k === undefined ? [] : [k];
    });
    events.push({
      ...e,
      step: e.step + base,
      phase: 'capture-kernel',
      regions: ids,
      explain: i === 0 && intro ? `${intro} ${e.explain}` : e.explain,
    });
  });
  const moved = second.findings.map((f) => ({ ...f, step: f.step + base }));
  return { ...first, events, regions, findings: [...first.findings, ...moved] };
}

/** The first run followed by the capture kernel's boot. */
export function appendCapture(first: Simulation, cap: CaptureBoot): Simulation {
  return appendPhase(first, cap.sim, (r) => inside(r, cap), describeCapture(cap));
}

/** One paragraph: how kexec handed over the window and what the capture kernel has left. */
export function describeCapture(cap: CaptureBoot): string {
  const { layout } = cap;
  const k = layout.kernel;
  const mem = cap.sim.memory;
  return `The capture kernel boots in ${hex(layout.window.start)}-${hex(layout.window.end - 1)} (${humanSize(layout.window.end - layout.window.start)}) as ${layout.loader} hands it over: ${layout.loader === 'kexec_load' ? 'the firmware map with memmap=exactmap on the command line' : 'an e820 table of the low 1 MiB, firmware ranges and the window'}; its image at ${hex(k.start)}${layout.initrd ? `, initrd at ${hex(layout.initrd.start)}` : ''}, ELF core headers at ${hex(layout.elfcorehdr.start)}.${mem ? ` "${mem.line.replace(/ \(.*$/, '')}".` : ''} After boot the page allocator has ${humanSize(Math.max(0, cap.afterBoot))}; the dump's userspace needs ${humanSize(cap.needs.reduce((t, n) => t + n.bytes, 0))}.`;
}

/** The run with its capture kernel appended when a window was reserved and the boot could be made. */
export function withCaptureKernel(
  first: Simulation,
  run: Run,
  options: CaptureOptions = {},
): Simulation {
  if (first.panic || first.crashkernel.outcome !== 'reserved') return first;
  if (first.events.some((e) => e.kind === 'kexec-refused')) return first;
  const r = bootCaptureKernel(first, run, templateOps(), options);
  return r.ok ? appendCapture(first, r.boot) : first;
}
