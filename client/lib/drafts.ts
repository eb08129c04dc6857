/**
 * Drafts: what the user typed in a form and has not sent yet, kept in localStorage so a reload,
 * a crash, a lost connection or coming back later does not lose it. One entry per application
 * and form (`alur.draft:<application id>/<form id>`), independent of the application's version,
 * so it survives other changes to the application. Entries expire 30 days after the last edit;
 * they are removed after a successful submit.
 *
 * Everything here takes the storage and the time as arguments (pure but for the storage it is
 * given), so it is tested without a browser.
 */
import { isRecord } from './json-pointer.ts';

type Data = Record<string, unknown>;

export const DRAFT_PREFIX = 'alur.draft:';
export const DRAFT_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const FORMAT = 1;

/** The part of `Storage` the drafts use (localStorage, or a Map-backed fake in tests). */
export type KeyValueStorage = {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

export type Draft = { data: Data; savedAt: number };

/** The storage key of a draft. Pure. */
export function draftKey(applicationId: string, formId: string): string {
  return `${DRAFT_PREFIX}${encodeURIComponent(applicationId)}/${encodeURIComponent(formId)}`;
}

/** `{applicationId, formId}` of a draft's storage key, or null for any other key. Pure. */
export function parseDraftKey(key: string): { applicationId: string; formId: string } | null {
  if (!key.startsWith(DRAFT_PREFIX)) return null;
  const [app, form, ...rest] = key.slice(DRAFT_PREFIX.length).split('/');
  if (!app || !form || rest.length) return null;
  try {
    return { applicationId: decodeURIComponent(app), formId: decodeURIComponent(form) };
  } catch {
    return null;
  }
}

/** The stored form of a draft. Pure. */
export function serializeDraft(data: Data, now: number): string {
  return JSON.stringify({ v: FORMAT, savedAt: now, data });
}

/** The draft in `raw`, or null if there is none, it is unreadable, or older than 30 days. Pure. */
export function restoreDraft(raw: string | null, now: number): Draft | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || parsed.v !== FORMAT || typeof parsed.savedAt !== 'number' || !isRecord(parsed.data)) return null;
  if (isExpired(parsed.savedAt, now)) return null;
  return { data: parsed.data, savedAt: parsed.savedAt };
}

/** True once a draft saved at `savedAt` is more than 30 days old. Pure. */
export function isExpired(savedAt: number, now: number): boolean {
  return !Number.isFinite(savedAt) || now - savedAt > DRAFT_TTL_MS;
}

/** The storage keys of every draft in `storage` (read first: callers may remove while going through). */
function draftKeys(storage: KeyValueStorage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && key.startsWith(DRAFT_PREFIX)) keys.push(key);
  }
  return keys;
}

/** The drafts of one application by form id; expired or unreadable ones are removed. */
export function loadDrafts(storage: KeyValueStorage, applicationId: string, now: number): Record<string, Draft> {
  const out: Record<string, Draft> = {};
  for (const key of draftKeys(storage)) {
    const parsed = parseDraftKey(key);
    if (!parsed || parsed.applicationId !== applicationId) continue;
    const draft = restoreDraft(storage.getItem(key), now);
    if (draft) out[parsed.formId] = draft;
    else storage.removeItem(key);
  }
  return out;
}

/** Saves a draft; false if the storage refused it (full, or disabled). */
export function saveDraft(storage: KeyValueStorage, applicationId: string, formId: string, data: Data, now: number): boolean {
  try {
    storage.setItem(draftKey(applicationId, formId), serializeDraft(data, now));
    return true;
  } catch {
    return false;
  }
}

export function removeDraft(storage: KeyValueStorage, applicationId: string, formId: string): void {
  storage.removeItem(draftKey(applicationId, formId));
}

/** Removes expired and unreadable drafts of every application; returns how many. */
export function pruneDrafts(storage: KeyValueStorage, now: number): number {
  let removed = 0;
  for (const key of draftKeys(storage)) {
    if (restoreDraft(storage.getItem(key), now)) continue;
    storage.removeItem(key);
    removed++;
  }
  return removed;
}

/** Removes every draft (e.g. when the user logs out of a shared device). */
export function removeAllDrafts(storage: KeyValueStorage): void {
  for (const key of draftKeys(storage)) storage.removeItem(key);
}

/** localStorage, or null where it cannot be used (privacy modes, disabled storage). */
export function browserStorage(): KeyValueStorage | null {
  try {
    if (typeof localStorage === 'undefined') return null;
    const probe = `${DRAFT_PREFIX}probe`;
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return null;
  }
}
