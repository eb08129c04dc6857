import { describe, expect, it } from 'vitest';
import { defaultVersion, emptyNewFlow, fieldOfPointer, keyMessage, newFlowBody, newFlowProblems, suggestKey } from './new-flow.ts';
import type { FlowEntry, VersionSummary } from './model.ts';
import { texts } from './texts.ts';

const say = (m: ReturnType<typeof keyMessage>, lang: 'id' | 'en' = 'en') => (m ? texts.text(lang, m.text, m.params) : null);

describe('keyMessage: the flow key rule in words', () => {
  it('accepts keys matching ^[a-z][a-z0-9-]{2,47}$', () => {
    for (const key of ['abc', 'stay-permit', 'izin-tinggal-2', 'a'.repeat(48), 'b2b']) expect(keyMessage(key), key).toBeNull();
  });
  it('says what is wrong, and suggests a key when one can be made', () => {
    expect(say(keyMessage(''))).toBe('Enter a flow key');
    expect(say(keyMessage('Stay-Permit'))).toBe('The key can only use lowercase letters, for example “stay-permit”');
    expect(say(keyMessage('stay permit'))).toBe('The key can only contain lowercase letters a–z, digits 0–9 and hyphens (-), without spaces, for example “stay-permit”');
    expect(say(keyMessage('izin_tinggal'), 'id')).toBe('Kunci hanya boleh berisi huruf kecil a–z, angka 0–9 dan tanda hubung (-), tanpa spasi, misalnya “izin-tinggal”');
    expect(say(keyMessage('2nd-permit'))).toBe('The key must start with a letter');
    expect(say(keyMessage('-permit'))).toBe('The key must start with a letter, for example “permit”');
    expect(say(keyMessage('ab'))).toBe('The key must be at least 3 characters');
    expect(say(keyMessage('ab'), 'id')).toBe('Kunci paling sedikit 3 karakter');
    expect(say(keyMessage('a'.repeat(49)))).toBe('The key must be 48 characters or fewer');
    expect(say(keyMessage('Stay_Permit'))).toBe('The key can only contain lowercase letters a–z, digits 0–9 and hyphens (-), without spaces, for example “stay-permit”');
    expect(say(keyMessage('Izin Tinggal'))).toMatch(/without spaces, for example “izin-tinggal”$/);
  });
  it('names a key that is taken', () => {
    expect(say(keyMessage('stay-permit', ['stay-permit']))).toBe('A flow with the key “stay-permit” already exists. Choose another key, or create a new draft of that flow');
    expect(keyMessage('Stay-Permit', ['stay-permit'])).toEqual({ text: 'new.err.keyUpper' });
  });
  it('every message exists in both languages', () => {
    for (const key of ['', 'Ab', 'A B', '1ab', 'ab', 'a'.repeat(60), 'abc-Δ', 'taken']) {
      const m = keyMessage(key, ['taken']);
      if (!m) continue;
      expect(texts.has(m.text), m.text).toBe(true);
      expect(texts.text('en', m.text, m.params)).not.toMatch(/[{}]/);
      expect(texts.text('id', m.text, m.params)).not.toMatch(/[{}]/);
    }
  });
});

describe('suggestKey', () => {
  it('makes a key of a title or a mistyped key', () => {
    expect(suggestKey('Izin Tinggal Terbatas')).toBe('izin-tinggal-terbatas');
    expect(suggestKey('Perpanjangan Izin — Pekerja Asing')).toBe('perpanjangan-izin-pekerja-asing');
    expect(suggestKey('Café permit')).toBe('cafe-permit');
    expect(suggestKey('12')).toBeNull();
    expect(suggestKey('ab')).toBeNull();
  });
});

describe('newFlowProblems and newFlowBody', () => {
  const ok = { ...emptyNewFlow, key: 'stay-permit', titleId: 'Izin tinggal', titleEn: 'Stay permit' };
  it('finds every missing answer in the order of the form', () => {
    expect(newFlowProblems(emptyNewFlow).map((p) => [p.field, p.text])).toEqual([
      ['key', 'new.err.keyEmpty'],
      ['titleId', 'new.err.titleId'],
      ['titleEn', 'new.err.titleEn'],
    ]);
    expect(newFlowProblems({ ...ok, start: 'copy' }).map((p) => p.field)).toEqual(['fromFlow']);
    expect(newFlowProblems({ ...ok, start: 'copy', fromFlow: 'demo' }).map((p) => p.field)).toEqual(['fromVersion']);
    expect(newFlowProblems({ ...ok, titleEn: '   ' }).map((p) => p.field)).toEqual(['titleEn']);
    expect(newFlowProblems(ok, ['stay-permit']).map((p) => p.text)).toEqual(['new.err.keyTaken']);
    expect(newFlowProblems({ ...ok, key: ' stay-permit ' })).toEqual([]);
  });
  it('sends the trimmed key and titles, and the version to copy when copying', () => {
    expect(newFlowBody({ ...ok, key: ' stay-permit ', titleId: ' Izin tinggal ', fromFlow: 'x', fromVersion: '2' })).toEqual({ key: 'stay-permit', title: { id: 'Izin tinggal', en: 'Stay permit' } });
    expect(newFlowBody({ ...ok, start: 'copy', fromFlow: 'demo', fromVersion: '3' })).toEqual({ key: 'stay-permit', title: { id: 'Izin tinggal', en: 'Stay permit' }, from: { flow: 'demo', version: 3 } });
  });
});

describe('fieldOfPointer', () => {
  it("places the server's 422 errors on their fields", () => {
    expect(fieldOfPointer('/key')).toBe('key');
    expect(fieldOfPointer('/title')).toBe('titleId');
    expect(fieldOfPointer('/title/id')).toBe('titleId');
    expect(fieldOfPointer('/title/en')).toBe('titleEn');
    expect(fieldOfPointer('/from')).toBe('fromFlow');
    expect(fieldOfPointer('/from/flow')).toBe('fromFlow');
    expect(fieldOfPointer('/from/version')).toBe('fromVersion');
    expect(fieldOfPointer('')).toBeNull();
    expect(fieldOfPointer('/other')).toBeNull();
  });
});

describe('defaultVersion', () => {
  const v = (version: number, status: VersionSummary['status']): VersionSummary => ({ key: 'demo', version, status, checksum: 'c', createdAt: '', createdBy: null, publishedAt: null, publishedBy: null });
  const flow = (versions: VersionSummary[]): FlowEntry => ({ key: 'demo', title: { id: 'Demo', en: 'Demo' }, listed: true, versions });
  it('copies the latest published version, else the latest', () => {
    expect(defaultVersion(flow([v(1, 'retired'), v(3, 'draft'), v(2, 'published')]))).toBe('2');
    expect(defaultVersion(flow([v(1, 'draft')]))).toBe('1');
    expect(defaultVersion(flow([]))).toBe('');
    expect(defaultVersion(undefined)).toBe('');
  });
});
