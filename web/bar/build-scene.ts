/**
 * A scene from plain inputs: what the bar shows of a simulation at a step, in a view. The
 * painter builds it from the stores every frame; the exports build it from the same state
 * without the pointer's highlights.
 */
import type { Advice, Simulation } from '../../src-core';
import { eventRange } from '../derived/event-range';
import { laneIndex } from '../derived/lane-index';
import type { Neutrals } from '../theme/palette';
import { indexSimulation } from '../derived/sim-index';
import { bitmapsAtStep } from '../derived/step-state';
import type { Layout } from '../viewport/layout';
import type { View } from '../viewport/viewport';
import { laneBoxes } from './geometry';
import type { Scene } from './scene';

export interface SceneInput {
  sim: Simulation;
  step: number;
  view: View;
  layout: Layout;
  width: number;
  colours: Neutrals;
  advice: Advice | null;
  selection: number | null;
  hoverRegion?: number | null;
  hoverStep?: number | null;
  /** Lower lanes (the compare view's bars). */
  compact?: boolean;
}

export function buildScene(ctx: CanvasRenderingContext2D, i: SceneInput): Scene {
  const si = indexSimulation(i.sim);
  const { lanes, height } = laneBoxes(si, i.advice ? ['advice'] : [], i.compact);
  const hoverStep = i.hoverStep ?? null;
  return {
    ctx,
    width: i.width,
    height,
    lanes,
    view: i.view,
    layout: i.layout,
    si,
    index: laneIndex(si, i.layout),
    step: i.step,
    bits: () => bitmapsAtStep(i.sim, i.step),
    colours: i.colours,
    hoverRegion: i.hoverRegion ?? null,
    selection: i.selection,
    linked: new Set(hoverStep === null ? [] : (si.regionsByStep.get(hoverStep) ?? [])),
    band: eventRange(i.sim.events[i.step]),
    hoverBand: eventRange(hoverStep === null ? undefined : i.sim.events[hoverStep]),
    advice: i.advice,
    seen: new Set(),
    axis: [],
  };
}
