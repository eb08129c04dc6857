/**
 * One application's view from `GET /api/applications/:id`, for the pages that show and act on
 * it (the applicant's page, the officer's work page): the view, the problem that kept it from
 * loading, and `load(signal?)`, which resolves to true when the view arrived (false when it was
 * aborted or refused; the problem is then set). `setView` takes the answers to events.
 */
import { useCallback, useState } from 'react';
import { api, ApiProblem } from './api.ts';
import type { ApplicationView } from './types.ts';

export function useApplicationView<V extends ApplicationView = ApplicationView>(id: string) {
  const [view, setView] = useState<V | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoadProblem(null);
      try {
        setView(await api<V>(`/api/applications/${encodeURIComponent(id)}`, signal ? { signal } : {}));
        return true;
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') return false;
        if (!(err instanceof ApiProblem)) throw err;
        setLoadProblem(err);
        return false;
      }
    },
    [id],
  );
  return { view, setView, loadProblem, load };
}
