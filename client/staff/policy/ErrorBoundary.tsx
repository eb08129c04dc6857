/** Keeps a broken preview (a half-written form that RJSF cannot render) from taking the editor down. */
import { Component, type ReactNode } from 'react';

export class PreviewBoundary extends Component<{ children: ReactNode; fallback: (message: string) => ReactNode; resetKey: string }, { error: string | null; key: string }> {
  override state = { error: null as string | null, key: this.props.resetKey };
  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: string | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override render() {
    return this.state.error === null ? this.props.children : this.props.fallback(this.state.error);
  }
}
