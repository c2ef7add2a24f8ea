/**
 * Shows what broke instead of a blank page, with a way back. Each panel has its own boundary,
 * so a bug in the inspector leaves the bar and the timeline working; the whole app has one
 * more. The error itself is reported by the root's onCaughtError (main.tsx).
 */
import { Component, type ReactNode } from 'react';
import './ui.css';

interface Props {
  children: ReactNode;
  /** What failed, for the message: "the inspector"; the whole app when absent. */
  part?: string;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const part = this.props.part;
    return (
      <div className={part ? 'crash crash-part' : 'crash'} role="alert">
        <h2>
          {part ? `bootmap hit a bug drawing ${part}` : 'bootmap hit a bug and stopped drawing'}
        </h2>
        <p className="mono">{error.message}</p>
        <p>
          Nothing was sent anywhere. Reloading redraws what the link in the address bar holds:
          scenario, model, step and range.
        </p>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try to continue
        </button>
      </div>
    );
  }
}
