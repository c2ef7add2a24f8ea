/**
 * Stepping controls: first / previous / play-pause / next / last, speed, and a scrubber whose
 * track shows the boot phases and, in red, the steps where something went wrong.
 */
import { memo, useDeferredValue, useMemo } from 'react';
import { PHASE_TITLES } from '../../src-core';
import { firstStep, goLast, simOf, setStep, stepBy, useDoc } from '../state/doc-store';
import { useView } from '../state/view-store';
import { stopPlaying, togglePlay } from './playback';
import { ToolButton } from '../ui/ToolButton';
import { Icon } from './icons';
import { phaseGroups, type PhaseGroup } from './rows';

const SPEEDS = [0.5, 1, 2, 4, 8, 16];

/** More phase spans than this are made in a render of their own, after the run's first. */
const DEFER_SPANS = 200;
const NO_GROUPS: readonly PhaseGroup[] = [];

/** The scrubber's track: phases as coloured spans, findings as red ticks. Per simulation. */
const ScrubberTrack = memo(function ScrubberTrack() {
  const sim = useDoc((s) => simOf(s));
  const groups = useMemo(() => (sim ? phaseGroups(sim.events) : NO_GROUPS), [sim]);
  // A big imported log has 1,000s of phase runs: their spans come in a background render,
  // which React makes in slices between frames, so the run's first draw does not wait on them.
  const later = useDeferredValue(groups, NO_GROUPS);
  const shown = groups.length > DEFER_SPANS ? later : groups;
  const last = Math.max(1, (sim?.events.length ?? 1) - 1);
  const pct = (s: number) => `${(s / last) * 100}%`;
  return (
    <div className="track" aria-hidden>
      {/* One box for the spans: made with them, it goes in the page whole, not span by span. */}
      {shown.length > 0 && (
        <div className="phases">
          {shown.map((g) => (
            <span
              key={g.key}
              className={`phase phase-${g.phase}`}
              style={{ left: pct(g.first), width: `calc(${pct(g.last)} - ${pct(g.first)} + 2px)` }}
              title={PHASE_TITLES[g.phase]}
            />
          ))}
        </div>
      )}
      {sim?.findings.map((f) => (
        <span
          key={`${f.kind}-${f.step}`}
          className="finding-tick"
          style={{ left: pct(f.step) }}
          title={f.kind}
        />
      ))}
    </div>
  );
});

/** `run` names the run shown (source and model). */
export function Transport({ run }: { run: string }) {
  const sim = useDoc((s) => simOf(s));
  const step = useDoc((s) => s.step);
  const playing = useView((s) => s.playing);
  const speed = useView((s) => s.speed);
  const total = sim?.events.length ?? 0;
  const last = Math.max(0, total - 1);
  const manual = (f: () => void) => () => {
    stopPlaying();
    f();
  };
  return (
    <div className="transport">
      <div className="buttons" role="group" aria-label="Step controls">
        <ToolButton label="First step (Home)" onClick={manual(firstStep)} disabled={step === 0}>
          <Icon name="first" />
        </ToolButton>
        <ToolButton
          label="Previous step (← or ,)"
          onClick={manual(() => stepBy(-1))}
          disabled={step === 0}
        >
          <Icon name="prev" />
        </ToolButton>
        <ToolButton
          label={playing ? 'Pause (space)' : 'Play (space)'}
          onClick={togglePlay}
          aria-pressed={playing}
          data-testid="play"
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </ToolButton>
        <ToolButton
          label="Next step (→ or .)"
          onClick={manual(() => stepBy(1))}
          disabled={step >= last}
        >
          <Icon name="next" />
        </ToolButton>
        <ToolButton label="Last step (End)" onClick={manual(goLast)} disabled={step >= last}>
          <Icon name="last" />
        </ToolButton>
        <label className="speed">
          <span className="sr-only">Playback speed</span>
          <select
            value={speed}
            onChange={(e) => useView.setState({ speed: Number(e.target.value) })}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s} step/s
              </option>
            ))}
          </select>
        </label>
        <span className="counter mono" data-testid="step-counter" aria-live="polite">
          Step {step} / {last}
        </span>
      </div>
      <div className="scrubber">
        {/* A new run's track is made afresh: its spans (1,000s on a big imported log) go in
            the page together, not placed one by one among the last run's. */}
        <ScrubberTrack key={run} />
        <input
          type="range"
          min={0}
          max={last}
          value={step}
          aria-label="Step"
          aria-valuetext={
            sim?.events[step] ? `Step ${step}: ${sim.events[step].label}` : `Step ${step}`
          }
          onChange={(e) => {
            stopPlaying();
            setStep(Number(e.target.value));
          }}
          data-testid="scrubber"
        />
      </div>
    </div>
  );
}
