/** Loads an API answer for a page: `{data, problem, reload}`; aborts on change or unmount. */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem } from '../../lib/api.ts';

export type Loaded<T> = { data: T | null; problem: ApiProblem | null; reload: () => void };

export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ path: string | null; data: T | null; problem: ApiProblem | null }>({ path: null, data: null, problem: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal }).then(
      (data) => setState({ path, data, problem: null }),
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (err instanceof ApiProblem) setState({ path, data: null, problem: err });
        else throw err;
      },
    );
    return () => controller.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const fresh = state.path === path;
  return { data: fresh ? state.data : null, problem: fresh ? state.problem : null, reload };
}
