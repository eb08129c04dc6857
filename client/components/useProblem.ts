import { useCallback, useState } from 'react';
import { ApiProblem } from '../lib/api.ts';

/**
 * The latest problem of an action, with an attempt counter to key the error summary by (so it
 * takes focus and is announced again on every failed attempt). `report` rethrows anything that
 * is not an `ApiProblem` (a bug, not a server answer).
 */
export function useProblem() {
  const [state, setState] = useState<{ problem: ApiProblem; attempt: number } | null>(null);
  const report = useCallback((err: unknown) => {
    if (!(err instanceof ApiProblem)) throw err;
    setState((s) => ({ problem: err, attempt: (s?.attempt ?? 0) + 1 }));
  }, []);
  const clear = useCallback(() => setState(null), []);
  return { problem: state?.problem ?? null, attempt: state?.attempt ?? 0, report, clear };
}
