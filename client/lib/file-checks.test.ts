import { describe, expect, it } from 'vitest';
import { acceptOf, announcedPercent, checkFile, declaredMime, documentRules, formatBytes, isImageMime, MAX_DOCUMENT_BYTES, percentOf, sniffMime, typesText } from './file-checks.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const PDF = new TextEncoder().encode('%PDF-1.7');
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0);

describe('sniffMime()', () => {
  it('recognises JPEG, PNG and PDF by their first bytes', () => {
    expect(sniffMime(JPEG)).toBe('image/jpeg');
    expect(sniffMime(PNG)).toBe('image/png');
    expect(sniffMime(PDF)).toBe('application/pdf');
  });
  it('refuses anything else, and too few bytes', () => {
    expect(sniffMime(ZIP)).toBeNull();
    expect(sniffMime(bytes(0xff, 0xd8))).toBeNull();
    expect(sniffMime(bytes())).toBeNull();
  });
});

describe('checkFile()', () => {
  const file = (size: number, type = 'image/jpeg', name = 'ktp.jpg') => ({ name, size, type });

  it('accepts up to exactly 2 MiB and refuses one byte more, before looking at the content', () => {
    expect(checkFile(file(MAX_DOCUMENT_BYTES), JPEG)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(checkFile(file(MAX_DOCUMENT_BYTES + 1), ZIP)).toEqual({ ok: false, code: 'tooLarge' });
    expect(checkFile(file(10), JPEG, 5)).toEqual({ ok: false, code: 'tooLarge' });
  });
  it('refuses an empty file', () => {
    expect(checkFile(file(0), JPEG)).toEqual({ ok: false, code: 'empty' });
  });
  it('goes by content, not by name or declared type', () => {
    expect(checkFile(file(1000, 'application/pdf', 'scan.pdf'), ZIP)).toEqual({ ok: false, code: 'badType' });
    expect(checkFile(file(1000, 'application/octet-stream', 'scan'), PDF)).toEqual({ ok: true, mime: 'application/pdf' });
  });
  it('falls back to the declared type, then the extension, before the content is read', () => {
    expect(checkFile(file(1000, 'image/png', 'x'))).toEqual({ ok: true, mime: 'image/png' });
    expect(checkFile(file(1000, '', 'Scan.JPEG'))).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(checkFile(file(1000, 'image/heic', 'IMG_1.heic'))).toEqual({ ok: false, code: 'badType' });
  });
});

describe('the document kind’s declaration (view.documents)', () => {
  const file = (size: number, type: string, name: string) => ({ name, size, type });
  const photoOnly = { kind: 'photo', title: { id: 'Foto', en: 'Photo' }, types: ['image/jpeg', 'image/png'], maxBytes: 1024 * 1024, uploadedBy: ['officer'] };

  it('takes the kind’s types and size, else JPEG, PNG or PDF up to 2 MiB', () => {
    expect(documentRules(photoOnly)).toEqual({ maxBytes: 1024 * 1024, types: ['image/jpeg', 'image/png'] });
    expect(documentRules(undefined)).toEqual({ maxBytes: MAX_DOCUMENT_BYTES, types: ['image/jpeg', 'image/png', 'application/pdf'] });
    expect(documentRules({ ...photoOnly, types: [], maxBytes: 0 })).toEqual(documentRules(undefined));
  });
  it('refuses a type the kind does not accept, by content, and a size over the kind’s limit', () => {
    const { maxBytes, types } = documentRules(photoOnly);
    expect(checkFile(file(1000, 'application/pdf', 'scan.pdf'), PDF, maxBytes, types)).toEqual({ ok: false, code: 'badType' });
    expect(checkFile(file(1000, 'image/png', 'x.png'), PNG, maxBytes, types)).toEqual({ ok: true, mime: 'image/png' });
    expect(checkFile(file(maxBytes + 1, 'image/png', 'x.png'), PNG, maxBytes, types)).toEqual({ ok: false, code: 'tooLarge' });
  });
  it('says the types in words and offers them to the file picker', () => {
    expect(typesText(['image/jpeg', 'image/png', 'application/pdf'], 'en')).toBe('JPEG, PNG or PDF');
    expect(typesText(['image/jpeg', 'image/png'], 'id')).toBe('JPEG atau PNG');
    expect(typesText(['application/pdf'], 'id')).toBe('PDF');
    expect(acceptOf(['image/jpeg', 'application/pdf'])).toBe('image/jpeg,application/pdf');
  });
});

describe('declaredMime()', () => {
  it('maps browser types and extensions', () => {
    expect(declaredMime({ name: 'a', type: 'image/pjpeg' })).toBe('image/jpeg');
    expect(declaredMime({ name: 'a.pdf', type: '' })).toBe('application/pdf');
    expect(declaredMime({ name: 'a.docx', type: '' })).toBeNull();
    expect(declaredMime({ name: 'a.pdf', type: 'text/plain' })).toBeNull();
  });
  it('tells images apart', () => {
    expect([isImageMime('image/png'), isImageMime('image/jpeg'), isImageMime('application/pdf'), isImageMime(null)]).toEqual([true, true, false, false]);
  });
});

describe('formatBytes()', () => {
  it('writes sizes with the language’s decimal mark, never rounding up to the limit', () => {
    expect(formatBytes(MAX_DOCUMENT_BYTES, 'id')).toBe('2 MB');
    expect(formatBytes(MAX_DOCUMENT_BYTES + 1, 'en')).toBe('2 MB');
    expect(formatBytes(Math.round(1.55 * 1024 * 1024), 'id')).toBe('1,5 MB');
    expect(formatBytes(Math.round(1.55 * 1024 * 1024), 'en')).toBe('1.5 MB');
    expect(formatBytes(3.99 * 1024 * 1024, 'en')).toBe('3.9 MB');
    expect(formatBytes(850 * 1024, 'en')).toBe('850 KB');
    expect(formatBytes(12, 'id')).toBe('12 B');
  });
});

describe('progress', () => {
  it('is whole percent within 0–100, 0 for an unknown total', () => {
    expect(percentOf(0, 100)).toBe(0);
    expect(percentOf(333, 1000)).toBe(33);
    expect(percentOf(1000, 1000)).toBe(100);
    expect(percentOf(2000, 1000)).toBe(100);
    expect(percentOf(10, 0)).toBe(0);
  });
  it('is announced in quarters', () => {
    expect([0, 24, 25, 49, 74, 99, 100].map(announcedPercent)).toEqual([0, 0, 25, 25, 50, 75, 100]);
  });
});
