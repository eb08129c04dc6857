/**
 * The events' forms the work page has met, per flow version: the view carries the forms of the
 * events that may be sent now only, so once an event has passed, this is where the page finds
 * the labels of what an officer recorded with it. Kept for the session (sessionStorage, memory
 * where that is unavailable), so a reload still knows them.
 */
import { isRecord } from '../../lib/json-pointer.ts';
import type { FormView } from '../../lib/types.ts';
import { mergeForms, type WorkEvent } from './work.ts';

const KEY = 'alur.eventForms';

type Store = Record<string, FormView[]>;

const isForm = (v: unknown): v is FormView => isRecord(v) && typeof v.id === 'string' && isRecord(v.schema);

/** The store in `raw` (unreadable parts dropped). Pure. */
export function parseEventForms(raw: string | null): Store {
  let parsed: unknown;
  try {
    parsed = raw ? JSON.parse(raw) : {};
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  const out: Store = {};
  for (const [ref, list] of Object.entries(parsed)) if (Array.isArray(list)) out[ref] = list.filter(isForm);
  return out;
}

let cache: Store | null = null;

function session(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function current(): Store {
  cache ??= parseEventForms(session()?.getItem(KEY) ?? null);
  return cache;
}

/** Remembers the forms of `events` for the flow version `ref`; returns every form known for it. */
export function rememberEventForms(ref: string, events: readonly WorkEvent[]): FormView[] {
  const known = current()[ref] ?? [];
  const merged = mergeForms(known, events);
  if (JSON.stringify(merged) !== JSON.stringify(known)) {
    cache = { ...current(), [ref]: merged };
    try {
      session()?.setItem(KEY, JSON.stringify(cache));
    } catch {
      // NOTE: a full or disabled storage only costs labels after a reload; memory still has them.
    }
  }
  return merged;
}
