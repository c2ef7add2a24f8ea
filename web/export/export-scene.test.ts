import { describe, expect, it } from 'vitest';
import { advise, MiB, preset, simulate, type Advice, type Simulation } from '../../src-core';
import { laneDef } from '../derived/lanes';
import { indexSimulation } from '../derived/sim-index';
import { buildLayout, toU } from '../viewport/layout';
import { frameU } from '../viewport/viewport';
import {
  drawExport,
  exportScene,
  layoutExport,
  titleLines,
  type ExportInput,
} from './export-scene';
import { checkSvg } from './svg-check';
import { SvgContext } from './svg-context';

const seed = preset('seed-2.6.23')!;
const run = simulate(seed, 'bootmem-2.6.23');
if (!run.ok) throw new Error(run.error);
const sim: Simulation = run.sim;
const r = advise(seed, 'bootmem-2.6.23', 128 * MiB);
if (!r.ok) throw new Error(r.error);
const advice: Advice = r.advice;
const step = sim.events.findIndex((e) => e.label === 'crashkernel 128 MiB@16 MiB reserved');

/** The input the app would export: the seed at its crashkernel step, framed on 15–18 MiB. */
function input(withAdvice: boolean, frame = { start: 0xf00000, end: 0x1200000 }): ExportInput {
  const si = indexSimulation(sim);
  const layout = buildLayout({ boundaries: si.boundaries, keep: si.keep });
  const width = 1000;
  const view = frameU(toU(layout, frame.start), toU(layout, frame.end), {
    total: layout.total,
    width,
  });
  return {
    sim,
    step,
    view,
    layout,
    width,
    advice: withAdvice ? advice : null,
    selection: null,
    scenarioName: 'seed-2.6.23',
  };
}

function exportSvg(i: ExportInput): string {
  const svg = new SvgContext((_font, text) => text.length * 6);
  const ctx = svg as unknown as CanvasRenderingContext2D;
  const scene = exportScene(ctx, i);
  const layout = layoutExport(ctx, scene, i);
  drawExport(ctx, scene, layout, 1);
  return svg.toSvg(layout.width, layout.height, layout.lines[0]?.text ?? '');
}

describe('the exported SVG, drawn by the bar’s own code', () => {
  const svg = exportSvg(input(true));
  const r = checkSvg(svg);

  it('is well-formed SVG with no raster image in it', () => {
    expect(r.problems).toEqual([]);
    expect(r.elements[0]?.name).toBe('svg');
    expect(r.elements.some((e) => e.name === 'image')).toBe(false);
  });

  it('has a title line with scenario, model, step and the range kernel-style', () => {
    expect(step).toBeGreaterThan(0);
    expect(r.texts[0]).toBe(
      `seed-2.6.23 · bootmem-2.6.23 · step ${step}/${sim.events.length - 1} · [mem 0x0000000000f00000-0x00000000011fffff]`,
    );
    expect(r.texts).toContain(`cmdline: ${seed.cmdline}`);
  });

  it('labels every lane, the advisor’s included', () => {
    const lanes = [...indexSimulation(sim).lanes, 'advice' as const].map((l) => laneDef(l).title);
    for (const title of lanes) expect(r.texts).toContain(title);
    expect(r.texts).toContain('crashkernel bases');
  });

  it('has hex axis ticks with binary units, and names the 16 MiB landmark', () => {
    expect(r.texts).toContain('0x1000000');
    expect(r.texts).toContain('16 MiB · DMA32');
    expect(r.texts).toContain('0x1100000');
    expect(r.texts).toContain('17 MiB');
  });

  it('shows the conflict and the corrupting bases hatched, and the regions by name', () => {
    const hatched = r.elements.filter(
      (e) => e.name === 'rect' && e.attrs.fill?.startsWith('url(#hatch'),
    );
    expect(new Set(hatched.map((e) => e.attrs.fill)).size).toBe(2);
    expect(r.texts).toContain('double-reservation');
    expect(r.texts).toContain('node 0 bootmem bitmap');
    expect(r.texts.some((t) => t.startsWith('corrupts · bases 0x100000–0x111a000'))).toBe(true);
  });

  it('has the legend, with the advisor’s verdicts', () => {
    for (const label of [
      'bootmem bitmap',
      'conflict',
      'crashkernel base: safe',
      'base fails',
      'base corrupts',
      'current step',
    ])
      expect(r.texts).toContain(label);
  });

  it('leaves the advisor out when it is closed', () => {
    const plain = checkSvg(exportSvg(input(false)));
    expect(plain.problems).toEqual([]);
    expect(plain.texts).not.toContain('crashkernel bases');
    expect(plain.texts).not.toContain('base corrupts');
  });

  it('says so in the title when the view spans collapsed gaps', () => {
    const all = input(false, { start: 0, end: 96 * 2 ** 30 });
    expect(titleLines(sim, all)[0]).toMatch(
      /· \[mem 0x0000000000000000-0x[0-9a-f]{16}\] \(\d+ empty stretches collapsed\)$/,
    );
  });
});
