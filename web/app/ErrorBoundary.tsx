/** Shows what broke instead of a blank page, with a way back to the default view. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('bootmap crashed while drawing', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1>bootmap hit a bug and stopped drawing</h1>
        <p>{error.message}</p>
        <p>
          Nothing was sent anywhere. Reloading starts again from the default scenario; the link in
          the address bar keeps the step you were on.
        </p>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try to continue
        </button>
      </main>
    );
  }
}
