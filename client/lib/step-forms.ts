/**
 * Every step's forms of an application's flow version, from `GET /api/applications/:id/steps`,
 * for "check your answers": the view only carries the current form, and this browser may not
 * have seen the earlier ones (another device, a crashed tab, a cleared session). Until the
 * answer arrives, or when it cannot (offline), the forms this tab has seen are used instead.
 * One request per flow version and page load.
 */
import { useEffect, useState } from 'react';
import type { SeenStepForm } from './answers.ts';
import { api } from './api.ts';
import { flowRef, seenStepForms } from './seen-forms.ts';
import type { FormView } from './types.ts';

type StepForms = { id: string; forms: FormView[] };

const byFlow = new Map<string, SeenStepForm[]>();

/** The server's steps as (step, form) pairs, in step order. Pure. */
export function toSeen(steps: readonly StepForms[]): SeenStepForm[] {
  return steps.flatMap((s) => s.forms.map((form) => ({ stepId: s.id, form })));
}

export function useStepForms(view: { id: string; flow: string; flowVersion: number }): readonly SeenStepForm[] {
  const ref = flowRef(view);
  const [known, setKnown] = useState<SeenStepForm[] | undefined>(() => byFlow.get(ref));
  useEffect(() => {
    const cached = byFlow.get(ref);
    if (cached) {
      setKnown(cached);
      return;
    }
    const controller = new AbortController();
    api<StepForms[]>(`/api/applications/${encodeURIComponent(view.id)}/steps`, { signal: controller.signal }).then(
      (steps) => {
        const seen = toSeen(steps);
        byFlow.set(ref, seen);
        setKnown(seen);
      },
      () => undefined, // offline or refused: the forms seen in this tab will do
    );
    return () => controller.abort();
  }, [ref, view.id]);
  return known ?? seenStepForms(ref);
}
