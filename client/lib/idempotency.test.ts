import { describe, expect, it } from 'vitest';
import { stableStringify, submissionFor, uuid } from './idempotency.ts';
import { safeNext } from './nav.ts';
import { isMessageKey, pickText, translate } from './i18n.ts';

describe('submissionFor()', () => {
  it('reuses the key for a retry of the same submission and makes a new one otherwise', () => {
    let n = 0;
    const next = () => `k${++n}`;
    const first = submissionFor(null, stableStringify(['app', 3, 'SUBMIT', { a: 1, b: 2 }]), next);
    const retry = submissionFor(first, stableStringify(['app', 3, 'SUBMIT', { b: 2, a: 1 }]), next);
    const changed = submissionFor(retry, stableStringify(['app', 3, 'SUBMIT', { a: 1, b: 3 }]), next);
    expect(first.key).toBe('k1');
    expect(retry).toBe(first);
    expect(changed.key).toBe('k2');
  });
  it('makes v4 UUIDs', () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('stableStringify()', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(stableStringify({ b: [{ d: 1, c: undefined }], a: 'x' })).toBe('{"a":"x","b":[{"d":1}]}');
  });
});

describe('safeNext()', () => {
  it('allows paths on this site only', () => {
    expect(safeNext('/applications/1')).toBe('/applications/1');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });
});

describe('i18n', () => {
  it('translates with placeholders and falls back to Indonesian for server texts', () => {
    expect(translate('en', 'nav.signedInAs', { name: 'Siti' })).toBe('Logged in as Siti');
    expect(translate('id', 'nav.signedInAs', { name: 'Siti' })).toBe('Masuk sebagai Siti');
    expect(translate('id', 'nav.signedInAs')).toBe('Masuk sebagai {name}');
    expect(pickText('en', { id: 'Paspor baru', en: '' })).toBe('Paspor baru');
    expect(pickText('id', null)).toBe('');
    expect(isMessageKey('event.BACK')).toBe(true);
    expect(isMessageKey('event.NOPE')).toBe(false);
    expect(isMessageKey('toString')).toBe(false);
  });
});
