/**
 * The step forms this browser tab has been shown, per flow version: the client only ever gets
 * the current step's form, so this is where "check your answers" finds the labels and steps of
 * earlier answers. Kept for the session (sessionStorage, memory where that is unavailable), so a
 * reload on the review step still knows them.
 */
import { isRecord } from './json-pointer.ts';
import type { SeenStepForm } from './answers.ts';
import type { FormView } from './types.ts';

const KEY = 'alur.seenForms';

/** Seen step forms by flow version (`key@version`). */
export type SeenStore = Record<string, SeenStepForm[]>;

export const flowRef = (view: { flow: string; flowVersion: number }) => `${view.flow}@${view.flowVersion}`;

/** `store` with `form` seen at `stepId` of `ref` (replacing an earlier sighting of the same pair). Pure. */
export function withSeen(store: SeenStore, ref: string, stepId: string, form: FormView): SeenStore {
  const list = (store[ref] ?? []).filter((f) => !(f.stepId === stepId && f.form.id === form.id));
  return { ...store, [ref]: [...list, { stepId, form }] };
}

function isSeenStepForm(v: unknown): v is SeenStepForm {
  return isRecord(v) && typeof v.stepId === 'string' && isRecord(v.form) && typeof v.form.id === 'string' && isRecord(v.form.schema);
}

/** The store in `raw` (unreadable parts dropped). Pure. */
export function parseSeenStore(raw: string | null): SeenStore {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  const out: SeenStore = {};
  for (const [ref, list] of Object.entries(parsed)) if (Array.isArray(list)) out[ref] = list.filter(isSeenStepForm);
  return out;
}

let cache: SeenStore | null = null;

function session(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function current(): SeenStore {
  if (!cache) {
    try {
      cache = parseSeenStore(session()?.getItem(KEY) ?? null);
    } catch {
      cache = {};
    }
  }
  return cache;
}

/** Remembers that the step `stepId` of the flow `ref` showed `form`. */
export function rememberStepForm(ref: string, stepId: string, form: FormView): void {
  const known = current()[ref]?.find((f) => f.stepId === stepId && f.form.id === form.id);
  if (known && JSON.stringify(known.form) === JSON.stringify(form)) return;
  cache = withSeen(current(), ref, stepId, form);
  try {
    session()?.setItem(KEY, JSON.stringify(cache));
  } catch {
    // NOTE: a full or disabled storage only costs labels after a reload; memory still has them.
  }
}

/** The step forms seen for the flow `ref`, oldest first. */
export function seenStepForms(ref: string): SeenStepForm[] {
  return current()[ref] ?? [];
}
