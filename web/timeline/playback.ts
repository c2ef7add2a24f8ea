/** Play: advance one step at the chosen speed until the last step, then stop. */
import { lastStepOf, stepBy, useDoc } from '../state/doc-store';
import { useView } from '../state/view-store';

let timer: ReturnType<typeof setTimeout> | undefined;

function tick(): void {
  const { playing, speed } = useView.getState();
  if (!playing) return;
  if (useDoc.getState().step >= lastStepOf()) {
    useView.setState({ playing: false });
    return;
  }
  stepBy(1);
  timer = setTimeout(tick, 1000 / speed);
}

export function setPlaying(on: boolean): void {
  clearTimeout(timer);
  if (on && useDoc.getState().step >= lastStepOf()) useDoc.setState({ step: 0 });
  useView.setState({ playing: on });
  if (on) timer = setTimeout(tick, 1000 / useView.getState().speed);
}

export const togglePlay = (): void => setPlaying(!useView.getState().playing);

/** Any manual step stops playback, as in a media player. */
export function stopPlaying(): void {
  if (useView.getState().playing) setPlaying(false);
}
