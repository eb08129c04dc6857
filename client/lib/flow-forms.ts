/**
 * Every form of an application's flow version, from `GET /api/applications/:id/forms`: a staff
 * work page labels what was recorded with events that have passed (the view carries only the
 * forms of the events that may be sent now). One request per flow version and page load; until
 * the answer arrives, or when it cannot (offline), the current events' forms are all there is.
 */
import { useEffect, useState } from 'react';
import { api } from './api.ts';
import { flowRef } from './seen-forms.ts';
import type { FormView } from './types.ts';

const byFlow = new Map<string, FormView[]>();

export function useFlowForms(view: { id: string; flow: string; flowVersion: number } | null): readonly FormView[] {
  const ref = view ? flowRef(view) : '';
  const [forms, setForms] = useState<FormView[] | undefined>(() => byFlow.get(ref));
  useEffect(() => {
    if (!view) return;
    const cached = byFlow.get(ref);
    if (cached) {
      setForms(cached);
      return;
    }
    const controller = new AbortController();
    api<FormView[]>(`/api/applications/${encodeURIComponent(view.id)}/forms`, { signal: controller.signal }).then(
      (all) => {
        byFlow.set(ref, all);
        setForms(all);
      },
      () => undefined, // offline or refused: the events' own forms will do
    );
    return () => controller.abort();
    // NOTE: keyed by the flow version alone: a new view of the same version needs no new request.
  }, [ref]);
  return forms ?? [];
}
