import { describe, expect, it } from 'vitest';
import {
  DRAFT_TTL_MS,
  draftKey,
  isExpired,
  loadDrafts,
  parseDraftKey,
  pruneDrafts,
  removeAllDrafts,
  removeDraft,
  restoreDraft,
  saveDraft,
  serializeDraft,
  type KeyValueStorage,
} from './drafts.ts';

/** A Map-backed stand-in for localStorage (optionally refusing writes, like a full quota). */
function fakeStorage(initial: Record<string, string> = {}, full = false): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
  };
}

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 10);

describe('draft keys', () => {
  it('name the application and the form, not the version, and round-trip odd characters', () => {
    expect(draftKey('app-1', 'passport-identity')).toBe('alur.draft:app-1/passport-identity');
    expect(parseDraftKey(draftKey('a/b c', 'f:1/x'))).toEqual({ applicationId: 'a/b c', formId: 'f:1/x' });
    expect(parseDraftKey('alur_lang')).toBeNull();
    expect(parseDraftKey('alur.draft:only-app')).toBeNull();
    expect(parseDraftKey('alur.draft:%E0%A4%A/form')).toBeNull();
  });
});

describe('serializeDraft() / restoreDraft()', () => {
  it('round-trips the data with the time it was saved', () => {
    const raw = serializeDraft({ fullName: 'Siti Aminah', validityYears: 10, nested: { a: [1] } }, T0);
    expect(restoreDraft(raw, T0 + DAY)).toEqual({ data: { fullName: 'Siti Aminah', validityYears: 10, nested: { a: [1] } }, savedAt: T0 });
  });
  it('expires after 30 days, not before', () => {
    const raw = serializeDraft({ a: 1 }, T0);
    expect(restoreDraft(raw, T0 + DRAFT_TTL_MS)).not.toBeNull();
    expect(restoreDraft(raw, T0 + DRAFT_TTL_MS + 1)).toBeNull();
    expect(DRAFT_TTL_MS).toBe(30 * DAY);
    expect(isExpired(Number.NaN, T0)).toBe(true);
  });
  it('ignores what it cannot read', () => {
    for (const raw of [null, '', 'not json', '[]', '{"v":2,"savedAt":1,"data":{}}', `{"v":1,"savedAt":"x","data":{}}`, `{"v":1,"savedAt":${T0},"data":[1]}`]) {
      expect(restoreDraft(raw, T0)).toBeNull();
    }
  });
});

describe('loadDrafts() / saveDraft() / removeDraft()', () => {
  it('loads one application\'s drafts by form id and drops its expired ones', () => {
    const s = fakeStorage({ alur_lang: 'en' });
    saveDraft(s, 'app-1', 'identity', { fullName: 'Budi' }, T0);
    saveDraft(s, 'app-1', 'old', { x: 1 }, T0 - 31 * DAY);
    saveDraft(s, 'app-2', 'identity', { fullName: 'Other' }, T0);
    s.map.set(draftKey('app-1', 'broken'), '{oops');
    expect(loadDrafts(s, 'app-1', T0)).toEqual({ identity: { data: { fullName: 'Budi' }, savedAt: T0 } });
    expect(s.map.has(draftKey('app-1', 'old'))).toBe(false);
    expect(s.map.has(draftKey('app-1', 'broken'))).toBe(false);
    expect(s.map.has(draftKey('app-2', 'identity'))).toBe(true);
    expect(s.map.get('alur_lang')).toBe('en');
    removeDraft(s, 'app-1', 'identity');
    expect(loadDrafts(s, 'app-1', T0)).toEqual({});
  });
  it('a later save replaces the earlier one (one entry per application and form)', () => {
    const s = fakeStorage();
    saveDraft(s, 'app-1', 'identity', { fullName: 'B' }, T0);
    saveDraft(s, 'app-1', 'identity', { fullName: 'Budi' }, T0 + 1000);
    expect(s.map.size).toBe(1);
    expect(loadDrafts(s, 'app-1', T0 + 2000).identity?.data).toEqual({ fullName: 'Budi' });
  });
  it('reports a storage that refuses the write instead of throwing', () => {
    expect(saveDraft(fakeStorage({}, true), 'app-1', 'identity', { a: 1 }, T0)).toBe(false);
  });
});

describe('pruneDrafts() / removeAllDrafts()', () => {
  it('removes expired and unreadable drafts of every application, and only drafts', () => {
    const s = fakeStorage({ alur_lang: 'id', 'alur.draft:x/y': 'garbage' });
    saveDraft(s, 'a', 'f', { v: 1 }, T0 - 40 * DAY);
    saveDraft(s, 'b', 'f', { v: 2 }, T0 - 10 * DAY);
    expect(pruneDrafts(s, T0)).toBe(2);
    expect([...s.map.keys()].sort()).toEqual(['alur.draft:b/f', 'alur_lang']);
    removeAllDrafts(s);
    expect([...s.map.keys()]).toEqual(['alur_lang']);
  });
});
